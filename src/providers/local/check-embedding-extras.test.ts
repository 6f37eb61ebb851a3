import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallContext, EmbeddingRequest } from '../../spec/index.js';
import { checkEmbeddingExtras } from './check-embedding-extras.js';

const request = (overrides: Partial<EmbeddingRequest>): EmbeddingRequest => ({
  model: 'm',
  input: ['x'],
  encodingFormat: 'float',
  extra: {},
  ...overrides,
});
const context = (unknownParameters: CallContext['unknownParameters']): CallContext => ({
  requestId: 'r',
  signal: new AbortController().signal,
  warnings: [],
  unknownParameters,
});

describe('checkEmbeddingExtras', () => {
  it('refuses what a local embedding model cannot use when the policy says error', () => {
    assert.throws(() => checkEmbeddingExtras(request({ extra: { foo: 1 } }), context('error')), {
      code: 'unknown_parameter',
      param: 'foo',
    });
  });

  it('drops it with a warning otherwise, input_type included; user passes quietly', () => {
    const call = context('pass-through');
    checkEmbeddingExtras(request({ extra: { foo: 1 }, inputType: 'query', user: 'u' }), call);
    assert.deepEqual(
      call.warnings.map((warning) => warning.param),
      ['foo', 'input_type'],
    );
  });
});
