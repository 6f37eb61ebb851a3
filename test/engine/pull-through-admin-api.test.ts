import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serveModelFiles, type ModelFileServer } from '../../src/engine/model-store/testing/serve-model-files.js';
import { runCliCaptured } from '../../src/cli/testing/run-cli-captured.js';
import { writeTinyLlamaGguf } from '../support/gguf/write-tiny-gguf.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

interface PullLine {
  object: string;
  id: string;
  status: string;
  name: string | null;
  completed_bytes: number;
  total_bytes: number | null;
  model?: { name: string; sha256: string; size_bytes: number; architecture: string | null };
  sha256_verified?: boolean;
  resumed_from_bytes?: number;
  error?: { code: string; message: string };
}

// Pulling a model into the local store through the admin API, against a loopback file server standing in
// for Hugging Face: progress streamed as JSON lines, errors answered before the stream, a pull shared by two
// callers, and one that outlives its client until cancelled, then resumes.
describe('pulling local models through the admin API', () => {
  let directory: string;
  let gguf: Buffer;
  let files: ModelFileServer;
  let hangar: HangarUnderTest;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-admin-pull-'));
    await writeTinyLlamaGguf(join(directory, 'tiny.gguf'), { seed: 3, contextLength: 256 });
    gguf = await readFile(join(directory, 'tiny.gguf'));
    // About 0.8 s per download: long enough to watch, short enough for CI.
    const paced = { body: gguf, bytesPerSecond: Math.ceil(gguf.length / 0.8) };
    files = await serveModelFiles({
      '/files/paced.gguf': paced,
      '/files/shared.gguf': paced,
      '/files/whole.gguf': { body: gguf },
      '/files/slow.gguf': { body: gguf, bytesPerSecond: Math.ceil(gguf.length / 30) },
      // The same file at full speed, to resume what a cancelled slow pull left.
      '/fast/slow.gguf': { body: gguf },
      '/files/by-cli.gguf': paced,
      '/files/notes.gguf': { body: Buffer.from('not a model\n'.repeat(64)) },
    });
    hangar = await startHangar({
      yaml: 'models: []\n',
      env: { HANGAR_ENGINE_THREADS: '1', HANGAR_ENGINE_GPU: 'false' },
    });
  });
  after(async () => {
    await hangar?.close();
    await files?.close();
    await rm(directory, { recursive: true, force: true });
  });

  const pull = (body: object, signal?: AbortSignal) =>
    fetch(`${hangar.url}/admin/engine/models/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hangar.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(signal === undefined ? {} : { signal }),
    });
  const admin = async (method: string, path: string) => {
    const response = await fetch(`${hangar.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${hangar.adminKey}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const readLines = async (response: Response) =>
    (await response.text())
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as PullLine);

  it('streams progress as JSON lines and ends with the stored model', async () => {
    const response = await pull({ source: `${files.url}/files/paced.gguf` });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
    const lines = await readLines(response);

    const downloading = lines.filter((line) => line.status === 'downloading');
    assert.ok(downloading.length >= 3, `several progress lines, got ${JSON.stringify(lines.map((l) => l.status))}`);
    for (let index = 1; index < downloading.length; index++) {
      assert.ok(downloading[index]!.completed_bytes >= downloading[index - 1]!.completed_bytes, 'progress only grows');
    }
    assert.ok(downloading.some((line) => line.completed_bytes > 0 && line.completed_bytes < gguf.length));
    assert.ok(downloading.every((line) => line.total_bytes === gguf.length));
    assert.ok(new Set(lines.map((line) => line.id)).size === 1, 'every line is the same pull');

    const last = lines.at(-1)!;
    assert.equal(last.status, 'success');
    assert.equal(last.completed_bytes, gguf.length);
    assert.equal(last.model?.name, 'paced');
    assert.equal(last.model?.architecture, 'llama');
    assert.equal(last.model?.sha256, createHash('sha256').update(gguf).digest('hex'));
    assert.equal(last.sha256_verified, true, 'checked against the ETag the server advertised');

    const stored = await admin('GET', '/admin/engine/models');
    assert.deepEqual(
      (stored.body.data as { name: string }[]).map((model) => model.name),
      ['paced'],
    );
    assert.deepEqual((await admin('GET', '/admin/engine/pulls')).body.data, [], 'a finished pull is no longer listed');
  });

  it('answers a wrong request with an error, not a stream', async () => {
    const missing = await pull({});
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as { error: { param: string } }).error.param, 'source');

    const badSource = await pull({ source: 'ftp://example.org/model.gguf' });
    assert.equal(badSource.status, 400);
    const badBody = (await badSource.json()) as { error: { code: string; param: string; message: string } };
    assert.equal(badBody.error.code, 'invalid_request');
    assert.equal(badBody.error.param, 'source');
    assert.match(badBody.error.message, /ftp:\/\/example\.org/);

    const notThere = await pull({ source: `${files.url}/files/absent.gguf` });
    assert.equal(notThere.status, 404);
    assert.equal(((await notThere.json()) as { error: { code: string } }).error.code, 'not_found');

    const taken = await pull({ source: `${files.url}/files/whole.gguf`, name: 'paced' });
    assert.equal(taken.status, 400);
    assert.match(((await taken.json()) as { error: { message: string } }).error.message, /already exists/);

    const unknown = await pull({ source: `${files.url}/files/whole.gguf`, quantisation: 'Q4_K_M' });
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'unknown_parameter');
  });

  it('ends the stream with an error line when the download turns out not to be a model', async () => {
    const response = await pull({ source: `${files.url}/files/notes.gguf` });
    assert.equal(response.status, 200, 'the download had begun, so the answer is already a stream');
    const last = (await readLines(response)).at(-1)!;
    assert.equal(last.status, 'error');
    assert.equal(last.error?.code, 'invalid_request');
    assert.match(last.error?.message ?? '', /not a usable GGUF/);
    const stored = await admin('GET', '/admin/engine/models');
    assert.ok(!(stored.body.data as { name: string }[]).some((model) => model.name === 'notes'));
  });

  it('returns the finished pull at once with stream: false', async () => {
    const response = await pull({ source: `${files.url}/files/whole.gguf`, name: 'whole-model', stream: false });
    assert.equal(response.status, 200);
    const body = (await response.json()) as PullLine;
    assert.equal(body.object, 'model_pull');
    assert.equal(body.status, 'success');
    assert.equal(body.name, 'whole-model');
    assert.equal(body.model?.size_bytes, gguf.length);
  });

  it('gives two callers pulling the same model one download', async () => {
    const before = files.requests.filter((request) => request.path === '/files/shared.gguf').length;
    const [first, second] = await Promise.all([
      pull({ source: `${files.url}/files/shared.gguf` }).then(readLines),
      pull({ source: `${files.url}/files/shared.gguf` }).then(readLines),
    ]);
    assert.equal(first.at(-1)!.status, 'success');
    assert.equal(second.at(-1)!.status, 'success');
    assert.equal(first[0]!.id, second[0]!.id, 'the second caller joined the first pull');
    const after = files.requests.filter((request) => request.path === '/files/shared.gguf').length;
    assert.equal(after - before, 1, 'the file was downloaded once');
  });

  it('keeps pulling when the client goes, lists the pull, cancels it, and resumes it later', async () => {
    const client = new AbortController();
    const response = await pull({ source: `${files.url}/files/slow.gguf`, name: 'slow' }, client.signal);
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    const firstLine = JSON.parse(new TextDecoder().decode(value).split('\n')[0]!) as PullLine;
    client.abort();

    await new Promise((resolve) => setTimeout(resolve, 300));
    const running = await admin('GET', '/admin/engine/pulls');
    const listed = running.body.data as PullLine[];
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.id, firstLine.id);
    assert.equal(listed[0]!.status, 'downloading');
    assert.ok(listed[0]!.completed_bytes > 0);

    const cancelled = await admin('DELETE', `/admin/engine/pulls/${firstLine.id}`);
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'cancelled');
    const kept = cancelled.body.completed_bytes as number;
    assert.ok(kept > 0 && kept < gguf.length);
    assert.deepEqual((await admin('GET', '/admin/engine/pulls')).body.data, []);
    const again = await admin('DELETE', `/admin/engine/pulls/${firstLine.id}`);
    assert.equal(again.status, 404);

    // The same file from a faster server, under the same name, continues the partial download.
    const resumed = await pull({ source: `${files.url}/fast/slow.gguf`, name: 'slow', stream: false });
    const body = (await resumed.json()) as PullLine;
    assert.equal(body.status, 'success', JSON.stringify(body));
    assert.equal(body.resumed_from_bytes, kept, 'the cancelled pull left its partial file to resume from');
    assert.equal(
      files.requests.filter((request) => request.path === '/fast/slow.gguf').at(-1)?.range,
      `bytes=${kept}-`,
    );
  });

  it('pulls, lists and cancels from the CLI through a running server', async () => {
    const env = { HANGAR_ADMIN_KEY: hangar.adminKey };
    const pulled = await runCliCaptured(['engine', 'pull', `${files.url}/files/by-cli.gguf`], hangar.url, env);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(
      pulled.stdout,
      /^Pulled by-cli \(\d+\.\d MB\) into the server's store\nsha256 [0-9a-f]{64} \(verified\)\n$/,
    );
    assert.match(pulled.stderr, /100% {2}.* in \d+s/, 'progress reached the end');

    const listed = await runCliCaptured(['engine', 'pulls'], hangar.url, env);
    assert.equal(listed.stdout, 'No pull is running.\n');

    const failed = await runCliCaptured(
      ['engine', 'pull', `${files.url}/files/notes.gguf`, '--name', 'notes2'],
      hangar.url,
      env,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /not a usable GGUF/);

    const unknown = await runCliCaptured(['engine', 'cancel-pull', 'pull_0000'], hangar.url, env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No pull 'pull_0000' is running/);
  });
});
