import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { EmbeddingResult, JsonValue } from '../../spec/index.js';
import { openAiDialect } from './openai-dialect.js';

function parse(body: JsonValue) {
  return openAiDialect.parseEmbeddings({ body, headers: {}, query: {} });
}

const result: EmbeddingResult = {
  upstreamModel: 'text-embedding-3-small',
  embeddings: [
    [1, -2.5],
    [0.5, 0],
  ],
  usage: { input: 7, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0, raw: null },
};

describe('OpenAI embeddings', () => {
  it('parses every input form into a batch', () => {
    assert.deepStrictEqual(parse({ model: 'e', input: 'hi' }).request.input, ['hi']);
    assert.deepStrictEqual(parse({ model: 'e', input: ['a', 'b'] }).request.input, ['a', 'b']);
    assert.deepStrictEqual(parse({ model: 'e', input: [1, 2] }).request.input, [[1, 2]]);
    assert.deepStrictEqual(parse({ model: 'e', input: [[1], [2, 3]] }).request.input, [[1], [2, 3]]);
  });

  it('reads settings and keeps unknown keys in extra', () => {
    assert.deepStrictEqual(
      parse({ model: 'e', input: 'x', encoding_format: 'base64', dimensions: 256, user: 'u', custom: 1 }),
      {
        request: {
          model: 'e',
          input: ['x'],
          encodingFormat: 'base64',
          dimensions: 256,
          user: 'u',
          extra: { custom: 1 },
        },
        unknownParameters: 'error',
      },
    );
    assert.equal(parse({ model: 'e', input: 'x' }).request.encodingFormat, 'float');
  });

  const invalid: [string, JsonValue, string][] = [
    ['missing model', { input: 'x' }, 'model'],
    ['missing input', { model: 'e' }, 'input'],
    ['empty input', { model: 'e', input: [] }, 'input'],
    ['empty string', { model: 'e', input: '' }, 'input'],
    ['mixed input', { model: 'e', input: ['a', 1] }, 'input[1]'],
    ['fractional token', { model: 'e', input: [1, 2.5] }, 'input[1]'],
    ['empty token array', { model: 'e', input: [[1], []] }, 'input[1]'],
    ['object input', { model: 'e', input: { text: 'x' } }, 'input'],
    ['unknown encoding', { model: 'e', input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ['zero dimensions', { model: 'e', input: 'x', dimensions: 0 }, 'dimensions'],
  ];
  for (const [name, body, param] of invalid) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => parse(body),
        (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === param,
      );
    });
  }

  it('renders floats, and base64 as little-endian float32', () => {
    const float = parse({ model: 'e', input: ['a', 'b'] }).request;
    assert.deepStrictEqual(openAiDialect.renderEmbeddings(result, { requestId: 'r', request: float, query: {} }), {
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [1, -2.5] },
        { object: 'embedding', index: 1, embedding: [0.5, 0] },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 7, total_tokens: 7 },
    });
    const base64 = parse({ model: 'e', input: ['a', 'b'], encoding_format: 'base64' }).request;
    const rendered = openAiDialect.renderEmbeddings(result, { requestId: 'r', request: base64, query: {} });
    const [first] = rendered.data as { embedding: string }[];
    // 1.0f = 00 00 80 3f, -2.5f = 00 00 20 c0 (little-endian)
    assert.equal(first?.embedding, Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]).toString('base64'));
  });
});
