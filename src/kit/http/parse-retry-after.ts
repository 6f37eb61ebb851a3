/**
 * Reads how long an upstream asked us to wait, in the order the OpenAI SDK does: `retry-after-ms`
 * (float milliseconds), then `retry-after` (seconds or an HTTP date). Undefined when absent or unusable.
 */
export function parseRetryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = headerValue(headers['retry-after-ms']) ?? headerValue(headers['x-ms-retry-after-ms']);
  if (milliseconds !== undefined) {
    const value = Number.parseFloat(milliseconds);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const retryAfter = headerValue(headers['retry-after']);
  if (retryAfter === undefined) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(retryAfter);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
