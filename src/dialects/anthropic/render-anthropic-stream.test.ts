import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSse, safeParseJson } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';
import type { ChatStreamEvent, JsonObject } from '../../spec/index.js';
import type { RenderContext } from '../dialect.js';
import { anthropicDialect } from './anthropic-dialect.js';

async function* scripted(events: ChatStreamEvent[]): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) {
    // An upstream yields between events; so does this script.
    await Promise.resolve();
    yield event;
  }
}

const context: RenderContext = {
  requestId: 'req-1',
  request: { model: 'claude', messages: [], stream: true, includeUsage: true, extra: {} },
  query: {},
};

async function render(events: ChatStreamEvent[]): Promise<string> {
  let text = '';
  for await (const frame of anthropicDialect.renderChatStream(scripted(events), context)) text += frame;
  return text;
}

const frame = (body: JsonObject) => `event: ${body.type as string}\ndata: ${JSON.stringify(body)}\n\n`;
const messageStart = (id: string, model: string) =>
  frame({
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  });

describe('Anthropic stream rendering', () => {
  it('renders blocks in order, a new block per kind and per tool call, then message_delta and message_stop', async () => {
    const text = await render([
      { type: 'response-metadata', id: 'msg_abc', created: 1, upstreamModel: 'claude-sonnet-4' },
      { type: 'reasoning-delta', choice: 0, delta: 'Hmm' },
      { type: 'text-delta', choice: 0, delta: 'Checking' },
      { type: 'text-delta', choice: 0, delta: '.' },
      { type: 'text-delta', choice: 1, delta: 'ignored choice' },
      { type: 'tool-call-start', choice: 0, toolIndex: 0, id: 'toolu_1', name: 'weather' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-start', choice: 0, toolIndex: 1, id: 'toolu_2', name: 'time' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 1, argumentsDelta: '{}' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'tool_calls', raw: 'tool_use' } },
      { type: 'usage', usage: { input: 30, cachedInput: 4, cacheWriteInput: 2, output: 12, reasoning: 3, raw: null } },
    ]);
    assert.equal(
      text,
      [
        messageStart('msg_abc', 'claude-sonnet-4'),
        frame({
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        }),
        frame({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } }),
        frame({ type: 'content_block_stop', index: 0 }),
        frame({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
        frame({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Checking' } }),
        frame({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: '.' } }),
        frame({ type: 'content_block_stop', index: 1 }),
        frame({
          type: 'content_block_start',
          index: 2,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} },
        }),
        frame({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":' } }),
        frame({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } }),
        frame({ type: 'content_block_stop', index: 2 }),
        frame({
          type: 'content_block_start',
          index: 3,
          content_block: { type: 'tool_use', id: 'toolu_2', name: 'time', input: {} },
        }),
        frame({ type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{}' } }),
        frame({ type: 'content_block_stop', index: 3 }),
        frame({
          type: 'message_delta',
          delta: { stop_reason: 'tool_use', stop_sequence: null },
          usage: { input_tokens: 30, output_tokens: 15, cache_creation_input_tokens: 2, cache_read_input_tokens: 4 },
        }),
        frame({ type: 'message_stop' }),
      ].join(''),
    );
  });

  it('starts the message itself when metadata never came, and still closes it without usage', async () => {
    const text = await render([
      { type: 'text-delta', choice: 0, delta: 'Hi' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'length', raw: 'length' } },
    ]);
    assert.equal(
      text,
      [
        messageStart('msg_req-1', 'claude'),
        frame({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        frame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
        frame({ type: 'content_block_stop', index: 0 }),
        frame({
          type: 'message_delta',
          delta: { stop_reason: 'max_tokens', stop_sequence: null },
          usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        }),
        frame({ type: 'message_stop' }),
      ].join(''),
    );
  });

  it('ends with an error event and nothing after it', async () => {
    const text = await render([
      { type: 'response-metadata', id: 'x', created: 1, upstreamModel: 'm' },
      { type: 'text-delta', choice: 0, delta: 'Hi' },
      { type: 'error', error: new GatewayError('upstream_unavailable', 'Overloaded') },
    ]);
    assert.ok(
      text.endsWith(
        'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
      ),
    );
    assert.ok(!text.includes('message_stop'));
  });

  it('decodes with the kit decoder into named events whose data type matches', async () => {
    const names: string[] = [];
    const frames = anthropicDialect.renderChatStream(
      scripted([
        { type: 'response-metadata', id: 'msg_1', created: 1, upstreamModel: 'm' },
        { type: 'text-delta', choice: 0, delta: 'ok' },
        { type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop_sequence' } },
        { type: 'usage', usage: { input: 1, cachedInput: 0, cacheWriteInput: 0, output: 1, reasoning: 0, raw: null } },
      ]),
      context,
    );
    let stopReason: unknown;
    for await (const event of decodeSse(frames)) {
      const parsed = safeParseJson(event.data);
      assert.ok(parsed.ok);
      const data = parsed.value as { type: string; delta?: { stop_reason?: string } };
      assert.equal(data.type, event.event);
      names.push(data.type);
      if (data.type === 'message_delta') stopReason = data.delta?.stop_reason;
    }
    assert.deepStrictEqual(names, [
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    assert.equal(stopReason, 'stop_sequence');
  });
});
