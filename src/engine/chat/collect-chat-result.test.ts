import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { ChatStreamEvent, Usage } from '../../spec/index.js';
import { collectChatResult } from './collect-chat-result.js';

const USAGE: Usage = {
  input: 5,
  cachedInput: 0,
  cacheWriteInput: 0,
  output: 3,
  reasoning: 1,
  raw: { prompt_tokens: 5 },
};

async function* stream(events: ChatStreamEvent[]): AsyncGenerator<ChatStreamEvent> {
  await Promise.resolve();
  yield* events;
}

describe('collectChatResult', () => {
  it('folds text, reasoning, tool calls, the finish and usage into one result', async () => {
    const result = await collectChatResult(
      stream([
        { type: 'response-metadata', id: 'chatcmpl-1', created: 100, upstreamModel: 'tiny' },
        { type: 'reasoning-delta', choice: 0, delta: 'Hm' },
        { type: 'text-delta', choice: 0, delta: 'Hel' },
        { type: 'text-delta', choice: 0, delta: 'lo' },
        { type: 'tool-call-start', choice: 0, toolIndex: 0, id: 'call_1', name: 'f' },
        { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{"a":' },
        { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '1}' },
        { type: 'choice-finish', choice: 0, finishReason: { unified: 'tool_calls', raw: 'tool_calls' } },
        { type: 'usage', usage: USAGE },
      ]),
    );
    assert.deepEqual(result, {
      id: 'chatcmpl-1',
      created: 100,
      upstreamModel: 'tiny',
      choices: [
        {
          index: 0,
          content: 'Hello',
          reasoningContent: 'Hm',
          toolCalls: [{ id: 'call_1', name: 'f', arguments: '{"a":1}' }],
          finishReason: { unified: 'tool_calls', raw: 'tool_calls' },
        },
      ],
      usage: USAGE,
    });
  });

  it('gives null content for an answer that is only tool calls, and empty text for an empty answer', async () => {
    const toolsOnly = await collectChatResult(
      stream([
        { type: 'tool-call-start', choice: 0, toolIndex: 0, id: 'call_1', name: 'f' },
        { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{}' },
        { type: 'choice-finish', choice: 0, finishReason: { unified: 'tool_calls', raw: 'tool_calls' } },
      ]),
    );
    assert.equal(toolsOnly.choices[0]?.content, null);
    const empty = await collectChatResult(
      stream([{ type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop' } }]),
    );
    assert.equal(empty.choices[0]?.content, '');
  });

  it('throws the error a stream ends with', async () => {
    const error = new GatewayError('upstream_error', 'broke');
    await assert.rejects(
      collectChatResult(
        stream([
          { type: 'text-delta', choice: 0, delta: 'a' },
          { type: 'error', error },
        ]),
      ),
      (thrown) => thrown === error,
    );
  });

  it('refuses a stream that ends before its choice finished', async () => {
    await assert.rejects(
      collectChatResult(stream([{ type: 'text-delta', choice: 0, delta: 'a' }])),
      (thrown) => thrown instanceof GatewayError && thrown.code === 'upstream_error',
    );
  });
});
