import { parseKeepAlive } from '../../engine/index.js';
import type { JsonValue } from '../../spec/index.js';

/**
 * Ollama's per-request `keep_alive`, arriving among the request's extra parameters. It is the host's
 * setting, not a generation parameter, so it is taken out before the engine sees the rest.
 */
export function takeKeepAlive<T extends { extra: Record<string, JsonValue> }>(
  request: T,
): { request: T; keepAliveMs: number | undefined } {
  if (!('keep_alive' in request.extra)) return { request, keepAliveMs: undefined };
  const { keep_alive: value, ...extra } = request.extra;
  return { request: { ...request, extra }, keepAliveMs: parseKeepAlive(value, 'keep_alive') };
}
