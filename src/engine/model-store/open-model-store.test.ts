import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeTinyLlamaGguf, type TinyLlamaGgufFacts } from '../../../test/support/gguf/write-tiny-gguf.js';
import { ModelStoreError, openModelStore, parseModelSource } from './index.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-models-'));
const ggufPath = join(directory, 'Tiny Llama.Q8_0.gguf');
let facts: TinyLlamaGgufFacts;

function storeError(code: string, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof ModelStoreError, `expected a ModelStoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('openModelStore', () => {
  before(async () => {
    facts = await writeTinyLlamaGguf(ggufPath, { chatTemplate: '{% for m in messages %}{{ m.content }}{% endfor %}' });
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('adds a copy, lists, gets and removes it', async () => {
    const store = openModelStore(join(directory, 'data-copy'));
    assert.deepEqual(await store.list(), [], 'an absent models folder is an empty store');
    const added = await store.add(ggufPath);
    assert.equal(added.name, 'Tiny-Llama.Q8_0');
    assert.equal(added.file, 'Tiny-Llama.Q8_0.gguf');
    assert.equal(added.path, join(store.directory, 'Tiny-Llama.Q8_0', 'Tiny-Llama.Q8_0.gguf'));
    assert.equal(added.sizeBytes, facts.bytes);
    assert.match(added.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(added.info, {
      version: facts.version,
      tensorCount: facts.tensorCount,
      architecture: 'llama',
      name: facts.name,
      quantisation: 'F32',
      contextLength: facts.contextLength,
      embeddingLength: facts.embeddingLength,
      blockCount: facts.blockCount,
      parameterCount: facts.parameterCount,
      chatTemplate: '{% for m in messages %}{{ m.content }}{% endfor %}',
      tokenizerModel: 'llama',
      vocabularySize: facts.vocabularySize,
      pooling: null,
    });
    assert.equal(lstatSync(added.path).isSymbolicLink(), false);
    assert.deepEqual(readFileSync(added.path), readFileSync(ggufPath));

    const manifest = JSON.parse(readFileSync(join(store.directory, 'Tiny-Llama.Q8_0', 'model.json'), 'utf8'));
    assert.equal(manifest.sha256, added.sha256);
    assert.equal(manifest.source, ggufPath);
    assert.ok(!Number.isNaN(Date.parse(manifest.addedAt)));

    assert.deepEqual(await store.get('Tiny-Llama.Q8_0'), added);
    assert.equal(await store.get('ghost'), undefined);
    assert.deepEqual(await store.list(), [added]);
    assert.deepEqual(await store.remove('Tiny-Llama.Q8_0'), added);
    assert.deepEqual(await store.list(), []);
    await assert.rejects(store.remove('Tiny-Llama.Q8_0'), storeError('not_found', /no model named/));
  });

  it('links instead of copying when asked, and removing the model keeps the original', async () => {
    const store = openModelStore(join(directory, 'data-link'));
    const added = await store.add(ggufPath, { name: 'linked', mode: 'link' });
    assert.equal(lstatSync(added.path).isSymbolicLink(), true);
    await store.remove('linked');
    assert.ok(lstatSync(ggufPath).isFile());
  });

  it('refuses duplicates, bad names, missing files and files that are not GGUF', async () => {
    const store = openModelStore(join(directory, 'data-refusals'));
    await store.add(ggufPath, { name: 'tiny' });
    await assert.rejects(store.add(ggufPath, { name: 'tiny' }), storeError('duplicate', /'tiny' already exists/));
    await assert.rejects(store.add(ggufPath, { name: '../escape' }), storeError('invalid_name', /letters, digits/));
    await assert.rejects(store.add(join(directory, 'absent.gguf')), storeError('not_found', /no file at/));
    const text = join(directory, 'notes.gguf');
    writeFileSync(text, 'plain text, not a model');
    await assert.rejects(store.add(text), storeError('invalid_gguf', /notes\.gguf is not a usable GGUF model/));
    assert.deepEqual(
      (await store.list()).map((model) => model.name),
      ['tiny'],
    );
  });

  it('leaves partial downloads out of the list and reports a damaged manifest', async () => {
    const store = openModelStore(join(directory, 'data-damaged'));
    mkdirSync(join(store.directory, 'half'), { recursive: true });
    writeFileSync(join(store.directory, 'half', 'half.gguf.partial'), 'GGUF');
    assert.deepEqual(await store.list(), []);
    writeFileSync(join(store.directory, 'half', 'model.json'), '{"name": 1}');
    await assert.rejects(store.get('half'), storeError('invalid_manifest', /half.model\.json is damaged/));
  });
});

describe('parseModelSource', () => {
  it('maps hf: sources to /resolve/ URLs and takes http(s) URLs as they are', () => {
    assert.deepEqual(parseModelSource('hf:owner/repo/sub dir/file.gguf'), {
      kind: 'file',
      source: 'hf:owner/repo/sub dir/file.gguf',
      url: 'https://huggingface.co/owner/repo/resolve/main/sub%20dir/file.gguf',
      fileName: 'file.gguf',
    });
    const pinned = parseModelSource('hf:owner/repo@abc123/file.gguf', 'http://127.0.0.1:9/mirror/');
    assert.equal(
      pinned.kind === 'file' ? pinned.url : pinned.kind,
      'http://127.0.0.1:9/mirror/owner/repo/resolve/abc123/file.gguf',
    );
    assert.deepEqual(parseModelSource('https://example.com/models/a%20b.gguf?download=1'), {
      kind: 'file',
      source: 'https://example.com/models/a%20b.gguf?download=1',
      url: 'https://example.com/models/a%20b.gguf?download=1',
      fileName: 'a b.gguf',
    });
  });

  it('reads a repository with an optional revision and quantisation', () => {
    assert.deepEqual(parseModelSource('hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M'), {
      kind: 'hugging-face-repository',
      source: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M',
      owner: 'Qwen',
      repository: 'Qwen2.5-0.5B-Instruct-GGUF',
      revision: 'main',
      quantisation: 'Q4_K_M',
      huggingFaceUrl: 'https://huggingface.co',
    });
    assert.deepEqual(parseModelSource('hf:owner/repo@v1.0:iq4_xs', 'http://127.0.0.1:9/mirror//'), {
      kind: 'hugging-face-repository',
      source: 'hf:owner/repo@v1.0:iq4_xs',
      owner: 'owner',
      repository: 'repo',
      revision: 'v1.0',
      quantisation: 'iq4_xs',
      huggingFaceUrl: 'http://127.0.0.1:9/mirror',
    });
    const bare = parseModelSource('hf:owner/repo');
    assert.equal(bare.kind === 'hugging-face-repository' ? bare.quantisation : bare.kind, undefined);
  });

  it('explains sources it cannot use', () => {
    assert.throws(() => parseModelSource('hf:owner'), storeError('invalid_source', /must be one of hf:OWNER/));
    assert.throws(() => parseModelSource('hf:owner//x.gguf'), storeError('invalid_source', /must be one of/));
    assert.throws(() => parseModelSource('hf:owner/repo/model.bin'), storeError('invalid_source', /\.gguf/));
    assert.throws(() => parseModelSource('hf:owner/repo:'), storeError('invalid_source', /not a plain name/));
    assert.throws(() => parseModelSource('hf:owner/repo:Q4 K'), storeError('invalid_source', /not a plain name/));
    assert.throws(
      () => parseModelSource('hf:owner/repo:Q4_K_M/file.gguf'),
      storeError('invalid_source', /both a quantisation and a file/),
    );
    assert.throws(() => parseModelSource('hf:owner/@v1:Q4_K_M'), storeError('invalid_source', /empty repository/));
    assert.throws(() => parseModelSource('ftp://host/x.gguf'), storeError('invalid_source', /hf:OWNER/));
    assert.throws(() => parseModelSource('llama3'), storeError('invalid_source', /not a model source/));
  });
});
