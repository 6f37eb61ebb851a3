import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import {
  echoText,
  embeddingVector,
  expectedChatUsage,
  promptTokensFor,
  startOpenAiStyleEmulator,
  toolArgumentsText,
} from './index.js';
import type { Emulator } from './index.js';

describe('OpenAI emulator through the official openai SDK', () => {
  let emulator: Emulator;
  let client: OpenAI;

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    client = new OpenAI({ apiKey: emulator.apiKey, baseURL: emulator.baseUrl, maxRetries: 0 });
  });
  after(() => emulator.close());

  it('answers a chat completion with the echo and the documented usage', async () => {
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'hello there' },
    ];
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.content, 'Echo: hello there');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    // (9 + 11 characters) / 4 = 5 prompt tokens; "Echo: hello there" = 3 words.
    assert.deepEqual(completion.usage, {
      prompt_tokens: 5,
      completion_tokens: 3,
      total_tokens: 8,
      prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
    const recorded = emulator.requests.at(-1)!;
    assert.equal(recorded.path, '/v1/chat/completions');
    assert.equal(recorded.headers.authorization, `Bearer ${emulator.apiKey}`);
    assert.deepEqual((recorded.body as { messages: unknown }).messages, messages);
  });

  it('streams with include_usage: role first, usage null until a last chunk with no choices', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'stream me please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'Echo: stream me please');
    const contentChunks = chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? '') !== '');
    assert.equal(contentChunks.length, 3, 'split into the default 3 deltas');
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage?.completion_tokens, 4);
    assert.ok(chunks.slice(0, -1).every((chunk) => chunk.usage === null));
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
  });

  it('omits usage from a stream that did not ask for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    for await (const chunk of stream) {
      assert.equal('usage' in chunk, false);
      assert.equal(chunk.choices.length, 1);
    }
  });

  it('streams parallel tool calls as index-keyed fragments the SDK reassembles', async () => {
    const tools = ['get_weather', 'get_time'].map((name) => ({
      type: 'function' as const,
      function: { name, parameters: { type: 'object', properties: {} } },
    }));
    const runner = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather in Oslo' }],
      tools,
    });
    const fragments: number[] = [];
    runner.on('chunk', (chunk) => {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) fragments.push(call.index);
    });
    const final = await runner.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual(
      calls.map((call) => (call.type === 'function' ? [call.function.name, call.function.arguments] : [])),
      [
        ['get_weather', toolArgumentsText('weather in Oslo')],
        ['get_time', toolArgumentsText('weather in Oslo')],
      ],
    );
    assert.ok(fragments.filter((index) => index === 0).length > 2, 'arguments arrive in several fragments');
  });

  it('answers one tool call when parallel_tool_calls is false, the named one for a named tool_choice, none for "none"', async () => {
    const tools = ['first', 'second'].map((name) => ({ type: 'function' as const, function: { name } }));
    const messages = [{ role: 'user' as const, content: 'go' }];
    const single = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools,
      parallel_tool_calls: false,
    });
    assert.equal(single.choices[0]?.message.tool_calls?.length, 1);
    const named = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools,
      tool_choice: { type: 'function', function: { name: 'second' } },
    });
    const call = named.choices[0]?.message.tool_calls?.[0];
    assert.equal(call?.type === 'function' ? call.function.name : undefined, 'second');
    const none = await client.chat.completions.create({ model: 'gpt-4o', messages, tools, tool_choice: 'none' });
    assert.equal(none.choices[0]?.message.content, 'Echo: go');
    assert.equal(none.choices[0]?.finish_reason, 'stop');
  });

  it('honours n, json_object, max_tokens, stop and logprobs', async () => {
    const messages = [{ role: 'user' as const, content: 'one two three four' }];
    const many = await client.chat.completions.create({ model: 'gpt-4o', messages, n: 2 });
    assert.deepEqual(
      many.choices.map((choice) => choice.message.content),
      [echoText('one two three four', 0), echoText('one two three four', 1)],
    );
    assert.equal(many.usage?.completion_tokens, 5 + 6); // "Echo: …" and "Echo 1: …"
    const json = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      response_format: { type: 'json_object' },
    });
    assert.deepEqual(JSON.parse(json.choices[0]?.message.content ?? ''), { echo: 'one two three four' });
    const short = await client.chat.completions.create({ model: 'gpt-4o', messages, max_completion_tokens: 2 });
    assert.equal(short.choices[0]?.message.content, 'Echo: one');
    assert.equal(short.choices[0]?.finish_reason, 'length');
    assert.equal(short.usage?.completion_tokens, 2);
    const stopped = await client.chat.completions.create({ model: 'gpt-4o', messages, stop: [' three'] });
    assert.equal(stopped.choices[0]?.message.content, 'Echo: one two');
    assert.equal(stopped.choices[0]?.finish_reason, 'stop');
    const withLogprobs = await client.chat.completions.create({ model: 'gpt-4o', messages, logprobs: true });
    const tokens = withLogprobs.choices[0]?.logprobs?.content?.map((entry) => entry.token) ?? [];
    assert.equal(tokens.join(''), 'Echo: one two three four');
  });

  it('embeds deterministically in float and in the base64 the SDK asks for by default', async () => {
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
    assert.equal((emulator.requests.at(-1)?.body as { encoding_format?: string }).encoding_format, 'base64');
    assert.deepEqual(decoded.data[0]?.embedding, embeddingVector('alpha'));
    assert.deepEqual(decoded.data[1]?.embedding, embeddingVector('beta'));
    assert.deepEqual(decoded.usage, { prompt_tokens: 3, total_tokens: 3 }); // ceil(5 / 4) + ceil(4 / 4)
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'alpha',
      dimensions: 4,
      encoding_format: 'float',
    });
    assert.deepEqual(floats.data[0]?.embedding, embeddingVector('alpha', 4));
    assert.notDeepEqual(embeddingVector('alpha'), embeddingVector('beta'));
  });

  it('lists and retrieves models, 404s an unknown one', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.deepEqual(ids, ['gpt-4o', 'gpt-4o-mini', 'o3-mini', 'text-embedding-3-small']);
    assert.equal((await client.models.retrieve('gpt-4o')).owned_by, 'system');
    await assert.rejects(client.models.retrieve('nope'), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.equal(error.code, 'model_not_found');
      return true;
    });
  });

  it('rejects a wrong key with the OpenAI 401 body, and records the rejected request', async () => {
    const before = emulator.requests.length;
    const wrong = new OpenAI({ apiKey: 'sk-wrong-key-123456', baseURL: emulator.baseUrl, maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (error: unknown) => {
      assert.ok(error instanceof OpenAI.AuthenticationError);
      assert.equal(error.code, 'invalid_api_key');
      assert.match(error.message, /Incorrect API key provided: sk-\*\*\*\*\*3456/);
      return true;
    });
    assert.equal(emulator.requests.length, before + 1);
  });

  it('reports hidden reasoning tokens inside completion tokens for o-series models', async () => {
    const body = { model: 'o3-mini', messages: [{ role: 'user' as const, content: 'think' }] };
    const completion = await client.chat.completions.create(body);
    assert.deepEqual(completion.usage, expectedChatUsage('openai', body));
    assert.equal(completion.usage?.completion_tokens_details?.reasoning_tokens, 3);
    assert.equal(completion.usage?.completion_tokens, 2 + 3);
    assert.equal(promptTokensFor('think'.length), completion.usage?.prompt_tokens);
  });
});
