import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSse, safeParseJson } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';
import type { ChatRequest, ChatStreamEvent, JsonValue } from '../../spec/index.js';
import { azureOpenAiDialect } from '../azure-openai/index.js';
import type { RenderContext } from '../dialect.js';
import { openAiDialect } from './openai-dialect.js';

async function* scripted(events: ChatStreamEvent[]): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) {
    // An upstream yields between events; so does this script.
    await Promise.resolve();
    yield event;
  }
}

async function collect(frames: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const frame of frames) text += frame;
  return text;
}

function context(request: Partial<ChatRequest> = {}): RenderContext {
  return {
    requestId: 'req-1',
    request: { model: 'my-deployment', messages: [], stream: true, includeUsage: false, extra: {}, ...request },
    query: {},
  };
}

const usage = { input: 8, cachedInput: 2, cacheWriteInput: 0, output: 5, reasoning: 3, raw: null };
const metadata: ChatStreamEvent = {
  type: 'response-metadata',
  id: 'chatcmpl-9',
  created: 1700000000,
  upstreamModel: 'gpt-4o',
};
const head = '"id":"chatcmpl-9","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o"';
const usageJson =
  '{"prompt_tokens":10,"completion_tokens":8,"total_tokens":18,"prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":3}}';

const textEvents: ChatStreamEvent[] = [
  metadata,
  { type: 'reasoning-delta', choice: 0, delta: 'Hmm' },
  { type: 'text-delta', choice: 0, delta: 'Hel' },
  { type: 'text-delta', choice: 0, delta: 'lo' },
  { type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop' } },
  { type: 'usage', usage },
];

describe('renderOpenAiStream', () => {
  it('renders chunks without usage when the client did not ask for it', async () => {
    const text = await collect(openAiDialect.renderChatStream(scripted(textEvents), context()));
    assert.equal(
      text,
      [
        `data: {${head},"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Hmm"},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}\n\n`,
        'data: [DONE]\n\n',
      ].join(''),
    );
  });

  it('adds usage: null to every chunk and a final choices: [] usage chunk when asked', async () => {
    const text = await collect(openAiDialect.renderChatStream(scripted(textEvents), context({ includeUsage: true })));
    assert.equal(
      text,
      [
        `data: {${head},"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Hmm"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}\n\n`,
        `data: {${head},"choices":[],"usage":${usageJson}}\n\n`,
        'data: [DONE]\n\n',
      ].join(''),
    );
  });

  it('renders tool-call fragments keyed by index, per choice', async () => {
    const events: ChatStreamEvent[] = [
      metadata,
      { type: 'tool-call-start', choice: 0, toolIndex: 0, id: 'call_a', name: 'lookup' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '{"q":' },
      { type: 'tool-call-delta', choice: 0, toolIndex: 0, argumentsDelta: '"x"}' },
      { type: 'tool-call-start', choice: 0, toolIndex: 1, id: 'call_b', name: 'other' },
      { type: 'text-delta', choice: 1, delta: 'B' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'tool_calls', raw: 'tool_calls' } },
      { type: 'choice-finish', choice: 1, finishReason: { unified: 'length', raw: 'length' } },
    ];
    const text = await collect(openAiDialect.renderChatStream(scripted(events), context()));
    assert.equal(
      text,
      [
        `data: {${head},"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"lookup","arguments":""}}]},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"q\\":"}}]},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"x\\"}"}}]},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"other","arguments":""}}]},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":1,"delta":{"role":"assistant","content":"B"},"logprobs":null,"finish_reason":null}]}\n\n`,
        `data: {${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}\n\n`,
        `data: {${head},"choices":[{"index":1,"delta":{},"logprobs":null,"finish_reason":"length"}]}\n\n`,
        'data: [DONE]\n\n',
      ].join(''),
    );
  });

  it('stands in an id and the requested model when metadata never came, and renders refusals and logprobs', async () => {
    const events: ChatStreamEvent[] = [
      { type: 'refusal-delta', choice: 0, delta: 'No' },
      { type: 'logprobs', choice: 0, logprobs: { content: [{ token: 'No', logprob: -0.1 }] } },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'content_filter', raw: 'content_filter' } },
    ];
    const chunks = await decodeChunks(openAiDialect.renderChatStream(scripted(events), context()));
    assert.equal(chunks.length, 3);
    for (const chunk of chunks) {
      assert.equal((chunk as { id: string }).id, 'chatcmpl-req-1');
      assert.equal((chunk as { model: string }).model, 'my-deployment');
    }
    assert.deepStrictEqual((chunks[0] as { choices: unknown[] }).choices, [
      { index: 0, delta: { role: 'assistant', refusal: 'No' }, logprobs: null, finish_reason: null },
    ]);
    assert.deepStrictEqual((chunks[1] as { choices: unknown[] }).choices, [
      { index: 0, delta: {}, logprobs: { content: [{ token: 'No', logprob: -0.1 }] }, finish_reason: null },
    ]);
  });

  it('ends with an error frame and no [DONE] when the upstream fails', async () => {
    const events: ChatStreamEvent[] = [
      metadata,
      { type: 'text-delta', choice: 0, delta: 'Hi' },
      { type: 'error', error: new GatewayError('upstream_error', 'The upstream (openai) failed (500).') },
      { type: 'text-delta', choice: 0, delta: 'never' },
    ];
    const text = await collect(openAiDialect.renderChatStream(scripted(events), context()));
    assert.ok(
      text.endsWith(
        'data: {"error":{"message":"The upstream (openai) failed (500).","type":"server_error","param":null,"code":"upstream_error"}}\n\n',
      ),
    );
    assert.ok(!text.includes('[DONE]'));
    assert.ok(!text.includes('never'));
  });

  it('is decoded by the kit decoder into JSON chunks ending in [DONE]', async () => {
    const decoded: string[] = [];
    const frames = openAiDialect.renderChatStream(scripted(textEvents), context({ includeUsage: true }));
    for await (const event of decodeSse(frames)) decoded.push(event.data);
    assert.equal(decoded.at(-1), '[DONE]');
    const chunks = decoded.slice(0, -1).map((data) => {
      const parsed = safeParseJson(data);
      assert.ok(parsed.ok);
      return parsed.value as { choices: { delta: { content?: string } }[]; usage: unknown };
    });
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello');
    assert.deepStrictEqual((chunks.at(-1)?.usage as { total_tokens: number }).total_tokens, 18);
  });

  it('uses the Azure OpenAI error body for stream errors on that dialect', async () => {
    const events: ChatStreamEvent[] = [{ type: 'error', error: new GatewayError('upstream_timeout', 'Timed out.') }];
    const text = await collect(azureOpenAiDialect.renderChatStream(scripted(events), context()));
    assert.equal(
      text,
      'data: {"error":{"code":"upstream_timeout","message":"Timed out.","param":null,"type":"server_error"}}\n\n',
    );
  });
});

async function decodeChunks(frames: AsyncIterable<string>): Promise<JsonValue[]> {
  const chunks: JsonValue[] = [];
  for await (const event of decodeSse(frames)) {
    if (event.data === '[DONE]') continue;
    const parsed = safeParseJson(event.data);
    assert.ok(parsed.ok);
    chunks.push(parsed.value);
  }
  return chunks;
}
