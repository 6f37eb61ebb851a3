import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../../spec/index.js';
import {
  backendTarget,
  callContext,
  chatRequest,
  collectEvents,
  jsonReply,
  readFixture,
  sseReply,
  startFakeUpstream,
} from '../../testing/index.js';
import type { FakeUpstream } from '../../testing/index.js';
import { prepareXaiRequest, xaiProvider } from './xai.js';

const fixture = (name: string) =>
  readFixture(new URL('../openai-compatible-provider.test.ts', import.meta.url).href, name);

describe('xAI preset', () => {
  let upstream: FakeUpstream;
  before(async () => {
    upstream = await startFakeUpstream();
  });
  after(async () => {
    await upstream.close();
  });

  it('drops penalties and stop for grok-3-mini with a warning each, and keeps reasoning_effort', async () => {
    upstream.reply(jsonReply(fixture('xai-grok-3-mini.json')));
    const context = callContext();
    const result = await xaiProvider.chat(
      chatRequest({
        presencePenalty: 0.5,
        frequencyPenalty: 0.5,
        stop: ['\n'],
        reasoningEffort: 'high',
        temperature: 0.3,
      }),
      backendTarget('xai', upstream.baseUrl, 'grok-3-mini'),
      context,
    );
    const body = upstream.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(upstream.requests.at(-1)!.url, '/v1/chat/completions');
    assert.equal(body.presence_penalty, undefined);
    assert.equal(body.frequency_penalty, undefined);
    assert.equal(body.stop, undefined);
    assert.equal(body.reasoning_effort, 'high');
    assert.equal(body.temperature, 0.3);
    assert.deepEqual(
      context.warnings.map((warning) => [warning.type, warning.param]),
      [
        ['dropped', 'presence_penalty'],
        ['dropped', 'frequency_penalty'],
        ['dropped', 'stop'],
      ],
    );
    assert.match(result.choices[0]?.reasoningContent ?? '', /^First, the user asked/);
    assert.equal(result.choices[0]?.content, '9');
    assert.deepEqual([result.usage.input, result.usage.output, result.usage.reasoning], [12, 1, 386]);
  });

  it('refuses a reasoning_effort grok-3-mini does not take, naming the allowed values', () => {
    assert.throws(
      () =>
        prepareXaiRequest({
          request: chatRequest({ reasoningEffort: 'medium' }),
          target: backendTarget('xai', 'http://unused', 'grok-3-mini-fast'),
          context: callContext(),
        }),
      (error: unknown) =>
        error instanceof GatewayError &&
        error.code === 'unsupported_parameter' &&
        error.status === 400 &&
        error.param === 'reasoning_effort' &&
        /low, high/.test(error.message),
    );
  });

  it('drops reasoning_effort on grok-3 with a warning, and keeps its penalties', () => {
    const context = callContext();
    const prepared = prepareXaiRequest({
      request: chatRequest({ reasoningEffort: 'low', presencePenalty: 0.1, stop: ['x'] }),
      target: backendTarget('xai', 'http://unused', 'grok-3'),
      context,
    });
    assert.equal(prepared.reasoningEffort, undefined);
    assert.equal(prepared.presencePenalty, 0.1);
    assert.deepEqual(prepared.stop, ['x']);
    assert.deepEqual(context.warnings, [
      { type: 'dropped', param: 'reasoning_effort', detail: 'xAI model grok-3 does not accept reasoning_effort.' },
    ]);
  });

  it('streams reasoning before content and bills reasoning outside completion', async () => {
    upstream.reply(sseReply(fixture('xai-grok-3-mini.sse')));
    const events = await collectEvents(
      await xaiProvider.streamChat(chatRequest(), backendTarget('xai', upstream.baseUrl, 'grok-3-mini'), callContext()),
    );
    assert.deepEqual(events.slice(1, 4), [
      { type: 'reasoning-delta', choice: 0, delta: 'First' },
      { type: 'reasoning-delta', choice: 0, delta: ', compute.' },
      { type: 'text-delta', choice: 0, delta: '303' },
    ]);
    const usage = events.at(-1);
    assert.ok(usage?.type === 'usage');
    assert.deepEqual([usage.usage.input, usage.usage.output, usage.usage.reasoning], [12, 1, 386]);
  });
});
