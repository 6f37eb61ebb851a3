import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelStoreError, parseModelSource, selectQuantisationFile, type HuggingFaceFile } from './index.js';

function files(...paths: string[]): HuggingFaceFile[] {
  return paths.map((path) => ({ path, sizeBytes: 1, sha256: undefined }));
}

function repository(source: string) {
  const parsed = parseModelSource(source);
  assert.equal(parsed.kind, 'hugging-face-repository');
  return parsed;
}

function pick(source: string, listing: HuggingFaceFile[]): string {
  return selectQuantisationFile(listing, repository(source)).path;
}

function storeError(code: string, ...patterns: RegExp[]) {
  return (error: unknown) => {
    assert.ok(error instanceof ModelStoreError, `expected a ModelStoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  };
}

const BARTOWSKI = files(
  '.gitattributes',
  'README.md',
  'Model-7B-IQ4_XS.gguf',
  'Model-7B-IQ4_K_M.gguf',
  'Model-7B-Q4_K_M.gguf',
  'Model-7B-Q4_K_S.gguf',
  'Model-7B-Q4_0_4_4.gguf',
  'Model-7B-f16.gguf',
  'mmproj-Model-7B-f16.gguf',
  'Model-7B.imatrix.gguf',
  'Q8_0/Model-7B-Q8_0-00001-of-00002.gguf',
  'Q8_0/Model-7B-Q8_0-00002-of-00002.gguf',
);

describe('selectQuantisationFile', () => {
  it('matches the quantisation as a whole token, case-insensitively', () => {
    assert.equal(pick('hf:o/r:Q4_K_M', BARTOWSKI), 'Model-7B-Q4_K_M.gguf');
    assert.equal(pick('hf:o/r:q4_k_m', BARTOWSKI), 'Model-7B-Q4_K_M.gguf', 'not IQ4_K_M');
    assert.equal(pick('hf:o/r:IQ4_XS', BARTOWSKI), 'Model-7B-IQ4_XS.gguf');
    assert.equal(pick('hf:o/r:Q4_0_4_4', BARTOWSKI), 'Model-7B-Q4_0_4_4.gguf');
    assert.equal(pick('hf:o/r:F16', BARTOWSKI), 'Model-7B-f16.gguf', 'the vision projector is not a model');
    assert.equal(pick('hf:o/r:Q4_K_M', files('Mistral-7B-v0.3.Q4_K_M.gguf')), 'Mistral-7B-v0.3.Q4_K_M.gguf');
    assert.equal(pick('hf:o/r:Q4_K_M', files('ggml_model_q4_k_m.gguf')), 'ggml_model_q4_k_m.gguf');
    assert.equal(pick('hf:o/r:UD-Q4_K_XL', files('M-UD-Q4_K_XL.gguf', 'M-Q4_K_XL.gguf')), 'M-UD-Q4_K_XL.gguf');
  });

  it('lists the quantisations a repository has when none matches', () => {
    assert.throws(
      () => pick('hf:o/r:Q4_K', BARTOWSKI),
      storeError(
        'not_found',
        /^o\/r has no GGUF file for the quantisation 'Q4_K'\. /,
        /Available quantisations: F16, IQ4_K_M, IQ4_XS, Q4_0_4_4, Q4_K_M, Q4_K_S, Q8_0 \(split\)\. /,
        /Pull one with hf:o\/r:Q4_K_M\.$/,
      ),
      'Q4_K is a prefix of Q4_K_M and Q4_K_S, not a token in them',
    );
    assert.throws(
      () => pick('hf:o/r@v2:Q5_K_M', BARTOWSKI),
      storeError('not_found', /^o\/r@v2 has no GGUF file/, /hf:o\/r@v2:Q4_K_M\.$/),
    );
  });

  it('refuses a quantisation that matches several models, naming them', () => {
    assert.throws(
      () => pick('hf:o/r:Q4_K_M', files('base-Q4_K_M.gguf', 'chat-Q4_K_M.gguf', 'chat-Q8_0.gguf')),
      storeError(
        'invalid_source',
        /'Q4_K_M' matches 2 models in o\/r: base-Q4_K_M\.gguf, chat-Q4_K_M\.gguf\. Name the file instead: hf:o\/r\/FILE\.gguf\./,
      ),
    );
  });

  it('refuses split models, saying what to do instead', () => {
    assert.throws(
      () => pick('hf:o/r:Q8_0', BARTOWSKI),
      storeError(
        'invalid_source',
        /'Q8_0' of o\/r is split into 2 files \(Q8_0\/Model-7B-Q8_0-00001-of-00002\.gguf and 1 more parts\)/,
        /split models are not supported yet/,
        /Choose a single-file quantisation \(F16, IQ4_K_M, IQ4_XS, Q4_0_4_4, Q4_K_M, Q4_K_S\)/,
        /llama-gguf-split --merge/,
      ),
    );
  });

  it('asks for a quantisation when the source names none, and explains a repository without GGUF files', () => {
    assert.throws(
      () => pick('hf:o/r', BARTOWSKI),
      storeError(
        'invalid_source',
        /^'hf:o\/r' names no quantisation\. Available quantisations: F16, IQ4_K_M, /,
        /Name one as hf:o\/r:Q4_K_M, or name a file as hf:o\/r\/FILE\.gguf\.$/,
      ),
    );
    assert.throws(
      () => pick('hf:o/r@abc:Q4_K_M', files('model.safetensors', 'config.json')),
      storeError('not_found', /^o\/r@abc has no \.gguf files/),
    );
    assert.throws(
      () => pick('hf:o/r', files('weights.gguf')),
      storeError('invalid_source', /Available quantisations: weights\.gguf\. Name one as hf:o\/r:weights\.gguf/),
    );
  });
});
