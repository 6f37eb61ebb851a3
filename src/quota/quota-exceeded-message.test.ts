import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuotaNeverFits, QuotaWindowFull } from './quota-limiter.js';
import { quotaExceededMessage } from './quota-exceeded-message.js';
import { rateLimitHeaders } from './rate-limit-headers.js';

const base = {
  admitted: false as const,
  remaining: { requests: 12, tokens: 340 },
  resetRequestsMs: 4_000,
  resetTokensMs: 5_200,
  limits: { tpm: 20_000, rpm: 120 },
};

describe('quota refusal message and headers', () => {
  it('names the token limit, the estimate, what remains and the wait', () => {
    const refusal: QuotaWindowFull = {
      ...base,
      reason: 'window_full',
      limit: 'tokens',
      retryAfterMs: 5_200,
      windowMs: 60_000,
      windowLimit: 20_000,
      requested: { tokens: 1_200, requests: 1 },
    };
    assert.equal(
      quotaExceededMessage(refusal, 'gpt-4o'),
      "Requests to deployment 'gpt-4o' have exceeded its token rate limit of 20,000 tokens per minute: this " +
        'request is estimated at 1,200 tokens (prompt plus max_tokens) and 340 remain in the current minute. ' +
        'Please retry after 6 seconds.',
    );
    assert.deepEqual(rateLimitHeaders(refusal), {
      'x-ratelimit-remaining-requests': '12',
      'x-ratelimit-remaining-tokens': '340',
      'retry-after': '6',
      'retry-after-ms': '5200',
    });
  });

  it('names the request limit and the window that was full', () => {
    const refusal: QuotaWindowFull = {
      ...base,
      reason: 'window_full',
      limit: 'requests',
      retryAfterMs: 300,
      windowMs: 1_000,
      windowLimit: 2,
      requested: { tokens: 10, requests: 1 },
    };
    assert.equal(
      quotaExceededMessage(refusal, 'gpt-4o'),
      "Requests to deployment 'gpt-4o' have exceeded its request rate limit of 120 requests per minute " +
        '(2 per second). Please retry after 1 second.',
    );
    assert.equal(
      quotaExceededMessage({ ...refusal, windowMs: 10_000, windowLimit: 20, retryAfterMs: 9_001 }, 'gpt-4o'),
      "Requests to deployment 'gpt-4o' have exceeded its request rate limit of 120 requests per minute " +
        '(20 per 10 seconds). Please retry after 10 seconds.',
    );
  });

  it('says an estimate above the whole TPM can never be admitted, and tells SDKs not to retry', () => {
    const refusal: QuotaNeverFits = {
      ...base,
      reason: 'never_fits',
      limit: 'tokens',
      windowMs: 60_000,
      windowLimit: 20_000,
      requested: { tokens: 32_768, requests: 1 },
    };
    assert.equal(
      quotaExceededMessage(refusal, 'gpt-4o'),
      "This request to deployment 'gpt-4o' is estimated at 32,768 tokens (prompt plus max_tokens), more than its " +
        'whole limit of 20,000 tokens per minute, so it can never be admitted. Lower max_tokens or shorten the prompt.',
    );
    assert.deepEqual(rateLimitHeaders(refusal), {
      'x-ratelimit-remaining-requests': '12',
      'x-ratelimit-remaining-tokens': '340',
      'x-should-retry': 'false',
    });
  });
});
