import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  serveModelFiles,
  servedJson,
  type ModelFileServer,
} from '../../engine/model-store/testing/serve-model-files.js';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { runCli } from '../run-cli.js';
import { createProgressReporter, formatDuration } from './models.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-models-cli-'));
const dataDir = join(directory, 'data');
const ggufPath = join(directory, 'tiny.gguf');
let server: ModelFileServer;

/** Terminal control sequences spelled out, so assertions read (and lint) as plain text. */
function visible(text: string): string {
  return text.replaceAll('\r', '<CR>').replaceAll('\u001b[K', '<clear line>');
}

async function hangar(argv: string[], options: { tty?: boolean; huggingFaceUrl?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty === true },
    env: { HANGAR_DATA_DIR: dataDir, HANGAR_HF_ENDPOINT: options.huggingFaceUrl ?? server.url },
  });
  return { code, stdout, stderr };
}

describe('hangar models', () => {
  before(async () => {
    await writeTinyLlamaGguf(ggufPath, { chatTemplate: '<|user|>{{ content }}\n<|assistant|>' });
    const body = readFileSync(ggufPath);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const lfs = (path: string) => ({ type: 'file', path, size: body.length, lfs: { oid: sha256, size: body.length } });
    server = await serveModelFiles({
      '/someone/tiny-repo/resolve/main/tiny.gguf': { body },
      '/api/models/someone/tiny-repo/tree/main?recursive=1': servedJson([
        lfs('tiny-Q4_K_M.gguf'),
        lfs('tiny-Q8_0-00001-of-00002.gguf'),
        lfs('tiny-Q8_0-00002-of-00002.gguf'),
      ]),
      '/someone/tiny-repo/resolve/main/tiny-Q4_K_M.gguf': { body, etag: '"no-sha"' },
    });
  });
  after(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('pulls from hf: through HANGAR_HF_ENDPOINT, printing a progress line per 10%', async () => {
    const pulled = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--name', 'tiny']);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stdout, /^Pulled tiny \(llama, F32, [\d.]+K parameters, 0\.\d MB\) into .*tiny\.gguf\n/);
    assert.match(pulled.stdout, /sha256 [0-9a-f]{64} \(verified\)/);
    const lines = pulled.stderr.trimEnd().split('\n');
    assert.ok(lines.length >= 2 && lines.length <= 11, pulled.stderr);
    assert.match(lines[0]!, /^ {2}0% {2}0\.0 MB \/ 0\.\d MB$/);
    assert.match(lines.at(-1)!, /^100% {2}0\.\d MB \/ 0\.\d MB( {2}[\d.]+ [MG]B\/s)? {2}in \d+s$/);
    assert.ok(existsSync(join(dataDir, 'models', 'tiny', 'model.json')));

    const again = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--name', 'tiny']);
    assert.deepEqual(again, {
      code: 1,
      stdout: '',
      stderr: "hangar: A model named 'tiny' already exists; choose another name with --name, or remove it first.\n",
    });
  });

  it('redraws progress in place on a terminal', async () => {
    const pulled = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--name', 'tty'], {
      tty: true,
    });
    assert.equal(pulled.code, 0, pulled.stderr);
    const drawn = visible(pulled.stderr);
    assert.match(drawn, /^<CR> {2}0% ░{24} 0\.0 MB \/ 0\.\d MB<clear line><CR>/);
    assert.match(drawn, /<CR>100% █{24} 0\.\d MB \/ 0\.\d MB( {2}[\d.]+ [MG]B\/s)? {2}in \d+s<clear line>\n$/);
  });

  it('resolves a quantisation through the listing, verifying the file against the listed sha256', async () => {
    const pulled = await hangar(['models', 'pull', 'hf:someone/tiny-repo:Q4_K_M']);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(
      pulled.stderr,
      /^Resolved hf:someone\/tiny-repo:Q4_K_M to hf:someone\/tiny-repo\/tiny-Q4_K_M\.gguf \(0\.\d MB\)\n {2}0% /,
    );
    assert.match(pulled.stdout, /^Pulled tiny-Q4_K_M \(llama, /);
    assert.match(pulled.stdout, /\(verified\)\n$/);
    const rm = await hangar(['models', 'rm', 'tiny-Q4_K_M']);
    assert.equal(rm.code, 0, rm.stderr);

    const bare = await hangar(['models', 'pull', 'hf:someone/tiny-repo']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /names no quantisation\. Available quantisations: Q4_K_M, Q8_0 \(split\)\. /);
    assert.match(bare.stderr, /Name one as hf:someone\/tiny-repo:Q4_K_M/);
    const split = await hangar(['models', 'pull', 'hf:someone/tiny-repo:q8_0']);
    assert.equal(split.code, 2);
    assert.match(split.stderr, /split models are not supported yet/);
    const missing = await hangar(['models', 'pull', 'hf:someone/tiny-repo:Q2_K']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no GGUF file for the quantisation 'Q2_K'\. Available quantisations: Q4_K_M, /);
  });

  it('says when Hugging Face cannot be reached, pointing at models add', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    for (const source of ['hf:someone/tiny-repo:Q4_K_M', 'hf:someone/tiny-repo/tiny.gguf']) {
      const offline = await hangar(['models', 'pull', source, '--name', 'offline'], {
        huggingFaceUrl: `http://127.0.0.1:${port}`,
      });
      assert.equal(offline.code, 1);
      assert.equal(offline.stdout, '');
      assert.match(offline.stderr, new RegExp(`^hangar: Cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
      assert.match(offline.stderr, /`hangar models add FILE` works offline/);
    }
  });

  it('adds, lists, shows and removes models', async () => {
    const added = await hangar(['models', 'add', ggufPath, '--name', 'copied']);
    assert.deepEqual(added, {
      code: 0,
      stdout: added.stdout,
      stderr: '',
    });
    assert.match(added.stdout, /^Added copied \(llama, F32, /);

    const listed = await hangar(['models', 'list']);
    assert.match(
      listed.stdout,
      /^NAME\s+ARCHITECTURE\s+QUANTISATION\s+PARAMETERS\s+CONTEXT\s+SIZE\ncopied\s+llama\s+F32\s+[\d.]+K\s+256\s+0\.\d MB\ntiny\s+llama/,
    );
    const json = JSON.parse((await hangar(['models', 'list', '--json'])).stdout);
    assert.deepEqual(
      json.data.map((model: { name: string }) => model.name),
      ['copied', 'tiny', 'tty'],
    );

    const shown = await hangar(['models', 'show', 'copied']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^name: +copied\n/);
    assert.match(shown.stdout, /\narchitecture: +llama\n/);
    assert.match(shown.stdout, /\ncontext length: +256\n/);
    assert.match(shown.stdout, /\nChat template:\n {2}<\|user\|>\{\{ content \}\}\n {2}<\|assistant\|>\n$/);

    assert.deepEqual(await hangar(['models', 'rm', 'copied']), {
      code: 0,
      stdout: 'Removed model copied.\n',
      stderr: '',
    });
    const missing = await hangar(['models', 'show', 'copied']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no model named 'copied'/);
  });

  it('exits 2 for a source or checksum it cannot use, and lists models in help', async () => {
    const badSource = await hangar(['models', 'pull', 'ollama://llama3']);
    assert.equal(badSource.code, 2);
    assert.match(badSource.stderr, /not a model source/);
    const badSha = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--sha256', 'abc']);
    assert.equal(badSha.code, 2);
    assert.match(badSha.stderr, /64 hexadecimal digits/);
    assert.equal((await hangar(['models', 'list', '--url', 'http://x'])).code, 2);
    assert.match((await hangar(['help'])).stdout, /hangar models pull SOURCE \[--name NAME\] \[--sha256 HEX\]/);
  });
});

describe('hangar models pull progress', () => {
  function reporter(tty: boolean) {
    let stderr = '';
    let now = 0;
    const progress = createProgressReporter(
      { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text), isTTY: tty }, env: {} },
      () => now,
    );
    return {
      progress,
      at: (ms: number) => (now = ms),
      take: () => {
        const taken = stderr;
        stderr = '';
        return taken;
      },
    };
  }

  it('draws a bar with percent, bytes, speed and ETA on a terminal, at most ten times a second', () => {
    const { progress, at, take } = reporter(true);
    progress.update(0, 500e6);
    assert.equal(take(), `\r  0% ${'░'.repeat(24)} 0.0 MB / 500.0 MB\u001b[K`);
    at(2_000);
    progress.update(50e6, 500e6);
    assert.equal(take(), `\r 10% ${'█'.repeat(2)}${'░'.repeat(22)} 50.0 MB / 500.0 MB  25.0 MB/s  ETA 18s\u001b[K`);
    at(2_050);
    progress.update(51e6, 500e6);
    assert.equal(take(), '', 'no redraw within 100 ms');
    at(12_000);
    progress.update(250e6, 500e6);
    // The speed follows the last five seconds or so, not the whole download.
    assert.equal(
      visible(take()),
      `<CR> 50% ${'█'.repeat(12)}${'░'.repeat(12)} 250.0 MB / 500.0 MB  20.0 MB/s  ETA 13s<clear line>`,
    );
    at(100_000);
    progress.update(500e6, 500e6);
    progress.finish();
    assert.equal(take(), `\r100% ${'█'.repeat(24)} 500.0 MB / 500.0 MB  5.0 MB/s  in 1m40s\u001b[K\n`);
  });

  it('prints a plain line per 10% or per 30 seconds otherwise, and says where a resumed download starts', () => {
    const { progress, at, take } = reporter(false);
    progress.update(100e6, 1e9);
    assert.equal(take(), 'Resuming at 100.0 MB\n 10%  100.0 MB / 1.00 GB\n');
    at(1_000);
    progress.update(110e6, 1e9);
    assert.equal(take(), '');
    at(10_000);
    progress.update(200e6, 1e9);
    assert.equal(take(), ' 20%  200.0 MB / 1.00 GB  10.0 MB/s  ETA 1m20s\n');
    at(41_000);
    progress.update(210e6, 1e9);
    assert.match(
      take(),
      /^ 21% {2}210\.0 MB \/ 1\.00 GB {2}[\d.]+ MB\/s {2}ETA \d+m\d\ds\n$/,
      'a slow link still logs',
    );
    progress.update(1e9, 1e9);
    progress.finish();
    assert.match(take(), /^100% {2}1\.00 GB \/ 1\.00 GB {2}22\.0 MB\/s {2}in 41s\n$/);
  });

  it('shows bytes and speed without a bar when the size is unknown', () => {
    const { progress, at, take } = reporter(true);
    progress.update(0, undefined);
    at(1_000);
    progress.update(3e6, undefined);
    progress.finish();
    assert.equal(take(), '\r0.0 MB\u001b[K\r3.0 MB  3.0 MB/s\u001b[K\n');
  });

  it('formats durations', () => {
    assert.deepEqual([0.4, 8, 59.6, 245, 3725].map(formatDuration), ['0s', '8s', '1m00s', '4m05s', '1h02m']);
  });
});
