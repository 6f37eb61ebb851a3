import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { ModelStoreError, openModelStore } from './index.js';
import { serveModelFiles, type ModelFileServer } from './testing/serve-model-files.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-pull-'));
let gguf: Buffer;
let sha256: string;
let server: ModelFileServer;
let dataDirs = 0;
const freshStore = () => openModelStore(join(directory, `data-${++dataDirs}`));

function storeError(code: string, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof ModelStoreError, `expected a ModelStoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('ModelStore.pull', () => {
  before(async () => {
    const path = join(directory, 'tiny.gguf');
    await writeTinyLlamaGguf(path, { chatTemplate: '{{ messages }}' });
    gguf = readFileSync(path);
    sha256 = createHash('sha256').update(gguf).digest('hex');
    server = await serveModelFiles(
      {
        '/files/tiny.gguf': { body: gguf },
        '/files/no-range.gguf': { body: gguf, ignoreRange: true },
        '/files/untagged.gguf': { body: gguf, etag: '"not-a-sha"' },
        '/files/notes.gguf': { body: Buffer.from('this is not a model\n'.repeat(100)) },
        '/cdn/tiny': { body: gguf, etag: '"cdn-etag"' },
      },
      {
        '/owner/repo/resolve/main/quantised/tiny.gguf': {
          location: '/cdn/tiny',
          headers: { 'x-linked-etag': `"${sha256}"` },
        },
        '/owner/repo/resolve/v1/tiny.gguf': {
          location: '/cdn/tiny',
          headers: { 'x-linked-etag': `"${'0'.repeat(64)}"` },
        },
      },
    );
  });
  after(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('downloads with progress, checks the ETag sha256 and writes the manifest', async () => {
    const store = freshStore();
    const progress: [number, number | undefined][] = [];
    const pulled = await store.pull(`${server.url}/files/tiny.gguf`, {
      onProgress: (received, total) => progress.push([received, total]),
    });
    assert.equal(pulled.sha256Verified, true);
    assert.equal(pulled.resumedFromBytes, 0);
    assert.equal(pulled.model.name, 'tiny');
    assert.equal(pulled.model.sha256, sha256);
    assert.equal(pulled.model.sizeBytes, gguf.length);
    assert.equal(pulled.model.source, `${server.url}/files/tiny.gguf`);
    assert.equal(pulled.model.info.architecture, 'llama');
    assert.equal(pulled.model.info.chatTemplate, '{{ messages }}');
    assert.deepEqual(readFileSync(pulled.model.path), gguf);
    assert.deepEqual(progress[0], [0, gguf.length]);
    assert.deepEqual(progress.at(-1), [gguf.length, gguf.length]);
    assert.ok(progress.every(([received], index) => index === 0 || received >= progress[index - 1]![0]));
    assert.deepEqual(
      readdirSync(join(store.directory, 'tiny')).sort(),
      ['model.json', 'tiny.gguf'],
      'no partial file is left behind',
    );
    assert.deepEqual(
      (await store.list()).map((model) => model.name),
      ['tiny'],
    );
  });

  it('resumes an interrupted download with a Range request and verifies the whole file', async () => {
    const store = freshStore();
    const source = `${server.url}/files/tiny.gguf`;
    server.cutNextAfter(300_000);
    await assert.rejects(
      store.pull(source, { sha256 }),
      storeError('network', /failed after 0\.\d MB .*run the same command again to resume/),
    );
    const partial = join(store.directory, 'tiny', 'tiny.gguf.partial');
    const kept = statSync(partial).size;
    assert.ok(kept > 0 && kept <= 300_000, `kept ${kept} bytes`);
    assert.deepEqual(await store.list(), [], 'a partial download is not a model');

    const seen = server.requests.length;
    const progress: number[] = [];
    const pulled = await store.pull(source, { sha256, onProgress: (received) => progress.push(received) });
    assert.deepEqual(server.requests.slice(seen), [{ path: '/files/tiny.gguf', range: `bytes=${kept}-` }]);
    assert.equal(pulled.resumedFromBytes, kept);
    assert.equal(progress[0], kept, 'progress starts where the first run stopped');
    assert.equal(pulled.sha256Verified, true);
    assert.equal(pulled.model.sha256, sha256);
    assert.deepEqual(readFileSync(pulled.model.path), gguf);
    assert.equal(existsSync(partial), false);
  });

  it('restarts cleanly when the server answers a Range request with the whole file', async () => {
    const store = freshStore();
    const source = `${server.url}/files/no-range.gguf`;
    server.cutNextAfter(200_000);
    await assert.rejects(store.pull(source), storeError('network', /resume/));
    const pulled = await store.pull(source);
    assert.equal(server.requests.at(-1)?.range?.startsWith('bytes='), true, 'it still asked for the rest');
    assert.equal(pulled.resumedFromBytes, 0);
    assert.equal(pulled.model.sha256, sha256);
    assert.equal(pulled.model.sizeBytes, gguf.length);
  });

  it('refuses a download whose sha256 is not the expected one, keeping nothing', async () => {
    const store = freshStore();
    await assert.rejects(
      store.pull(`${server.url}/files/untagged.gguf`, { sha256: 'ab'.repeat(32) }),
      storeError('checksum_mismatch', new RegExp(`has sha256 ${sha256}, not the expected ${'ab'.repeat(32)}`)),
    );
    assert.deepEqual(await store.list(), []);
    assert.equal(existsSync(join(store.directory, 'untagged')), false);
    await assert.rejects(
      store.pull(`${server.url}/files/untagged.gguf`, { sha256: 'xyz' }),
      storeError('invalid_sha256', /64 hexadecimal digits/),
    );
    // Without a sha256 from anywhere the download is still accepted, but said to be unverified.
    const pulled = await store.pull(`${server.url}/files/untagged.gguf`);
    assert.equal(pulled.sha256Verified, false);
    assert.equal(pulled.model.sha256, sha256);
  });

  it('refuses a download that is not a GGUF file', async () => {
    const store = freshStore();
    await assert.rejects(
      store.pull(`${server.url}/files/notes.gguf`),
      storeError('invalid_gguf', /is not a usable GGUF model/),
    );
    assert.deepEqual(await store.list(), []);
    assert.equal(existsSync(join(store.directory, 'notes')), false);
  });

  it('maps hf: sources onto the Hugging Face URL, trusting x-linked-etag from the redirect', async () => {
    const store = openModelStore(join(directory, 'data-hf'), { huggingFaceUrl: `${server.url}/` });
    const pulled = await store.pull('hf:owner/repo/quantised/tiny.gguf', { name: 'tiny-chat' });
    assert.equal(server.requests.at(-2)?.path, '/owner/repo/resolve/main/quantised/tiny.gguf');
    assert.equal(server.requests.at(-1)?.path, '/cdn/tiny');
    assert.equal(pulled.sha256Verified, true);
    assert.equal(pulled.model.name, 'tiny-chat');
    assert.equal(pulled.model.source, 'hf:owner/repo/quantised/tiny.gguf');

    await assert.rejects(
      store.pull('hf:owner/repo@v1/tiny.gguf', { name: 'pinned' }),
      storeError('checksum_mismatch', new RegExp(`not the expected ${'0'.repeat(64)}`)),
    );
    await assert.rejects(
      store.pull('hf:owner/repo/tiny.gguf', { name: 'tiny-chat' }),
      storeError('duplicate', /already exists/),
    );
  });

  it('says a 404 is a wrong source and an unreachable host looks offline', async () => {
    const store = freshStore();
    await assert.rejects(store.pull(`${server.url}/files/absent.gguf`), storeError('not_found', /404/));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(
      store.pull(`http://127.0.0.1:${port}/model.gguf`),
      storeError('offline', /looks offline.*run the same command again.*`hangar models add FILE` works offline/),
    );
    assert.deepEqual(readdirSync(store.directory), [], 'no empty folder is left behind');
  });

  it('stops when the signal aborts, keeping the part for a later resume', async () => {
    const store = freshStore();
    const controller = new AbortController();
    await assert.rejects(
      store.pull(`${server.url}/files/tiny.gguf`, {
        signal: controller.signal,
        onProgress: (received) => {
          if (received > 0) controller.abort();
        },
      }),
      storeError('aborted', /cancelled .*resume/),
    );
    assert.ok(statSync(join(store.directory, 'tiny', 'tiny.gguf.partial')).size > 0);
  });
});
