import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ChatRequest, ChatStreamEvent, Usage } from '../../spec/index.js';
import { loadTokenizer, type Tokenizer } from '../../tokens/index.js';
import { countChatPromptTokens } from './estimate-request-tokens.js';
import { streamUsageEstimator } from './estimate-stream-usage.js';
import { observeStream, type StreamObservation } from './observe-stream.js';

const REQUEST: ChatRequest = {
  model: 'chat',
  stream: true,
  includeUsage: false,
  extra: {},
  messages: [
    { role: 'system', content: 'You answer about the weather.' },
    { role: 'user', content: 'Tell me about the weather in Paris today, in two sentences.' },
  ],
};

async function drain(events: ChatStreamEvent[], model: string): Promise<StreamObservation> {
  let observation: StreamObservation | undefined;
  async function* source() {
    for (const event of events) yield await Promise.resolve(event);
  }
  const estimator = streamUsageEstimator({ modelFamily: () => undefined }, { model }, REQUEST);
  for await (const _event of observeStream(source(), estimator, performance.now(), (seen) => (observation = seen))) {
    // Passed through unchanged; only the observation matters here.
  }
  assert.ok(observation !== undefined);
  return observation;
}

// A stream that ends without the vendor's usage is billed for its prompt and the text it carried, counted with
// the tokenizer of the model's family, and marked as Hangar's count (raw: null) for the ledger.
describe('billing a stream that ended without usage', () => {
  let o200k: Tokenizer;
  before(async () => {
    o200k = await loadTokenizer('o200k_base');
  });

  it('counts the prompt and the streamed text, reasoning apart, with the family tokenizer', async () => {
    const observation = await drain(
      [
        { type: 'reasoning-delta', choice: 0, delta: 'The user wants weather; ' },
        { type: 'reasoning-delta', choice: 0, delta: 'keep it short.' },
        { type: 'text-delta', choice: 0, delta: 'Paris is mild today, ' },
        { type: 'text-delta', choice: 0, delta: 'with light rain after noon.' },
      ],
      'gpt-4o',
    );
    assert.deepEqual(observation.usage, {
      input: countChatPromptTokens(REQUEST, o200k),
      cachedInput: 0,
      cacheWriteInput: 0,
      output: o200k.countTokens('Paris is mild today, with light rain after noon.'),
      reasoning: o200k.countTokens('The user wants weather; keep it short.'),
      raw: null,
    } satisfies Usage);
    assert.equal(observation.completed, false);
    // The OpenAI accounting of this prompt: 2 × (3 + 1) framing + 3 priming + the text.
    assert.equal(
      observation.usage.input,
      11 +
        o200k.countTokens('You answer about the weather.') +
        o200k.countTokens(REQUEST.messages[1]!.content as string),
    );
  });

  it("keeps the vendor's usage when it came", async () => {
    const vendor: Usage = {
      input: 12,
      cachedInput: 4,
      cacheWriteInput: 0,
      output: 7,
      reasoning: 2,
      raw: { total: 25 },
    };
    const observation = await drain(
      [
        { type: 'text-delta', choice: 0, delta: 'Mild.' },
        { type: 'usage', usage: vendor },
      ],
      'gpt-4o',
    );
    assert.deepEqual(observation.usage, vendor);
    assert.equal(observation.completed, true);
  });
});
