import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSse } from '../../kit/index.js';
import { GatewayError, type ChatStreamEvent, type ContentFilterResults } from '../../spec/index.js';
import { azureInferenceDialect } from '../azure-inference/index.js';
import { azureOpenAiDialect } from '../azure-openai/index.js';
import type { RenderContext } from '../dialect.js';
import { openAiDialect } from './openai-dialect.js';

const safe = { filtered: false, severity: 'safe' } as const;
const promptResults: ContentFilterResults = {
  hate: safe,
  sexual: safe,
  violence: safe,
  self_harm: { filtered: true, severity: 'medium' },
  jailbreak: { filtered: false, detected: false },
};
const context: RenderContext = {
  requestId: 'req-7',
  request: { model: 'chat', messages: [], stream: true, includeUsage: false, extra: {} },
  query: {},
};

async function frames(events: ChatStreamEvent[]): Promise<unknown[]> {
  async function* source(): AsyncGenerator<ChatStreamEvent> {
    for (const event of events) {
      await Promise.resolve();
      yield event;
    }
  }
  const decoded: unknown[] = [];
  for await (const event of decodeSse(azureOpenAiDialect.renderChatStream(source(), context))) {
    if (event.data !== '[DONE]') decoded.push(JSON.parse(event.data) as unknown);
  }
  return decoded;
}

describe('content-filter annotations in the OpenAI-shaped dialects', () => {
  it('puts prompt_filter_results on the answer and content_filter_results on each choice', () => {
    const body = openAiDialect.renderChat(
      {
        id: 'chatcmpl-1',
        created: 1,
        upstreamModel: 'gpt-4o',
        choices: [
          {
            index: 0,
            content: 'Hi',
            finishReason: { unified: 'stop', raw: 'stop' },
            contentFilterResults: { hate: safe },
          },
        ],
        usage: { input: 1, cachedInput: 0, cacheWriteInput: 0, output: 1, reasoning: 0, raw: null },
        promptFilterResults: [{ promptIndex: 0, results: promptResults }],
      },
      context,
    );
    assert.deepEqual(body.prompt_filter_results, [{ prompt_index: 0, content_filter_results: promptResults }]);
    assert.deepEqual((body.choices as { content_filter_results: unknown }[])[0]?.content_filter_results, {
      hate: safe,
    });
  });

  it('streams Azure’s first prompt frame, annotation-only chunks with offsets, and the filtered finish', async () => {
    const decoded = await frames([
      { type: 'prompt-filter', results: [{ promptIndex: 0, results: promptResults }] },
      { type: 'response-metadata', id: 'chatcmpl-2', created: 5, upstreamModel: 'gpt-4o' },
      { type: 'text-delta', choice: 0, delta: 'Hello' },
      {
        type: 'content-filter',
        choice: 0,
        results: { hate: safe },
        offsets: { checkOffset: 0, startOffset: 0, endOffset: 5 },
      },
      {
        type: 'choice-finish',
        choice: 0,
        finishReason: { unified: 'content_filter', raw: 'content_filter' },
        contentFilterResults: { violence: { filtered: true, severity: 'high' } },
      },
    ]);
    assert.deepEqual(decoded[0], {
      id: '',
      object: '',
      created: 0,
      model: '',
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: promptResults }],
      choices: [],
    });
    assert.deepEqual((decoded[2] as { choices: unknown[] }).choices[0], {
      index: 0,
      delta: {},
      finish_reason: null,
      content_filter_results: { hate: safe },
      content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: 5 },
    });
    const last = (decoded[3] as { choices: Record<string, unknown>[] }).choices[0];
    assert.equal(last?.finish_reason, 'content_filter');
    assert.deepEqual(last?.content_filter_results, { violence: { filtered: true, severity: 'high' } });
  });

  it('leaves Azure’s annotation frames out of the OpenAI dialect’s stream, keeping the filtered finish', async () => {
    async function* source(): AsyncGenerator<ChatStreamEvent> {
      await Promise.resolve();
      yield { type: 'prompt-filter', results: [{ promptIndex: 0, results: promptResults }] };
      yield {
        type: 'content-filter',
        choice: 0,
        results: { hate: safe },
        offsets: { checkOffset: 0, startOffset: 0, endOffset: 5 },
      };
      yield {
        type: 'choice-finish',
        choice: 0,
        finishReason: { unified: 'content_filter', raw: 'content_filter' },
        contentFilterResults: { violence: { filtered: true, severity: 'high' } },
      };
    }
    const data: string[] = [];
    for await (const event of decodeSse(openAiDialect.renderChatStream(source(), context))) data.push(event.data);
    assert.equal(data.length, 2);
    assert.match(data[0] ?? '', /"finish_reason":"content_filter","content_filter_results":\{"violence"/);
    assert.equal(data[1], '[DONE]');
  });

  it('renders a refused prompt with innererror ResponsibleAIPolicyViolation in each envelope', () => {
    const error = new GatewayError('content_filter', 'The response was filtered.', {
      param: 'prompt',
      contentFilter: promptResults,
    });
    const innererror = { code: 'ResponsibleAIPolicyViolation', content_filter_result: promptResults };

    const azure = azureOpenAiDialect.renderError(error, 'req-1');
    assert.equal(azure.status, 400);
    assert.equal(azure.headers['x-ms-error-code'], 'content_filter');
    assert.deepEqual(azure.body, {
      error: {
        message: 'The response was filtered.',
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror,
      },
    });

    const openai = openAiDialect.renderError(error, 'req-1');
    assert.deepEqual(openai.body, {
      error: {
        message: 'The response was filtered.',
        type: 'invalid_request_error',
        param: 'prompt',
        code: 'content_filter',
        innererror,
      },
    });

    const inference = azureInferenceDialect.renderError(error, 'req-1');
    assert.deepEqual(inference.body, {
      error: {
        code: 'content_filter',
        message: 'The response was filtered.',
        param: 'prompt',
        status: 400,
        innererror,
      },
    });
  });
});
