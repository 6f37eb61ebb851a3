import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseTokenEncoding } from './index.js';

describe('chooseTokenEncoding', () => {
  it("maps OpenAI's families to their own encodings", () => {
    const cases: readonly [model: string, family: string | undefined, encoding: string][] = [
      ['gpt-4o', 'gpt-4o', 'o200k_base'],
      ['gpt-4o-mini', 'gpt-4o', 'o200k_base'],
      ['gpt-4.1-nano', 'gpt-4.1', 'o200k_base'],
      ['o3-mini', 'o-series', 'o200k_base'],
      ['o4-mini', 'o-series', 'o200k_base'],
      ['gpt-5-mini', undefined, 'o200k_base'],
      ['o1', undefined, 'o200k_base'],
      ['gpt-4o-2024-08-06', undefined, 'o200k_base'],
      ['chatgpt-4o-latest', undefined, 'o200k_base'],
      ['text-embedding-3-small', 'text-embedding-3', 'cl100k_base'],
      ['text-embedding-ada-002', undefined, 'cl100k_base'],
      ['gpt-4', undefined, 'cl100k_base'],
      ['gpt-4-turbo', undefined, 'cl100k_base'],
      ['gpt-3.5-turbo', undefined, 'cl100k_base'],
      ['gpt-35-turbo', undefined, 'cl100k_base'],
      ['GPT-4o', undefined, 'o200k_base'],
    ];
    for (const [model, family, encoding] of cases) {
      assert.deepEqual(chooseTokenEncoding(model, family), { encoding, approximate: false }, model);
    }
  });

  it('counts every other family with o200k_base, marked approximate', () => {
    const cases: readonly [model: string, family: string | undefined][] = [
      ['grok-3', 'grok-3'],
      ['deepseek-r1', 'deepseek-r1'],
      ['llama-4-scout', 'llama-4'],
      ['mistral-large', 'mistral-large'],
      ['phi-4', 'phi-4'],
      ['claude-sonnet-4', 'claude-4'],
      ['gemini-2.5-flash', 'gemini-2.5'],
      ['my-finetune', undefined],
      // Not an o-series model: the o must be followed by 1, 3 or 4 and then nothing or a dash.
      ['o3d-model', undefined],
    ];
    for (const [model, family] of cases) {
      assert.deepEqual(chooseTokenEncoding(model, family), { encoding: 'o200k_base', approximate: true }, model);
    }
  });

  it('prefers the family, and falls back to the model id when the family says nothing', () => {
    // A deployment of a catalog model named oddly still gets its family's encoding.
    assert.equal(chooseTokenEncoding('our-embedder', 'text-embedding-3').encoding, 'cl100k_base');
    assert.deepEqual(chooseTokenEncoding('gpt-4o', 'unknown-family'), { encoding: 'o200k_base', approximate: false });
  });
});
