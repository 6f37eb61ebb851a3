import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { ChatMessage } from '../../spec/index.js';
import { convertToChatHistory } from './convert-to-chat-history.js';

function refusal(messages: ChatMessage[]): GatewayError {
  try {
    convertToChatHistory(messages);
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('convertToChatHistory', () => {
  it('keeps the messages as they are, adding nothing', () => {
    assert.deepEqual(
      convertToChatHistory([
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'one' },
            { type: 'text', text: 'two' },
          ],
        },
        { role: 'assistant', content: 'Hi.', reasoningContent: 'They said two things.' },
        { role: 'user', content: 'again', name: 'ann' },
      ]),
      [
        { type: 'system', text: 'Be brief.' },
        { type: 'user', text: 'one\ntwo' },
        {
          type: 'model',
          response: [{ type: 'segment', segmentType: 'thought', text: 'They said two things.', ended: true }, 'Hi.'],
        },
        { type: 'user', text: 'again' },
      ],
    );
  });

  it('puts each tool result beside its call and continues the response after the results', () => {
    assert.deepEqual(
      convertToChatHistory([
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          toolCalls: [
            { id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
            { id: 'call_2', name: 'weather', arguments: 'not json' },
          ],
        },
        { role: 'tool', toolCallId: 'call_2', content: 'rainy' },
        { role: 'tool', toolCallId: 'call_1', content: '{"sky":"clear"}' },
        { role: 'assistant', content: 'Clear in Paris, rain in Rome.' },
        { role: 'user', content: 'Thanks' },
      ]),
      [
        { type: 'user', text: 'Weather in Paris and Rome?' },
        {
          type: 'model',
          response: [
            { type: 'functionCall', name: 'weather', params: { city: 'Paris' }, result: { sky: 'clear' } },
            { type: 'functionCall', name: 'weather', params: 'not json', result: 'rainy' },
            'Clear in Paris, rain in Rome.',
          ],
        },
        { type: 'user', text: 'Thanks' },
      ],
    );
  });

  it('refuses media: a local model here reads text only', () => {
    const error = refusal([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'audio', data: 'AAAA', format: 'wav' },
        ],
      },
    ]);
    assert.equal(error.code, 'unsupported_parameter');
    assert.equal(error.param, 'messages[0].content[1]');
    assert.match(error.message, /takes text only/);
  });

  it('refuses a tool message that answers no call, or answers one twice', () => {
    const orphan = refusal([
      { role: 'user', content: 'hi' },
      { role: 'tool', toolCallId: 'call_9', content: 'result' },
    ]);
    assert.equal(orphan.code, 'invalid_request');
    assert.equal(orphan.param, 'messages[1].tool_call_id');
    const twice = refusal([
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'f', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'call_1', content: 'a' },
      { role: 'tool', toolCallId: 'call_1', content: 'b' },
    ]);
    assert.equal(twice.param, 'messages[2].tool_call_id');
  });

  it('refuses a tool call left without its result', () => {
    const error = refusal([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'f', arguments: '{}' }] },
    ]);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.param, 'messages[1].tool_calls[0]');
  });
});
