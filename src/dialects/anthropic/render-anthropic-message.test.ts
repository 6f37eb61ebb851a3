import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import type { ChatResult, FinishReason } from '../../spec/index.js';
import { anthropicDialect } from './anthropic-dialect.js';
import { renderAnthropicStopReason } from './render-anthropic-stop-reason.js';

const context = {
  requestId: 'req-1',
  request: { model: 'claude', messages: [], stream: false, includeUsage: true, extra: {} },
  query: {},
};

const result: ChatResult = {
  id: 'chatcmpl-1',
  created: 1700000000,
  upstreamModel: 'gpt-4o',
  choices: [
    {
      index: 0,
      content: 'Let me check.',
      reasoningContent: 'Need weather.',
      toolCalls: [
        { id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { id: 'call_2', name: 'weather', arguments: '{"city":' },
      ],
      finishReason: { unified: 'tool_calls', raw: 'tool_calls' },
    },
  ],
  usage: { input: 20, cachedInput: 5, cacheWriteInput: 3, output: 10, reasoning: 4, raw: null },
};

describe('Anthropic message rendering', () => {
  it('renders thinking, text and tool_use blocks with Anthropic usage', () => {
    assert.deepStrictEqual(anthropicDialect.renderChat(result, context), {
      id: 'msg_req-1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o',
      content: [
        { type: 'thinking', thinking: 'Need weather.', signature: '' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'weather', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 14, cache_creation_input_tokens: 3, cache_read_input_tokens: 5 },
    });
  });

  it('keeps an Anthropic message id and leaves out empty text', () => {
    const rendered = anthropicDialect.renderChat(
      {
        ...result,
        id: 'msg_01',
        choices: [{ index: 0, content: '', finishReason: { unified: 'stop', raw: 'end_turn' } }],
      },
      context,
    );
    assert.equal(rendered.id, 'msg_01');
    assert.deepStrictEqual(rendered.content, []);
    assert.equal(rendered.stop_reason, 'end_turn');
  });

  it('maps finish reasons to stop reasons', () => {
    const cases: [FinishReason, string][] = [
      [{ unified: 'stop', raw: 'stop' }, 'end_turn'],
      [{ unified: 'stop', raw: 'stop_sequence' }, 'stop_sequence'],
      [{ unified: 'length', raw: 'length' }, 'max_tokens'],
      [{ unified: 'length', raw: 'model_context_window_exceeded' }, 'model_context_window_exceeded'],
      [{ unified: 'tool_calls', raw: 'stop' }, 'tool_use'],
      [{ unified: 'content_filter', raw: 'content_filter' }, 'refusal'],
      [{ unified: 'other', raw: 'pause_turn' }, 'pause_turn'],
      [{ unified: 'error', raw: null }, 'end_turn'],
    ];
    for (const [finishReason, expected] of cases) assert.equal(renderAnthropicStopReason(finishReason), expected);
  });
});

describe('Anthropic error rendering', () => {
  it('renders the envelope with request_id and the request-id header', () => {
    assert.deepStrictEqual(
      anthropicDialect.renderError(
        new GatewayError('invalid_request', "'max_tokens' is required.", { param: 'max_tokens' }),
        'req-2',
      ),
      {
        status: 400,
        headers: { 'request-id': 'req-2' },
        body: {
          type: 'error',
          error: { type: 'invalid_request_error', message: "'max_tokens' is required." },
          request_id: 'req-2',
        },
      },
    );
  });

  it('types errors by status and sends retry hints', () => {
    const typeOf = (error: GatewayError) =>
      (anthropicDialect.renderError(error, 'r').body.error as { type: string }).type;
    assert.equal(typeOf(new GatewayError('invalid_api_key', 'x')), 'authentication_error');
    assert.equal(typeOf(new GatewayError('permission_denied', 'x')), 'permission_error');
    assert.equal(typeOf(new GatewayError('model_not_found', 'x')), 'not_found_error');
    assert.equal(typeOf(new GatewayError('request_too_large', 'x')), 'request_too_large');
    assert.equal(typeOf(new GatewayError('rate_limit_exceeded', 'x')), 'rate_limit_error');
    assert.equal(typeOf(new GatewayError('internal_error', 'x')), 'api_error');
    assert.equal(typeOf(new GatewayError('upstream_error', 'x')), 'api_error');
    assert.equal(typeOf(new GatewayError('upstream_unavailable', 'x')), 'overloaded_error');
    assert.equal(typeOf(new GatewayError('upstream_timeout', 'x')), 'timeout_error');
    const limited = anthropicDialect.renderError(
      new GatewayError('insufficient_quota', 'Spent.', { retryAfterMs: 30_000, shouldRetry: false }),
      'r',
    );
    assert.deepStrictEqual(limited.headers, {
      'request-id': 'r',
      'retry-after': '30',
      'retry-after-ms': '30000',
      'x-should-retry': 'false',
    });
  });

  it('renders a stream error as an error event', () => {
    assert.equal(
      anthropicDialect.renderStreamError(new GatewayError('upstream_unavailable', 'Overloaded')),
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });
});
