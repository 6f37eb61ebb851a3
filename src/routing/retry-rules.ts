import type { GatewayError } from '../spec/index.js';

/**
 * Another backend may answer: the upstream rate limited (429), failed (5xx), timed out, dropped the connection,
 * or refused this connection's credentials. A request the upstream found malformed (other 4xx) would fail
 * everywhere, and a client that left wants nothing more.
 */
export function canFailOver(error: GatewayError): boolean {
  return error.isRetryableUpstream;
}

/**
 * The same backend may answer a later try: only 408, 429 (unless the vendor said the quota is spent), 5xx,
 * connection errors and timeouts. Other upstream 4xx (bad credentials, an unknown model) stay as they are, so
 * they are failed over but never retried.
 */
export function canRetrySameBackend(error: GatewayError): boolean {
  if (!error.isRetryableUpstream || error.shouldRetry === false) return false;
  const status = error.upstream?.status;
  // A local model's full queue is its backpressure (max_queue): waiting here would hold the request outside that
  // bound, so it fails over or goes back to the client with the engine's retry-after.
  if (error.upstream?.providerId === 'local' && status === 429) return false;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, min(max, base × 2ⁿ)). */
export function backoffDelayMs(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}
