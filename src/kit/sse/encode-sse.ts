/**
 * The one SSE encoder. `data` is a JSON text (never containing raw newlines, as JSON.stringify guarantees)
 * or the `[DONE]` sentinel; event names are fixed strings from the dialects, so neither needs splitting.
 */
export function encodeSseData(data: string): string {
  return `data: ${data}\n\n`;
}

export function encodeSseEvent(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';

/** Sent while waiting on a slow upstream so proxies keep the connection open. SDKs skip comments. */
export const SSE_KEEP_ALIVE = ': keep-alive\n\n';
