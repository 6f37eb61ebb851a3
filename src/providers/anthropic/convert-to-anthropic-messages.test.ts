import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

describe('convertToAnthropicMessages', () => {
  it('turns data: and https images into image blocks and merges consecutive user turns', () => {
    const conversation = convertToAnthropicMessages([
      { role: 'user', content: 'First' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
          { type: 'image', url: 'https://example.com/cat.jpg' },
        ],
      },
    ]);
    assert.equal(conversation.system, undefined);
    assert.deepEqual(conversation.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First' },
          { type: 'text', text: 'Look:' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('puts tool results before a following user message in one user turn, and drops reasoning', () => {
    const conversation = convertToAnthropicMessages([
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: 'Calling.',
        reasoningContent: 'thoughts without a signature',
        toolCalls: [{ id: 't1', name: 'f', arguments: '' }],
      },
      { role: 'tool', toolCallId: 't1', content: [{ type: 'text', text: 'done' }] },
      { role: 'user', content: 'Thanks' },
    ]);
    assert.deepEqual(conversation.messages.slice(1), [
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Calling.' },
          { type: 'tool_use', id: 't1', name: 'f', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'done' }] },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  it('refuses tool-call arguments that are not a JSON object, naming where', () => {
    assert.throws(
      () =>
        convertToAnthropicMessages([
          { role: 'user', content: 'Go' },
          { role: 'assistant', content: null, toolCalls: [{ id: 't1', name: 'f', arguments: '{"a":' }] },
        ]),
      (error: unknown) =>
        error instanceof GatewayError &&
        error.code === 'invalid_request' &&
        error.param === 'messages[1].tool_calls[0].function.arguments',
    );
  });

  it('refuses audio and images that are neither data: nor http(s) URLs', () => {
    assert.throws(
      () => convertToAnthropicMessages([{ role: 'user', content: [{ type: 'audio', data: 'AA==', format: 'wav' }] }]),
      GatewayError,
    );
    assert.throws(
      () => convertToAnthropicMessages([{ role: 'user', content: [{ type: 'image', url: 'ftp://x/y.png' }] }]),
      (error: unknown) => error instanceof GatewayError && error.param === 'messages[0].content[0].image_url.url',
    );
  });
});
