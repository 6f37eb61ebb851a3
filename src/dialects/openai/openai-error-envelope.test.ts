import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import { openAiDialect } from './openai-dialect.js';

describe('OpenAI error rendering', () => {
  it('renders a 400 naming the parameter', () => {
    const error = new GatewayError('invalid_request', "'temperature' must be a number between 0 and 2.", {
      param: 'temperature',
    });
    assert.deepStrictEqual(openAiDialect.renderError(error, 'req-1'), {
      status: 400,
      headers: { 'x-request-id': 'req-1' },
      body: {
        error: {
          message: "'temperature' must be a number between 0 and 2.",
          type: 'invalid_request_error',
          param: 'temperature',
          code: 'invalid_request',
        },
      },
    });
  });

  it('answers a bad key as OpenAI does', () => {
    const rendered = openAiDialect.renderError(new GatewayError('invalid_api_key', 'Incorrect API key provided.'), 'r');
    assert.equal(rendered.status, 401);
    assert.deepStrictEqual(rendered.body, {
      error: {
        message: 'Incorrect API key provided.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
  });

  it('sends retry hints on 429, capped at 60 s, and x-should-retry: false for a spent quota', () => {
    const limited = openAiDialect.renderError(
      new GatewayError('rate_limit_exceeded', 'Slow down.', { retryAfterMs: 1500.2 }),
      'r',
    );
    assert.equal(limited.status, 429);
    assert.deepStrictEqual(limited.headers, { 'x-request-id': 'r', 'retry-after': '2', 'retry-after-ms': '1501' });
    assert.equal((limited.body.error as { type: string }).type, 'rate_limit_exceeded');

    const long = openAiDialect.renderError(
      new GatewayError('upstream_rate_limited', 'Wait.', { retryAfterMs: 600_000 }),
      'r',
    );
    assert.equal(long.headers['retry-after'], '60');
    assert.equal(long.headers['retry-after-ms'], '60000');

    const quota = openAiDialect.renderError(
      new GatewayError('insufficient_quota', 'Budget spent.', { shouldRetry: false }),
      'r',
    );
    assert.equal(quota.headers['x-should-retry'], 'false');
    assert.equal((quota.body.error as { type: string }).type, 'insufficient_quota');
    assert.equal('retry-after' in quota.headers, false);
  });

  it('types 5xx as server_error and 403 as permission_error', () => {
    assert.equal(
      (openAiDialect.renderError(new GatewayError('upstream_unavailable', 'x'), 'r').body.error as { type: string })
        .type,
      'server_error',
    );
    assert.equal(
      (openAiDialect.renderError(new GatewayError('permission_denied', 'x'), 'r').body.error as { type: string }).type,
      'permission_error',
    );
    assert.equal(openAiDialect.renderError(new GatewayError('upstream_timeout', 'x'), 'r').status, 504);
  });

  it('renders a stream error as a data frame the SDK throws on', () => {
    assert.equal(
      openAiDialect.renderStreamError(new GatewayError('upstream_error', 'Broke.')),
      'data: {"error":{"message":"Broke.","type":"server_error","param":null,"code":"upstream_error"}}\n\n',
    );
  });
});
