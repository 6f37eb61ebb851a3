import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { expectedAnthropicUsage, reasoningText, splitIntoPieces, startAnthropicEmulator } from './index.js';
import type { Emulator } from './index.js';
import { readRawStream } from './read-raw-stream.js';

describe('Anthropic emulator through the official @anthropic-ai/sdk', () => {
  let emulator: Emulator;
  let client: Anthropic;

  before(async () => {
    emulator = await startAnthropicEmulator();
    client = new Anthropic({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0 });
  });
  after(() => emulator.close());

  it('creates a Message with text and the documented usage', async () => {
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'terse',
      messages: [{ role: 'user' as const, content: 'hello claude' }],
    };
    const message = await client.messages.create(body);
    assert.deepEqual(message.content, [{ type: 'text', text: 'Echo: hello claude' }]);
    assert.equal(message.stop_reason, 'end_turn');
    // ceil((5 + 12) / 4) = 5 input tokens; 3 output words.
    assert.deepEqual(message.usage, {
      input_tokens: 5,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    const recorded = emulator.requests.at(-1)!;
    assert.equal(recorded.headers['x-api-key'], emulator.apiKey);
    assert.equal(recorded.headers['anthropic-version'], '2023-06-01');
  });

  it('reports cache tokens outside input_tokens when a block has cache_control', async () => {
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: [{ type: 'text' as const, text: 'long context', cache_control: { type: 'ephemeral' as const } }],
      messages: [{ role: 'user' as const, content: 'q' }],
    };
    const message = await client.messages.create(body);
    assert.equal(message.usage.input_tokens, 4);
    assert.equal(message.usage.cache_read_input_tokens, 8);
    assert.equal(message.usage.cache_creation_input_tokens, 12);
    assert.deepEqual(message.usage, expectedAnthropicUsage(body));
  });

  it('stops on max_tokens and on a stop sequence, and thinks when thinking is enabled', async () => {
    const messages = [{ role: 'user' as const, content: 'a b c d' }];
    const short = await client.messages.create({ model: 'm', max_tokens: 2, messages });
    assert.deepEqual(short.content, [{ type: 'text', text: 'Echo: a' }]);
    assert.equal(short.stop_reason, 'max_tokens');
    const stopped = await client.messages.create({ model: 'm', max_tokens: 50, messages, stop_sequences: [' c'] });
    assert.equal(stopped.stop_reason, 'stop_sequence');
    assert.equal(stopped.stop_sequence, ' c');
    assert.deepEqual(stopped.content, [{ type: 'text', text: 'Echo: a b' }]);
    const thought = await client.messages.create({
      model: 'm',
      max_tokens: 2000,
      messages,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    assert.equal(thought.content[0]?.type, 'thinking');
    assert.equal(thought.content[0]?.type === 'thinking' ? thought.content[0].thinking : '', reasoningText('a b c d'));
    assert.equal(thought.usage.output_tokens, 6 + 5);
  });

  it('streams text with messages.stream, pings included, cumulative output tokens at the end', async () => {
    const stream = client.messages.stream({
      model: 'm',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'stream this' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    assert.deepEqual(deltas, ['Echo:', ' strea', 'm this']);
    assert.deepEqual(deltas, splitIntoPieces('Echo: stream this', 3));
    assert.deepEqual(final.content, [{ type: 'text', text: 'Echo: stream this' }]);
    assert.equal(final.usage.output_tokens, 3);
    const raw = await readRawStream(
      `${emulator.baseUrl}/messages`,
      { 'x-api-key': emulator.apiKey, 'anthropic-version': '2023-06-01' },
      { model: 'm', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'x' }] },
    );
    const events = [...raw.text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    assert.deepEqual(events, [
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    assert.match(
      raw.text,
      /event: message_delta\ndata: \{"type":"message_delta","delta":\{"stop_reason":"end_turn","stop_sequence":null\},"usage":\{"output_tokens":2\}\}\n\n/,
    );
  });

  it('streams tool_use input as input_json_delta fragments the SDK reassembles', async () => {
    const stream = client.messages.stream({
      model: 'm',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'weather' }],
      tools: [
        { name: 'get_weather', input_schema: { type: 'object' } },
        { name: 'get_time', input_schema: { type: 'object' } },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const final = await stream.finalMessage();
    assert.equal(final.stop_reason, 'tool_use');
    assert.equal(final.content.length, 1);
    const block = final.content[0];
    assert.equal(block?.type, 'tool_use');
    assert.deepEqual(block?.type === 'tool_use' ? [block.name, block.input] : [], ['get_weather', { echo: 'weather' }]);
    assert.equal(partials.length, 3);
  });

  it('streams a thinking block with thinking and signature deltas', async () => {
    const final = await client.messages
      .stream({
        model: 'm',
        max_tokens: 2000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'deep' }],
      })
      .finalMessage();
    const thinking = final.content[0];
    assert.equal(thinking?.type === 'thinking' ? thinking.thinking : '', reasoningText('deep'));
    assert.match(thinking?.type === 'thinking' ? thinking.signature : '', /^sig_emu_/);
    assert.equal(final.content[1]?.type, 'text');
  });

  it('raises the SDK error classes for the documented error bodies', async () => {
    const wrong = new Anthropic({ apiKey: 'wrong', baseURL: emulator.url, maxRetries: 0 });
    await assert.rejects(wrong.messages.create({ model: 'm', max_tokens: 1, messages: [] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.AuthenticationError);
      assert.deepEqual((error.error as { error: unknown }).error, {
        type: 'authentication_error',
        message: 'invalid x-api-key',
      });
      assert.match(error.requestID ?? '', /^req_emu/);
      return true;
    });
    const missingMaxTokens = {
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
    } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    await assert.rejects(client.messages.create(missingMaxTokens), (error: unknown) => {
      assert.ok(error instanceof Anthropic.BadRequestError);
      assert.match(error.message, /max_tokens: Field required/);
      return true;
    });
    const noVersion = await fetch(`${emulator.baseUrl}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', max_tokens: 1, messages: [] }),
    });
    assert.equal(noVersion.status, 400);
    const noVersionBody = (await noVersion.json()) as { type: string; error: { type: string; message: string } };
    assert.equal(noVersionBody.type, 'error');
    assert.deepEqual(noVersionBody.error, {
      type: 'invalid_request_error',
      message: 'anthropic-version: header is required',
    });

    emulator.setFault({ kind: 'rate-limit', retryAfterSeconds: 3, times: 1 });
    await assert.rejects(client.messages.create({ model: 'm', max_tokens: 5, messages: [] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.equal(error.headers?.get('retry-after'), '3');
      assert.equal((error.error as { error: { type: string } }).error.type, 'rate_limit_error');
      return true;
    });
    emulator.setFault({ kind: 'status', status: 529, times: 1 });
    await assert.rejects(client.messages.create({ model: 'm', max_tokens: 5, messages: [] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.InternalServerError);
      assert.equal(error.status, 529);
      assert.equal((error.error as { error: { type: string } }).error.type, 'overloaded_error');
      return true;
    });
  });

  it('counts tokens', async () => {
    const counted = await client.messages.countTokens({
      model: 'm',
      messages: [{ role: 'user', content: 'twelve chars' }],
    });
    assert.deepEqual(counted, { input_tokens: 3 });
  });
});
