import type { GatewayError } from '../../spec/index.js';

/** SDKs ignore waits above 60 s and fall back to their own backoff, so a longer wait is capped, not sent. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The retry hints every dialect sends: `retry-after` (whole seconds, rounded up) and `retry-after-ms`
 * for the SDKs that read it first, and `x-should-retry: false` when a retry cannot succeed.
 */
export function retryHeaders(error: GatewayError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterMs !== undefined && Number.isFinite(error.retryAfterMs) && error.retryAfterMs >= 0) {
    const milliseconds = Math.ceil(Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS));
    headers['retry-after'] = String(Math.ceil(milliseconds / 1000));
    headers['retry-after-ms'] = String(milliseconds);
  }
  if (error.shouldRetry === false) headers['x-should-retry'] = 'false';
  return headers;
}
