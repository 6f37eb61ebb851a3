import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import {
  backendTarget,
  callContext,
  chatRequest,
  collectEvents,
  jsonReply,
  readFixture,
  sseReply,
  startFakeUpstream,
} from '../testing/index.js';
import type { FakeUpstream } from '../testing/index.js';
import { anthropicProvider } from './index.js';

const fixture = (name: string) => readFixture(import.meta.url, name);

describe('Anthropic provider', () => {
  let upstream: FakeUpstream;
  before(async () => {
    upstream = await startFakeUpstream();
  });
  after(async () => {
    await upstream.close();
  });

  it('sends a Messages body with system, tool_use / tool_result turns and Anthropic headers', async () => {
    upstream.reply(jsonReply(fixture('anthropic-message-text.json')));
    await anthropicProvider.chat(
      chatRequest({
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'developer', content: 'Use celsius.' },
          { role: 'user', content: 'Weather in SF and NYC?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 'toolu_1', name: 'get_weather', arguments: '{"location":"SF"}' },
              { id: 'toolu_2', name: 'get_weather', arguments: '{"location":"NYC"}' },
            ],
          },
          { role: 'tool', toolCallId: 'toolu_1', content: '15 C' },
          { role: 'tool', toolCallId: 'toolu_2', content: '20 C' },
        ],
        maxOutputTokens: 256,
        temperature: 0.5,
        topP: 0.9,
        stop: ['END'],
        user: 'user-42',
        tools: [{ type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }],
        toolChoice: 'required',
        parallelToolCalls: false,
      }),
      backendTarget('anthropic', upstream.baseUrl, 'claude-sonnet-4-5'),
      callContext(),
    );
    const received = upstream.requests.at(-1)!;
    assert.equal(received.url, '/v1/messages');
    assert.equal(received.headers['x-api-key'], 'sk-test-secret-key');
    assert.equal(received.headers['anthropic-version'], '2023-06-01');
    assert.equal(received.headers.authorization, undefined);
    assert.equal(received.headers['x-hangar-request-id'], 'req_test_1');
    assert.deepEqual(received.body, {
      model: 'claude-sonnet-4-5',
      system: 'You are terse.\nUse celsius.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in SF and NYC?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'SF' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { location: 'NYC' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '15 C' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: '20 C' },
          ],
        },
      ],
      max_tokens: 256,
      temperature: 0.5,
      top_p: 0.9,
      stop_sequences: ['END'],
      tools: [{ name: 'get_weather', input_schema: { type: 'object' }, description: 'Weather' }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      metadata: { user_id: 'user-42' },
    });
  });

  it('maps thinking, text and tool_use blocks, the stop reason and cache usage', async () => {
    upstream.reply(jsonReply(fixture('anthropic-message-tool-use.json')));
    const result = await anthropicProvider.chat(
      chatRequest({ maxOutputTokens: 100 }),
      backendTarget('anthropic', upstream.baseUrl, 'claude-sonnet-4-5'),
      callContext(),
    );
    assert.equal(result.id, 'msg_01Aq9w938a90dw8q');
    assert.equal(result.upstreamModel, 'claude-sonnet-4-5-20250929');
    const choice = result.choices[0]!;
    assert.equal(choice.content, "I'll check the current weather in San Francisco for you.");
    assert.equal(choice.reasoningContent, 'The user wants the weather in San Francisco; I should call get_weather.');
    assert.deepEqual(choice.toolCalls, [
      {
        id: 'toolu_01A09q90qw90lq917835lq9',
        name: 'get_weather',
        arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
      },
    ]);
    assert.deepEqual(choice.finishReason, { unified: 'tool_calls', raw: 'tool_use' });
    assert.deepEqual(
      { ...result.usage, raw: null },
      { input: 472, cachedInput: 3000, cacheWriteInput: 1500, output: 89, reasoning: 0, raw: null },
    );
    assert.equal(result.usage.raw?.cache_read_input_tokens, 3000);
  });

  it('sends max_tokens 4096 with a changed warning when the client gave none', async () => {
    upstream.reply(jsonReply(fixture('anthropic-message-text.json')));
    const context = callContext();
    const result = await anthropicProvider.chat(
      chatRequest(),
      backendTarget('anthropic', upstream.baseUrl, 'claude-3-7-sonnet'),
      context,
    );
    assert.equal((upstream.requests.at(-1)!.body as Record<string, unknown>).max_tokens, 4096);
    assert.deepEqual(
      context.warnings.map((warning) => [warning.type, warning.param]),
      [['changed', 'max_tokens']],
    );
    assert.deepEqual(result.choices[0]?.finishReason, { unified: 'stop', raw: 'end_turn' });
  });

  it('streams thinking, text and a tool call, then the finish and the last cumulative usage', async () => {
    upstream.reply(sseReply(fixture('anthropic-stream-tool-use.sse'), { size: 50 }));
    const events = await collectEvents(
      await anthropicProvider.streamChat(
        chatRequest({ maxOutputTokens: 500 }),
        backendTarget('anthropic', upstream.baseUrl, 'claude-sonnet-4-5'),
        callContext(),
      ),
    );
    assert.equal((upstream.requests.at(-1)!.body as Record<string, unknown>).stream, true);
    const [metadata, ...rest] = events;
    assert.ok(metadata?.type === 'response-metadata');
    assert.equal(metadata.id, 'msg_014p7gG3wDgGV9EUtLvnow3U');
    assert.equal(metadata.upstreamModel, 'claude-sonnet-4-5-20250929');
    assert.deepEqual(rest.slice(0, -1), [
      { type: 'reasoning-delta', choice: 0, delta: 'Need the weather tool.' },
      { type: 'text-delta', choice: 0, delta: "Okay, let's check" },
      { type: 'text-delta', choice: 0, delta: ' the weather.' },
      { type: 'tool-call-start', choice: 0, toolIndex: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{"location":' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: ' "San Francisco, CA"}' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'tool_calls', raw: 'tool_use' } },
    ]);
    const usage = rest.at(-1);
    assert.ok(usage?.type === 'usage');
    assert.deepEqual(
      { ...usage.usage, raw: null },
      { input: 472, cachedInput: 256, cacheWriteInput: 100, output: 89, reasoning: 0, raw: null },
    );
  });

  it('turns event: error overloaded into an upstream_unavailable error event', async () => {
    upstream.reply(sseReply(fixture('anthropic-stream-overloaded.sse')));
    const events = await collectEvents(
      await anthropicProvider.streamChat(
        chatRequest({ maxOutputTokens: 10 }),
        backendTarget('anthropic', upstream.baseUrl, 'claude-sonnet-4-5'),
        callContext(),
      ),
    );
    assert.deepEqual(
      events.map((event) => event.type),
      ['response-metadata', 'text-delta', 'error'],
    );
    const last = events.at(-1);
    assert.ok(last?.type === 'error');
    assert.equal(last.error.code, 'upstream_unavailable');
    assert.match(last.error.message, /anthropic.*Overloaded/);
  });

  it('turns a stream without message_stop into an error event', async () => {
    const text = fixture('anthropic-stream-tool-use.sse');
    upstream.reply(sseReply(text.slice(0, text.indexOf('event: message_delta'))));
    const events = await collectEvents(
      await anthropicProvider.streamChat(
        chatRequest({ maxOutputTokens: 10 }),
        backendTarget('anthropic', upstream.baseUrl, 'claude-sonnet-4-5'),
        callContext(),
      ),
    );
    assert.equal(events.at(-1)?.type, 'error');
    assert.equal(events.filter((event) => event.type === 'usage').length, 0);
  });

  it('refuses n > 1 before calling the upstream', async () => {
    const before = upstream.requests.length;
    await assert.rejects(
      anthropicProvider.chat(
        chatRequest({ n: 2 }),
        backendTarget('anthropic', upstream.baseUrl, 'claude'),
        callContext(),
      ),
      (error: unknown) =>
        error instanceof GatewayError && error.code === 'unsupported_parameter' && error.param === 'n',
    );
    assert.equal(upstream.requests.length, before);
  });

  it('has no embeddings', async () => {
    await assert.rejects(
      anthropicProvider.embed(
        { model: 'x', input: ['a'], encodingFormat: 'float', extra: {} },
        backendTarget('anthropic', upstream.baseUrl, 'claude'),
        callContext(),
      ),
      (error: unknown) =>
        error instanceof GatewayError && error.code === 'invalid_request' && /no embeddings API/.test(error.message),
    );
  });
});
