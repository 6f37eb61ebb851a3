import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, GatewayError } from '../../spec/index.js';
import { classifyError } from './service-level-outcome.js';
import { SloCounter } from './slo-counter.js';

describe('what counts towards availability', () => {
  it('excludes client errors, quota and budget refusals, content filtering and client aborts', () => {
    const read = (error: GatewayError) => {
      const outcome = classifyError(error);
      return outcome.kind === 'excluded' ? outcome.reason : outcome.kind;
    };
    assert.equal(read(new GatewayError('rate_limit_exceeded', 'quota')), 'quota');
    // A local model's full queue, marked as its backend's failure, is the service's capacity, not the caller's quota.
    assert.equal(
      read(new GatewayError('rate_limit_exceeded', 'queue', { upstream: { providerId: 'local', status: 429 } })),
      'failed',
    );
    assert.equal(read(new GatewayError('insufficient_quota', 'budget')), 'budget');
    assert.equal(read(new GatewayError('client_closed_request', 'gone')), 'client_abort');
    assert.equal(read(new GatewayError('invalid_request', 'bad')), 'client_error');
    assert.equal(read(new GatewayError('request_too_large', 'big')), 'client_error');
    assert.equal(
      read(new GatewayError('upstream_bad_request', 'x', { upstream: { providerId: 'azure-openai', status: 400 } })),
      'client_error',
    );
    assert.equal(
      read(
        new GatewayError('upstream_bad_request', 'x', {
          upstream: { providerId: 'azure-openai', status: 400, vendorCode: 'content_filter' },
        }),
      ),
      'content_filter',
    );
  });

  it('counts every 5xx and an upstream that rate limits as failures', () => {
    for (const code of ERROR_CODES) {
      const error = new GatewayError(code, code);
      const outcome = classifyError(error);
      if (error.status >= 500 || code === 'upstream_rate_limited') assert.equal(outcome.kind, 'failed', code);
      else assert.equal(outcome.kind, 'excluded', code);
    }
  });

  it('counts successes with their latency and tokens, and leaves exclusions out of the eligible count', () => {
    const counter = new SloCounter();
    counter.add({ kind: 'succeeded', latencyMs: 1000, timeToFirstTokenMs: 200, outputTokens: 80 });
    counter.add({ kind: 'succeeded', latencyMs: 50, outputTokens: 0 });
    counter.add({ kind: 'failed' });
    counter.add({ kind: 'excluded', reason: 'quota' });
    counter.add({ kind: 'excluded', reason: 'client_abort' });
    assert.deepEqual([counter.eligible, counter.succeeded], [3, 2]);
    assert.deepEqual(counter.excluded, { clientError: 0, quota: 1, budget: 0, contentFilter: 0, clientAbort: 1 });
    assert.equal(counter.latency.total, 2);
    assert.equal(counter.timeToFirstToken.total, 1);
    // 80 tokens over the 800 ms after the first token: 100 tokens/s.
    assert.deepEqual([counter.outputTokens, counter.generationMs], [80, 800]);
  });
});
