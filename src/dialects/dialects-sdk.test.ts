import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ChatRequest, ChatStreamEvent } from '../spec/index.js';
import { DIALECTS } from './index.js';
import type { Dialect, DialectId } from './index.js';

/*
 * The official SDKs read our rendered streams: a fetch stand-in answers every call with the frames a
 * dialect produced from scripted events, so the SDK's own decoder and accumulator judge the wire.
 */

const events: ChatStreamEvent[] = [
  { type: 'response-metadata', id: 'chatcmpl-1', created: 1700000000, upstreamModel: 'upstream-model' },
  { type: 'text-delta', choice: 0, delta: 'Let me ' },
  { type: 'text-delta', choice: 0, delta: 'check.' },
  { type: 'tool-call-start', choice: 0, toolIndex: 0, id: 'call_1', name: 'weather' },
  { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '"Paris"}' },
  { type: 'choice-finish', choice: 0, finishReason: { unified: 'tool_calls', raw: 'tool_calls' } },
  { type: 'usage', usage: { input: 10, cachedInput: 0, cacheWriteInput: 0, output: 6, reasoning: 0, raw: null } },
];

async function* scripted(): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) {
    // An upstream yields between events; so does this script.
    await Promise.resolve();
    yield event;
  }
}

function fetchRendering(dialect: Dialect, request: ChatRequest): typeof fetch {
  return () => {
    const frames = dialect.renderChatStream(scripted(), { requestId: 'req-1', request, query: {} });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for await (const frame of frames) controller.enqueue(encoder.encode(frame));
        controller.close();
      },
    });
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  };
}

const request: ChatRequest = { model: 'deployment', messages: [], stream: true, includeUsage: true, extra: {} };

describe('dialect streams read by the official SDKs', () => {
  it('lists every dialect under its own id', () => {
    for (const [id, dialect] of Object.entries(DIALECTS)) assert.equal(dialect.id, id as DialectId);
    assert.deepStrictEqual(Object.keys(DIALECTS).sort(), ['anthropic', 'azure-inference', 'azure-openai', 'openai']);
  });

  it('openai reassembles text, the tool call and usage', async () => {
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:9/v1',
      fetch: fetchRendering(DIALECTS.openai, request),
      maxRetries: 0,
    });
    const stream = client.chat.completions.stream({ model: 'deployment', messages: [{ role: 'user', content: 'x' }] });
    const completion = await stream.finalChatCompletion();
    const [choice] = completion.choices;
    assert.equal(choice?.message.content, 'Let me check.');
    assert.deepStrictEqual(choice?.message.tool_calls?.[0]?.function, {
      name: 'weather',
      arguments: '{"city":"Paris"}',
    });
    assert.equal(choice?.finish_reason, 'tool_calls');
    assert.equal(completion.usage?.total_tokens, 16);
  });

  it('anthropic builds the final message with text, tool_use and usage', async () => {
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:9',
      fetch: fetchRendering(DIALECTS.anthropic, request),
      maxRetries: 0,
    });
    const message = await client.messages
      .stream({ model: 'deployment', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    assert.equal(message.id, 'msg_req-1');
    assert.deepStrictEqual(
      message.content.map((block) => block.type),
      ['text', 'tool_use'],
    );
    const [text, tool] = message.content;
    assert.equal(text?.type === 'text' ? text.text : undefined, 'Let me check.');
    assert.deepStrictEqual(tool?.type === 'tool_use' ? tool.input : undefined, { city: 'Paris' });
    assert.equal(message.stop_reason, 'tool_use');
    assert.equal(message.usage.input_tokens, 10);
    assert.equal(message.usage.output_tokens, 6);
  });
});
