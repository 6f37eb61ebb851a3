import type { QuotaReserveResult } from './quota-limiter.js';

/** Whole seconds for `retry-after`, rounded up and at least 1, so a client never comes back too early. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/**
 * The headers every response on a quota-limited deployment carries (api-contracts §6), plus on a refusal what the
 * SDKs read to wait (§3): `retry-after-ms` first, then `retry-after`. A request that can never fit gets
 * `x-should-retry: false` and no wait instead, so the OpenAI and Anthropic SDKs do not retry it in vain.
 */
export function rateLimitHeaders(result: QuotaReserveResult): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-remaining-requests': String(result.remaining.requests),
    'x-ratelimit-remaining-tokens': String(result.remaining.tokens),
  };
  if (result.admitted) return headers;
  if (result.reason === 'never_fits') {
    headers['x-should-retry'] = 'false';
    return headers;
  }
  headers['retry-after'] = String(retryAfterSeconds(result.retryAfterMs));
  headers['retry-after-ms'] = String(Math.ceil(result.retryAfterMs));
  return headers;
}
