import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../../spec/index.js';
import {
  backendTarget,
  callContext,
  chatRequest,
  jsonReply,
  readFixture,
  startFakeUpstream,
} from '../../testing/index.js';
import type { FakeUpstream } from '../../testing/index.js';
import { deepSeekProvider } from './deepseek.js';

const fixture = (name: string) =>
  readFixture(new URL('../openai-compatible-provider.test.ts', import.meta.url).href, name);

describe('DeepSeek preset', () => {
  let upstream: FakeUpstream;
  before(async () => {
    upstream = await startFakeUpstream();
  });
  after(async () => {
    await upstream.close();
  });

  it('never sends an assistant reasoning_content back, and maps cache hits and reasoning', async () => {
    upstream.reply(jsonReply(fixture('deepseek-reasoner.json')));
    const result = await deepSeekProvider.chat(
      chatRequest({
        messages: [
          { role: 'developer', content: 'Think.' },
          { role: 'user', content: '9.11 or 9.8?' },
          { role: 'assistant', content: 'Let me see.', reasoningContent: 'long thoughts' },
          { role: 'user', content: 'Which is smaller?' },
        ],
        temperature: 0.7,
      }),
      backendTarget('deepseek', upstream.baseUrl, 'deepseek-reasoner'),
      callContext(),
    );
    const body = upstream.requests.at(-1)!.body as { messages: Record<string, unknown>[]; temperature: number };
    assert.deepEqual(body.messages[0], { role: 'system', content: 'Think.' });
    assert.deepEqual(body.messages[2], { role: 'assistant', content: 'Let me see.' });
    assert.equal(body.temperature, 0.7);
    assert.equal(result.choices[0]?.reasoningContent, 'Compare the tenths: 1 < 8, so 9.11 < 9.8.');
    assert.deepEqual(
      { ...result.usage, raw: null },
      { input: 36, cachedInput: 64, cacheWriteInput: 0, output: 50, reasoning: 200, raw: null },
    );
  });

  for (const [setting, param] of [
    [{ logprobs: true }, 'logprobs'],
    [{ topLogprobs: 2 }, 'top_logprobs'],
  ] as const) {
    it(`refuses ${param} on deepseek-reasoner before calling the upstream`, async () => {
      const before = upstream.requests.length;
      await assert.rejects(
        deepSeekProvider.chat(
          chatRequest(setting),
          backendTarget('deepseek', upstream.baseUrl, 'deepseek-reasoner'),
          callContext(),
        ),
        (error: unknown) =>
          error instanceof GatewayError && error.code === 'unsupported_parameter' && error.param === param,
      );
      assert.equal(upstream.requests.length, before);
    });
  }

  it('maps insufficient_system_resource to an error finish', async () => {
    upstream.reply(
      jsonReply(
        JSON.stringify({
          id: 'x',
          created: 1,
          model: 'deepseek-chat',
          choices: [{ index: 0, message: { content: 'Par' }, finish_reason: 'insufficient_system_resource' }],
          usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        }),
      ),
    );
    const result = await deepSeekProvider.chat(
      chatRequest(),
      backendTarget('deepseek', upstream.baseUrl, 'deepseek-chat'),
      callContext(),
    );
    assert.deepEqual(result.choices[0]?.finishReason, { unified: 'error', raw: 'insufficient_system_resource' });
  });
});
