import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { defaultCatalogDirectory, loadCatalog } from '../../catalog/index.js';
import { createMemoryQuotaLimiter } from '../../quota/index.js';
import type { ChatRequest, EmbeddingRequest } from '../../spec/index.js';
import { loadedTokenizer, loadTokenizer } from '../../tokens/index.js';
import {
  admissionEncoding,
  chatAdmissionEstimate,
  DEFAULT_OUTPUT_ESTIMATE,
  embeddingsAdmissionEstimate,
  estimateChatTokens,
  estimateEmbeddingTokens,
  IMAGE_PART_TOKENS,
  warmAdmissionTokenizers,
  type CountedDeployment,
  type EstimateServices,
} from './estimate-request-tokens.js';

const chat = (overrides: Partial<ChatRequest>): ChatRequest => ({
  model: 'deployment',
  messages: [],
  stream: false,
  includeUsage: false,
  extra: {},
  ...overrides,
});
const embeddings = (input: EmbeddingRequest['input']): EmbeddingRequest => ({
  model: 'deployment',
  input,
  encodingFormat: 'float',
  extra: {},
});
const limited = (model: string): CountedDeployment => ({ model, limits: { tpm: 1000 }, sharedCapacity: null });
const unlimited = (model: string): CountedDeployment => ({ model, limits: null, sharedCapacity: null });

const quota = createMemoryQuotaLimiter();
after(() => quota.close());
const families = new Map([
  ['gpt-4o', 'gpt-4o'],
  ['text-embedding-3-small', 'text-embedding-3'],
]);
const services: EstimateServices = { quota, modelFamily: (model) => families.get(model) };

describe('admission estimates', () => {
  it('never loads a tokenizer for a deployment admission does not charge', async () => {
    const estimate = await embeddingsAdmissionEstimate(services, unlimited('text-embedding-3-small'), embeddings([]));
    assert.equal(estimate(), 0);
    await warmAdmissionTokenizers(services, [unlimited('text-embedding-3-small'), limited('gpt-4o')]);
    assert.equal(loadedTokenizer('cl100k_base'), undefined, 'cl100k_base is used by no limited deployment');
    assert.ok(loadedTokenizer('o200k_base') !== undefined, 'o200k_base is warmed for the limited gpt-4o');
  });

  it("counts a limited deployment's request with its model's tokenizer, loading it on first use", async () => {
    const estimate = await embeddingsAdmissionEstimate(
      services,
      limited('text-embedding-3-small'),
      embeddings(['hello world', 'tiktoken is great!']),
    );
    assert.ok(loadedTokenizer('cl100k_base') !== undefined);
    assert.equal(estimate(), 2 + 6);
    assert.deepEqual(admissionEncoding(services, limited('grok-3')), { encoding: 'o200k_base', approximate: true });

    const hi = chat({ messages: [{ role: 'user', content: 'hi' }] });
    const withCap = { ...services, outputCap: (model: string) => (model === 'gpt-4o' ? 16_384 : undefined) };
    assert.equal((await chatAdmissionEstimate(withCap, limited('gpt-4o'), hi))(), 8 + 16_384);
  });

  it("charges a chat request OpenAI's per-message overhead, its text and its output", async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    // 3 per message + 1 for the role + 1 for "hi" + 3 priming the reply, as OpenAI reports it.
    const hi = chat({ messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 300 });
    assert.equal(estimateChatTokens(hi, tokenizer, undefined), 8 + 300);
    assert.equal(estimateChatTokens({ ...hi, n: 3 }, tokenizer, undefined), 8 + 900);
    assert.equal(estimateChatTokens({ ...hi, maxOutputTokens: undefined }, tokenizer, 16_384), 8 + 16_384);
    assert.equal(estimateChatTokens({ ...hi, maxOutputTokens: undefined }, tokenizer, undefined), 8 + 4096);
    assert.equal(DEFAULT_OUTPUT_ESTIMATE, 4096);

    const count = (text: string) => tokenizer.countTokens(text);
    const tool = { type: 'function' as const, name: 'get_weather', parameters: { type: 'object' } };
    const conversation = chat({
      maxOutputTokens: 10,
      tools: [tool],
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        {
          role: 'user',
          name: 'alice',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image', url: 'https://example.com/cat.png' },
          ],
        },
        {
          role: 'assistant',
          content: null,
          toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Zürich"}' }],
        },
        { role: 'tool', toolCallId: 'call_1', content: 'Sunny, 21 °C' },
      ],
    });
    const expected =
      4 * (3 + 1) +
      count('You are a helpful assistant.') +
      (count('alice') + 1) +
      count('What is in this picture?') +
      IMAGE_PART_TOKENS +
      count('get_weather') +
      count('{"city":"Zürich"}') +
      count('Sunny, 21 °C') +
      3 +
      count(JSON.stringify(tool)) +
      10;
    assert.equal(estimateChatTokens(conversation, tokenizer, undefined), expected);
  });

  it('counts embeddings inputs with the tokenizer, and token arrays by their length', async () => {
    const tokenizer = await loadTokenizer('cl100k_base');
    assert.equal(estimateEmbeddingTokens(embeddings(['hello world', 'tiktoken is great!']), tokenizer), 8);
    assert.equal(estimateEmbeddingTokens(embeddings([[1, 2, 3], [4]]), tokenizer), 4);
  });

  it("maps every catalog model: OpenAI's exactly, every other vendor's approximately", async () => {
    const catalog = await loadCatalog(defaultCatalogDirectory());
    for (const model of catalog.models) {
      const choice = admissionEncoding({ modelFamily: () => model.family }, limited(model.id));
      assert.equal(choice.approximate, model.vendor !== 'openai', `${model.id} (${model.vendor}, ${model.family})`);
      if (model.id.startsWith('text-embedding')) assert.equal(choice.encoding, 'cl100k_base', model.id);
      else assert.equal(choice.encoding, 'o200k_base', model.id);
    }
  });
});
