import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSse } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';
import type { ChatStreamEvent } from '../../spec/index.js';
import type { RenderContext } from '../dialect.js';
import { azureInferenceDialect } from './azure-inference-dialect.js';

async function* scripted(events: ChatStreamEvent[]): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) {
    // An upstream yields between events; so does this script.
    await Promise.resolve();
    yield event;
  }
}

async function render(events: ChatStreamEvent[], version: string): Promise<string> {
  const context: RenderContext = {
    requestId: 'req-1',
    request: { model: 'DeepSeek-R1', messages: [], stream: true, includeUsage: true, extra: {} },
    query: { 'api-version': version },
  };
  let text = '';
  for await (const frame of azureInferenceDialect.renderChatStream(scripted(events), context)) text += frame;
  return text;
}

const head = '"id":"a1","object":"chat.completion.chunk","created":1700000000,"model":"DeepSeek-R1"';
const usageJson =
  '{"prompt_tokens":11,"completion_tokens":9,"total_tokens":20,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":4}}';
const events: ChatStreamEvent[] = [
  { type: 'response-metadata', id: 'a1', created: 1700000000, upstreamModel: 'DeepSeek-R1' },
  { type: 'reasoning-delta', choice: 0, delta: 'Let me' },
  { type: 'reasoning-delta', choice: 0, delta: ' think' },
  { type: 'text-delta', choice: 0, delta: 'Four' },
  { type: 'text-delta', choice: 0, delta: '.' },
  { type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop' } },
  { type: 'usage', usage: { input: 11, cachedInput: 0, cacheWriteInput: 0, output: 5, reasoning: 4, raw: null } },
];

const chunk = (delta: string, finish = 'null', usage = '') =>
  `data: {${head},"choices":[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]${usage}}\n\n`;

describe('Azure AI Inference stream rendering', () => {
  it('puts usage on the finish chunk and streams reasoning_content on 2025-04-01', async () => {
    assert.equal(
      await render(events, '2025-04-01'),
      [
        chunk('{"role":"assistant","reasoning_content":"Let me"}'),
        chunk('{"reasoning_content":" think"}'),
        chunk('{"content":"Four"}'),
        chunk('{"content":"."}'),
        chunk('{}', '"stop"', `,"usage":${usageJson}`),
        'data: [DONE]\n\n',
      ].join(''),
    );
  });

  it('inlines reasoning in <think> tags on 2024-05-01-preview', async () => {
    assert.equal(
      await render(events, '2024-05-01-preview'),
      [
        chunk('{"role":"assistant","content":"<think>Let me"}'),
        chunk('{"content":" think"}'),
        chunk('{"content":"</think>Four"}'),
        chunk('{"content":"."}'),
        chunk('{}', '"stop"', `,"usage":${usageJson}`),
        'data: [DONE]\n\n',
      ].join(''),
    );
  });

  it('closes an open <think> on the finish chunk when no content follows', async () => {
    const text = await render(
      [
        events[0]!,
        events[1]!,
        { type: 'choice-finish', choice: 0, finishReason: { unified: 'length', raw: 'length' } },
      ],
      '2024-05-01-preview',
    );
    assert.equal(
      text,
      [
        chunk('{"role":"assistant","content":"<think>Let me"}'),
        chunk('{"content":"</think>"}', '"length"'),
        'data: [DONE]\n\n',
      ].join(''),
    );
  });

  it('sends usage alone when no finish chunk is waiting, and flushes the finish chunk before an error', async () => {
    const usageOnly = await render([events[0]!, events[6]!], '2025-04-01');
    assert.equal(usageOnly, `data: {${head},"choices":[],"usage":${usageJson}}\n\ndata: [DONE]\n\n`);

    const failed = await render(
      [events[0]!, events[5]!, { type: 'error', error: new GatewayError('upstream_error', 'Lost.') }],
      '2025-04-01',
    );
    assert.equal(
      failed,
      chunk('{"role":"assistant"}', '"stop"') + 'data: {"error":{"code":"upstream_error","message":"Lost."}}\n\n',
    );
  });

  it('decodes with the kit decoder, usage on the last JSON frame', async () => {
    const frames: string[] = [];
    for await (const event of decodeSse(inPieces(await render(events, '2025-04-01')))) frames.push(event.data);
    assert.equal(frames.length, 6);
    assert.equal(frames[5], '[DONE]');
    assert.ok(frames[4]?.includes('"finish_reason":"stop"') && frames[4].includes('"usage":{'));
  });
});

/** Feeds the text back in uneven pieces, as a socket would. */
async function* inPieces(text: string): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += 7) {
    await Promise.resolve();
    yield text.slice(start, start + 7);
  }
}
