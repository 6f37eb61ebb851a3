import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { ChatStreamEvent } from '../../spec/index.js';
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
import { genericOpenAiCompatibleProvider, mistralProvider, ollamaProvider, openAiProvider } from './index.js';

const fixture = (name: string) => readFixture(import.meta.url, name);

describe('OpenAI-compatible provider', () => {
  let upstream: FakeUpstream;
  before(async () => {
    upstream = await startFakeUpstream();
  });
  after(async () => {
    await upstream.close();
  });

  it('sends a Chat Completions body with the backend model, auth and correlation headers', async () => {
    upstream.reply(jsonReply(fixture('openai-chat-text.json')));
    const target = backendTarget('openai', upstream.baseUrl, 'gpt-4o-2024-08-06', {
      headers: { 'OpenAI-Organization': 'org-test' },
    });
    await openAiProvider.chat(
      chatRequest({
        messages: [
          { role: 'developer', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', url: 'https://example.com/a.png', detail: 'low' },
              { type: 'audio', data: 'UklGRg==', format: 'wav' },
            ],
          },
          {
            role: 'assistant',
            content: null,
            reasoningContent: 'secret chain of thought',
            toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"a"}' }],
          },
          { role: 'tool', toolCallId: 'call_1', content: 'result' },
        ],
        maxOutputTokens: 100,
        maxOutputTokensField: 'max_completion_tokens',
        temperature: 0.2,
        topP: 0.9,
        stop: ['END'],
        seed: 7,
        n: 2,
        logprobs: true,
        topLogprobs: 3,
        user: 'user-1',
        reasoningEffort: 'low',
        tools: [
          { type: 'function', name: 'lookup', description: 'Looks up', parameters: { type: 'object' }, strict: true },
        ],
        toolChoice: { type: 'function', name: 'lookup' },
        parallelToolCalls: false,
        responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
        extra: { service_tier: 'flex', metadata: { team: 'a' } },
      }),
      target,
      callContext(),
    );
    const received = upstream.requests.at(-1)!;
    assert.equal(received.url, '/v1/chat/completions');
    assert.equal(received.headers.authorization, 'Bearer sk-test-secret-key');
    assert.equal(received.headers['x-hangar-request-id'], 'req_test_1');
    assert.equal(received.headers['openai-organization'], 'org-test');
    assert.equal(received.headers['content-type'], 'application/json');
    assert.deepEqual(received.body, {
      model: 'gpt-4o-2024-08-06',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"a"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'result' },
      ],
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      n: 2,
      stop: ['END'],
      seed: 7,
      logprobs: true,
      top_logprobs: 3,
      tools: [
        {
          type: 'function',
          function: { name: 'lookup', description: 'Looks up', parameters: { type: 'object' }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      reasoning_effort: 'low',
      user: 'user-1',
      service_tier: 'flex',
      metadata: { team: 'a' },
    });
  });

  it('maps a response: content, finish reason, ids and disjoint usage buckets', async () => {
    upstream.reply(jsonReply(fixture('openai-chat-text.json')));
    const result = await openAiProvider.chat(
      chatRequest(),
      backendTarget('openai', upstream.baseUrl, 'gpt-4o'),
      callContext(),
    );
    assert.equal(result.id, 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG');
    assert.equal(result.created, 1741570283);
    assert.equal(result.upstreamModel, 'gpt-4o-2024-08-06');
    assert.equal(result.systemFingerprint, 'fp_fc9f1d7035');
    assert.equal(
      result.choices[0]?.content,
      'The image shows a wooden boardwalk extending through a lush green marshland.',
    );
    assert.deepEqual(result.choices[0]?.finishReason, { unified: 'stop', raw: 'stop' });
    assert.equal(result.choices[0]?.refusal, null);
    // prompt 1117 with 1024 cached; completion 46 with 10 reasoning.
    assert.deepEqual(
      { ...result.usage, raw: undefined },
      { input: 93, cachedInput: 1024, cacheWriteInput: 0, output: 36, reasoning: 10, raw: undefined },
    );
    assert.equal(result.usage.raw?.total_tokens, 1163);
  });

  it('maps tool calls in a response', async () => {
    upstream.reply(jsonReply(fixture('openai-chat-tool-call.json')));
    const result = await openAiProvider.chat(
      chatRequest(),
      backendTarget('openai', upstream.baseUrl, 'gpt-4o-mini'),
      callContext(),
    );
    assert.equal(result.choices[0]?.content, null);
    assert.deepEqual(result.choices[0]?.toolCalls, [
      { id: 'call_abc123', name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' },
    ]);
    assert.deepEqual(result.choices[0]?.finishReason, { unified: 'tool_calls', raw: 'tool_calls' });
  });

  it('always asks for stream usage, keeping other stream_options the client sent', async () => {
    upstream.reply(sseReply(fixture('openai-chat-text.sse')));
    const events = await openAiProvider.streamChat(
      chatRequest({ stream: true, extra: { stream_options: { include_obfuscation: false } } }),
      backendTarget('openai', upstream.baseUrl, 'gpt-4o'),
      callContext(),
    );
    await collectEvents(events);
    const body = upstream.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_obfuscation: false, include_usage: true });
    assert.equal(upstream.requests.at(-1)!.headers.accept, 'text/event-stream');
  });

  it('streams text with metadata once, a finish and one usage event at the end', async () => {
    upstream.reply(sseReply(fixture('openai-chat-text.sse'), { size: 5 }));
    const events = await collectEvents(
      await openAiProvider.streamChat(
        chatRequest(),
        backendTarget('openai', upstream.baseUrl, 'gpt-4o'),
        callContext(),
      ),
    );
    assert.deepEqual(events.slice(0, 4), [
      {
        type: 'response-metadata',
        id: 'chatcmpl-text1',
        created: 1741570283,
        upstreamModel: 'gpt-4o-2024-08-06',
        systemFingerprint: 'fp_fc9f1d7035',
      },
      { type: 'text-delta', choice: 0, delta: 'Hello' },
      { type: 'text-delta', choice: 0, delta: ' wörld ✓' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop' } },
    ]);
    assert.equal(events.length, 5);
    const usage = events[4];
    assert.equal(usage?.type, 'usage');
    if (usage?.type === 'usage') assert.equal(usage.usage.input, 19);
  });

  it('reassembles streamed tool calls by choice and tool index', async () => {
    upstream.reply(sseReply(fixture('openai-chat-tool-call.sse')));
    const events = await collectEvents(
      await openAiProvider.streamChat(
        chatRequest(),
        backendTarget('openai', upstream.baseUrl, 'gpt-4o-mini'),
        callContext(),
      ),
    );
    const toolEvents = events.filter((event) => event.type === 'tool-call-start' || event.type === 'tool-call-delta');
    assert.deepEqual(toolEvents, [
      { type: 'tool-call-start', choice: 0, toolIndex: 0, id: 'call_weather1', name: 'get_weather' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{"lo' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: 'cation": "Paris"}' },
      { type: 'tool-call-start', choice: 0, toolIndex: 1, id: 'call_time2', name: 'get_time' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 1, argumentsDelta: '{"zone": "CET"}' },
    ]);
    const argumentsByTool = new Map<number, string>();
    for (const event of toolEvents) {
      if (event.type === 'tool-call-delta') {
        argumentsByTool.set(event.toolIndex, (argumentsByTool.get(event.toolIndex) ?? '') + event.argumentsDelta);
      }
    }
    assert.deepEqual(JSON.parse(argumentsByTool.get(0)!), { location: 'Paris' });
    assert.deepEqual(events.at(-2), {
      type: 'choice-finish',
      choice: 0,
      finishReason: { unified: 'tool_calls', raw: 'tool_calls' },
    });
    assert.equal(events.at(-1)?.type, 'usage');
    assert.equal(events.filter((event) => event.type === 'usage').length, 1);
  });

  it('reads usage from a chunk that still has choices (LiteLLM #36168)', async () => {
    upstream.reply(sseReply(fixture('usage-in-choice-chunk.sse')));
    const events = await collectEvents(
      await mistralProvider.streamChat(
        chatRequest(),
        backendTarget('mistral', upstream.baseUrl, 'mistral-small-latest'),
        callContext(),
      ),
    );
    assert.deepEqual(
      events.map((event) => event.type),
      ['response-metadata', 'text-delta', 'text-delta', 'choice-finish', 'usage'],
    );
    const usage = events.at(-1);
    assert.ok(usage?.type === 'usage');
    assert.deepEqual({ input: usage.usage.input, output: usage.usage.output }, { input: 7, output: 3 });
    assert.deepEqual(usage.usage.raw, { prompt_tokens: 7, total_tokens: 10, completion_tokens: 3 });
  });

  it('turns a stream that stops without [DONE] or usage into an error event', async () => {
    upstream.reply(sseReply(fixture('stream-cut.sse'), { ending: 'end' }));
    const events = await collectEvents(
      await openAiProvider.streamChat(
        chatRequest(),
        backendTarget('openai', upstream.baseUrl, 'gpt-4o-mini'),
        callContext(),
      ),
    );
    assert.deepEqual(
      events.map((event) => event.type),
      ['response-metadata', 'text-delta', 'text-delta', 'error'],
    );
    const last = events.at(-1);
    assert.ok(last?.type === 'error');
    assert.equal(last.error.code, 'upstream_error');
    assert.match(last.error.message, /openai/);
  });

  it('turns a dropped connection mid-stream into an error event', async () => {
    upstream.reply(sseReply(fixture('stream-cut.sse'), { ending: 'destroy' }));
    const events = await collectEvents(
      await openAiProvider.streamChat(
        chatRequest(),
        backendTarget('openai', upstream.baseUrl, 'gpt-4o-mini'),
        callContext(),
      ),
    );
    const last = events.at(-1);
    assert.ok(last?.type === 'error');
    assert.ok(last.error instanceof GatewayError);
    assert.equal(last.error.upstream?.providerId, 'openai');
    assert.equal(events.filter((event) => event.type === 'usage').length, 0);
  });

  it('turns an error frame into an error event naming the provider', async () => {
    upstream.reply(sseReply(fixture('stream-error-frame.sse')));
    const events = await collectEvents(
      await openAiProvider.streamChat(
        chatRequest(),
        backendTarget('openai', upstream.baseUrl, 'gpt-4o-mini'),
        callContext(),
      ),
    );
    assert.deepEqual(
      events.map((event) => event.type),
      ['response-metadata', 'text-delta', 'error'],
    );
    const last = events.at(-1);
    assert.ok(last?.type === 'error');
    assert.equal(last.error.code, 'upstream_error');
    assert.match(last.error.message, /upstream \(openai\).*server had an error/);
    assert.equal(last.error.upstream?.vendorCode, 'server_error');
  });

  it('estimates usage when a server ends cleanly without reporting it', async () => {
    upstream.reply(sseReply(fixture('ollama-no-usage.sse')));
    const events = await collectEvents(
      await ollamaProvider.streamChat(
        chatRequest({ messages: [{ role: 'user', content: 'How many chars?' }] }),
        backendTarget('ollama', upstream.baseUrl, 'llama3.2', { apiKey: undefined }),
        callContext(),
      ),
    );
    assert.equal(upstream.requests.at(-1)!.headers.authorization, undefined);
    const usage = events.at(-1);
    assert.ok(usage?.type === 'usage');
    // "Twelve chars." is 13 characters → 4 tokens; "How many chars?" is 15 → 4.
    assert.deepEqual(usage.usage, { input: 4, cachedInput: 0, cacheWriteInput: 0, output: 4, reasoning: 0, raw: null });
  });

  it('maps a 429 to upstream_rate_limited with the retry-after delay', async () => {
    upstream.reply(jsonReply(fixture('error-429.json'), 429, { 'retry-after': '7' }));
    await assert.rejects(
      openAiProvider.chat(chatRequest(), backendTarget('openai', upstream.baseUrl, 'gpt-4o'), callContext()),
      (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.equal(error.code, 'upstream_rate_limited');
        assert.equal(error.status, 429);
        assert.equal(error.retryAfterMs, 7000);
        assert.equal(error.upstream?.status, 429);
        return true;
      },
    );
  });

  it('destroys the upstream body when the consumer stops early', async () => {
    const firstFrames = fixture('openai-chat-text.sse').split('\n\n').slice(0, 2).join('\n\n') + '\n\n';
    const { disconnected } = upstream.reply({ ...sseReply(firstFrames), ending: 'hold' });
    const events = await openAiProvider.streamChat(
      chatRequest(),
      backendTarget('openai', upstream.baseUrl, 'gpt-4o'),
      callContext(),
    );
    const seen: ChatStreamEvent[] = [];
    for await (const event of events) {
      seen.push(event);
      if (event.type === 'text-delta') break;
    }
    assert.equal(seen.at(-1)?.type, 'text-delta');
    await disconnected;
  });

  it('destroys the upstream body when the consumer returns before reading', async () => {
    const { disconnected } = upstream.reply({ ...sseReply(fixture('openai-chat-text.sse')), ending: 'hold' });
    const events = await openAiProvider.streamChat(
      chatRequest(),
      backendTarget('openai', upstream.baseUrl, 'gpt-4o'),
      callContext(),
    );
    const iterator = events[Symbol.asyncIterator]();
    await iterator.return?.();
    await disconnected;
  });

  it('sends embeddings with encoding_format float and returns vectors in input order', async () => {
    upstream.reply(jsonReply(fixture('openai-embeddings.json')));
    const context = callContext();
    const result = await openAiProvider.embed(
      {
        model: 'embed',
        input: ['a', 'b'],
        encodingFormat: 'base64',
        dimensions: 3,
        user: 'u1',
        inputType: 'query',
        extra: {},
      },
      backendTarget('openai', upstream.baseUrl, 'text-embedding-3-small'),
      context,
    );
    const received = upstream.requests.at(-1)!;
    assert.equal(received.url, '/v1/embeddings');
    assert.deepEqual(received.body, {
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
      dimensions: 3,
      user: 'u1',
    });
    assert.deepEqual(result.embeddings, [
      [0.0023064255, -0.009327292, -0.0028842222],
      [0.5, -0.25, 0.125],
    ]);
    assert.equal(result.usage.input, 8);
    assert.deepEqual(
      context.warnings.map((warning) => warning.param),
      ['input_type'],
    );
  });

  it('Mistral: no stream_options, max_tokens and random_seed', async () => {
    upstream.reply(sseReply(fixture('usage-in-choice-chunk.sse')));
    await collectEvents(
      await mistralProvider.streamChat(
        chatRequest({ maxOutputTokens: 50, maxOutputTokensField: 'max_completion_tokens', seed: 3 }),
        backendTarget('mistral', upstream.baseUrl, 'mistral-small-latest'),
        callContext(),
      ),
    );
    const body = upstream.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(body.stream_options, undefined);
    assert.equal(body.max_completion_tokens, undefined);
    assert.equal(body.max_tokens, 50);
    assert.equal(body.seed, undefined);
    assert.equal(body.random_seed, 3);
  });

  it('requires base_url on a generic OpenAI-compatible connection', async () => {
    await assert.rejects(
      genericOpenAiCompatibleProvider.chat(
        chatRequest(),
        backendTarget('openai-compatible', '', 'some-model'),
        callContext(),
      ),
      /base_url/,
    );
  });
});
