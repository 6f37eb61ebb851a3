import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { ModelStoreError, openModelStore, type ResolvedModelFile } from './index.js';
import { serveModelFiles, servedJson, type ModelFileServer } from './testing/serve-model-files.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-pull-quant-'));
let gguf: Buffer;
let sha256: string;
let server: ModelFileServer;
let dataDirs = 0;
const freshStore = (huggingFaceUrl = server.url) =>
  openModelStore(join(directory, `data-${++dataDirs}`), { huggingFaceUrl });

function storeError(code: string, ...patterns: RegExp[]) {
  return (error: unknown) => {
    assert.ok(error instanceof ModelStoreError, `expected a ModelStoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  };
}

/** A tree entry as Hugging Face lists it: LFS files carry the content's sha256 as `lfs.oid`. */
function lfsFile(path: string, sha: string, size: number) {
  return { type: 'file', oid: 'f'.repeat(40), size, path, lfs: { oid: sha, size, pointerSize: 134 } };
}

async function closedPortUrl(): Promise<string> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('ModelStore.pull with a quantisation', () => {
  before(async () => {
    const path = join(directory, 'tiny.gguf');
    await writeTinyLlamaGguf(path);
    gguf = readFileSync(path);
    sha256 = createHash('sha256').update(gguf).digest('hex');
    const tree = [
      { type: 'file', oid: 'a'.repeat(40), size: 1519, path: '.gitattributes' },
      { type: 'file', oid: 'b'.repeat(40), size: 200, path: 'README.md' },
      lfsFile('tiny-IQ4_K_M.gguf', 'c'.repeat(64), 123),
      lfsFile('tiny-Q4_K_M.gguf', sha256, gguf.length),
      { type: 'directory', oid: 'd'.repeat(40), size: 0, path: 'Q8_0' },
      lfsFile('Q8_0/tiny-Q8_0-00001-of-00002.gguf', 'e'.repeat(64), 100),
      lfsFile('Q8_0/tiny-Q8_0-00002-of-00002.gguf', 'e'.repeat(64), 100),
      lfsFile('base-F16.gguf', 'e'.repeat(64), 100),
      lfsFile('chat-F16.gguf', 'e'.repeat(64), 100),
    ];
    server = await serveModelFiles({
      '/api/models/owner/quants/tree/main?recursive=1': servedJson(tree),
      // The CDN's ETag is not a sha256 here, so a verified pull proves lfs.oid was used.
      '/owner/quants/resolve/main/tiny-Q4_K_M.gguf': { body: gguf, etag: '"not-a-sha"' },
      // A pinned revision whose listing claims another sha256: the download must be refused.
      '/api/models/owner/quants/tree/v2?recursive=1': servedJson([lfsFile('tiny-Q4_K_M.gguf', '0'.repeat(64), 1)]),
      '/owner/quants/resolve/v2/tiny-Q4_K_M.gguf': { body: gguf, etag: '"not-a-sha"' },
      // Two pages, joined by a Link header as Hugging Face pages large repositories.
      '/api/models/owner/paged/tree/main?recursive=1': servedJson([lfsFile('a-Q8_0.gguf', 'e'.repeat(64), 1)], {
        link: '</api/models/owner/paged/tree/main?recursive=1&cursor=2>; rel="next"',
      }),
      '/api/models/owner/paged/tree/main?recursive=1&cursor=2': servedJson([
        lfsFile('sub/tiny-Q4_K_M.gguf', sha256, gguf.length),
      ]),
      '/owner/paged/resolve/main/sub/tiny-Q4_K_M.gguf': { body: gguf },
      '/api/models/owner/broken/tree/main?recursive=1': servedJson({ error: 'not a list' }),
    });
  });
  after(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists the repository, pulls the one matching file and verifies it against lfs.oid', async () => {
    const store = freshStore();
    const resolved: ResolvedModelFile[] = [];
    const seen = server.requests.length;
    const pulled = await store.pull('hf:owner/quants:q4_k_m', { onResolve: (file) => resolved.push(file) });
    assert.deepEqual(
      server.requests.slice(seen).map((request) => request.path),
      ['/api/models/owner/quants/tree/main?recursive=1', '/owner/quants/resolve/main/tiny-Q4_K_M.gguf'],
    );
    assert.equal(resolved.length, 1);
    assert.equal(resolved[0]?.fileSource, 'hf:owner/quants/tiny-Q4_K_M.gguf');
    assert.equal(resolved[0]?.sizeBytes, gguf.length);
    assert.equal(resolved[0]?.sha256, sha256);
    assert.equal(pulled.resolvedSource, 'hf:owner/quants/tiny-Q4_K_M.gguf');
    assert.equal(pulled.sha256Verified, true);
    assert.equal(pulled.model.name, 'tiny-Q4_K_M');
    assert.equal(pulled.model.source, 'hf:owner/quants:q4_k_m', 'the manifest keeps what the user wrote');
    assert.equal(pulled.model.sha256, sha256);
    assert.deepEqual(readFileSync(pulled.model.path), gguf);
  });

  it('honours a pinned revision, and refuses a download whose sha256 is not the listed one', async () => {
    const store = freshStore();
    const seen = server.requests.length;
    await assert.rejects(
      store.pull('hf:owner/quants@v2:Q4_K_M', { name: 'pinned' }),
      storeError('checksum_mismatch', new RegExp(`not the expected ${'0'.repeat(64)}`)),
    );
    assert.deepEqual(
      server.requests.slice(seen).map((request) => request.path),
      ['/api/models/owner/quants/tree/v2?recursive=1', '/owner/quants/resolve/v2/tiny-Q4_K_M.gguf'],
    );
    assert.equal(existsSync(join(store.directory, 'pinned')), false);
    // A --sha256 the user gives wins over the listing.
    const pulled = await store.pull('hf:owner/quants@v2:Q4_K_M', { name: 'pinned', sha256 });
    assert.equal(pulled.sha256Verified, true);
    assert.equal(pulled.resolvedSource, 'hf:owner/quants@v2/tiny-Q4_K_M.gguf');
  });

  it('follows the Link header to the next page of a large listing', async () => {
    const store = freshStore();
    const pulled = await store.pull('hf:owner/paged:Q4_K_M');
    assert.equal(pulled.resolvedSource, 'hf:owner/paged/sub/tiny-Q4_K_M.gguf');
    assert.equal(pulled.sha256Verified, true);
    assert.equal(server.requests.at(-2)?.path, '/api/models/owner/paged/tree/main?recursive=1&cursor=2');
  });

  it('explains a missing, ambiguous or split quantisation without downloading anything', async () => {
    const store = freshStore();
    const seen = server.requests.length;
    await assert.rejects(
      store.pull('hf:owner/quants:Q5_K_M'),
      storeError('not_found', /no GGUF file for the quantisation 'Q5_K_M'/, /IQ4_K_M, Q4_K_M, Q8_0 \(split\)/),
    );
    await assert.rejects(
      store.pull('hf:owner/quants:F16'),
      storeError('invalid_source', /matches 2 models in owner\/quants: base-F16\.gguf, chat-F16\.gguf/),
    );
    await assert.rejects(
      store.pull('hf:owner/quants:Q8_0'),
      storeError('invalid_source', /split into 2 files/, /split models are not supported yet/),
    );
    await assert.rejects(
      store.pull('hf:owner/quants'),
      storeError('invalid_source', /names no quantisation/, /hf:owner\/quants:Q4_K_M/),
    );
    assert.ok(
      server.requests.slice(seen).every((request) => request.path.startsWith('/api/models/')),
      'only listings were requested',
    );
    assert.deepEqual(existsSync(store.directory) ? readdirSync(store.directory) : [], []);
  });

  it('says a repository does not exist, or that a listing is not one', async () => {
    const store = freshStore();
    await assert.rejects(
      store.pull('hf:owner/absent:Q4_K_M'),
      storeError('not_found', /no public model repository owner\/absent with a revision 'main' \(404\)/),
    );
    await assert.rejects(
      store.pull('hf:owner/broken:Q4_K_M'),
      storeError('download_failed', /did not answer the file list of owner\/broken/),
    );
  });

  it('says the host cannot be reached, and that adding a local file works offline', async () => {
    const offline = await closedPortUrl();
    const store = freshStore(offline);
    await assert.rejects(
      store.pull('hf:owner/quants:Q4_K_M'),
      storeError(
        'offline',
        new RegExp(`^Cannot reach ${offline.slice('http://'.length)} \\(ECONNREFUSED\\): this machine looks offline`),
        /`hangar models add FILE`/,
      ),
    );
    // The file form goes straight to the download, which says the same.
    await assert.rejects(
      store.pull('hf:owner/quants/tiny-Q4_K_M.gguf'),
      storeError('offline', /looks offline.*resumes where it stopped.*`hangar models add FILE` works offline/),
    );
    assert.deepEqual(existsSync(store.directory) ? readdirSync(store.directory) : [], []);
  });

  it('refuses a taken name before asking the network', async () => {
    const store = freshStore();
    await store.pull('hf:owner/quants:Q4_K_M', { name: 'taken' });
    const seen = server.requests.length;
    await assert.rejects(store.pull('hf:owner/quants:Q4_K_M', { name: 'taken' }), storeError('duplicate', /taken/));
    assert.equal(server.requests.length, seen);
  });
});
