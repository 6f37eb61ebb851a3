import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  backendTarget,
  callContext,
  chatRequest,
  jsonReply,
  readFixture,
  startFakeUpstream,
} from '../testing/index.js';
import type { FakeUpstream } from '../testing/index.js';
import { openAiProvider } from './index.js';

const fixture = (name: string) => readFixture(import.meta.url, name);

describe('cache breakpoints on an OpenAI-compatible backend', () => {
  let upstream: FakeUpstream;
  before(async () => {
    upstream = await startFakeUpstream();
  });
  after(async () => {
    await upstream.close();
  });

  it('drops them with one warning and sends the system prompt as one string', async () => {
    upstream.reply(jsonReply(fixture('openai-chat-text.json')));
    const context = callContext();
    await openAiProvider.chat(
      chatRequest({
        messages: [
          {
            role: 'system',
            content: [
              { type: 'text', text: 'You are terse.' },
              { type: 'text', text: 'A long style guide.', cacheControl: { type: 'ephemeral', ttl: '1h' } },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'Hi', cacheControl: { type: 'ephemeral' } }] },
        ],
        tools: [
          { type: 'function', name: 'lookup', parameters: { type: 'object' }, cacheControl: { type: 'ephemeral' } },
        ],
      }),
      backendTarget('openai', upstream.baseUrl, 'gpt-4o'),
      context,
    );
    const body = upstream.requests.at(-1)!.body as Record<string, unknown>;
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You are terse.\nA long style guide.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }]);
    assert.doesNotMatch(JSON.stringify(body), /cache_control|cacheControl/);
    assert.deepEqual(
      context.warnings.map((warning) => [warning.type, warning.param]),
      [['dropped', 'cache_control']],
    );
  });

  it('adds no warning to a request without breakpoints', async () => {
    upstream.reply(jsonReply(fixture('openai-chat-text.json')));
    const context = callContext();
    await openAiProvider.chat(chatRequest(), backendTarget('openai', upstream.baseUrl, 'gpt-4o'), context);
    assert.deepEqual(context.warnings, []);
  });
});
