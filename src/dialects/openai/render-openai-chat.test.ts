import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatResult } from '../../spec/index.js';
import { renderOpenAiChat } from './render-openai-chat.js';

const result: ChatResult = {
  id: 'chatcmpl-1',
  created: 1700000000,
  upstreamModel: 'grok-3-mini',
  choices: [
    {
      index: 0,
      content: 'The answer is 4.',
      reasoningContent: 'Two plus two.',
      finishReason: { unified: 'stop', raw: 'stop' },
    },
    {
      index: 1,
      content: null,
      toolCalls: [{ id: 'call_1', name: 'add', arguments: '{"a":2,"b":2}' }],
      finishReason: { unified: 'tool_calls', raw: 'tool_calls' },
      logprobs: { content: [] },
    },
    { index: 2, content: '', refusal: 'I cannot.', finishReason: { unified: 'content_filter', raw: 'SAFETY' } },
    { index: 3, content: 'x', finishReason: { unified: 'other', raw: 'function_call' } },
    { index: 4, content: 'y', finishReason: { unified: 'error', raw: 'weird' } },
  ],
  // xAI counts reasoning outside completion_tokens; the canonical buckets are disjoint.
  usage: { input: 90, cachedInput: 10, cacheWriteInput: 0, output: 20, reasoning: 30, raw: null },
  systemFingerprint: 'fp_1',
};

describe('renderOpenAiChat', () => {
  it('renders a chat.completion with OpenAI usage conventions', () => {
    assert.deepStrictEqual(renderOpenAiChat(result), {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'grok-3-mini',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'The answer is 4.',
            reasoning_content: 'Two plus two.',
            refusal: null,
          },
          logprobs: null,
          finish_reason: 'stop',
        },
        {
          index: 1,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":2}' } }],
          },
          logprobs: { content: [] },
          finish_reason: 'tool_calls',
        },
        {
          index: 2,
          message: { role: 'assistant', content: '', refusal: 'I cannot.' },
          logprobs: null,
          finish_reason: 'content_filter',
        },
        {
          index: 3,
          message: { role: 'assistant', content: 'x', refusal: null },
          logprobs: null,
          finish_reason: 'function_call',
        },
        {
          index: 4,
          message: { role: 'assistant', content: 'y', refusal: null },
          logprobs: null,
          finish_reason: 'error',
        },
      ],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 50,
        total_tokens: 150,
        prompt_tokens_details: { cached_tokens: 10 },
        completion_tokens_details: { reasoning_tokens: 30 },
      },
      system_fingerprint: 'fp_1',
    });
  });

  it('inlines reasoning between think tags when asked', () => {
    const rendered = renderOpenAiChat({ ...result, choices: [result.choices[0]!] }, { reasoning: 'think-tags' });
    const [choice] = rendered.choices as { message: Record<string, unknown> }[];
    assert.deepStrictEqual(choice?.message, {
      role: 'assistant',
      content: '<think>Two plus two.</think>The answer is 4.',
      refusal: null,
    });
  });
});
