import { isJsonObject } from '../../spec/index.js';
import type { CacheControl, JsonObject } from '../../spec/index.js';
import { childPath, describeKind, invalidParameter, readEnum, readValue, requireString } from '../validation/index.js';

const CACHE_CONTROL_KEYS: ReadonlySet<string> = new Set(['type', 'ttl']);

/**
 * A block's `cache_control` (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching):
 * `{type: "ephemeral", ttl?: "5m" | "1h"}`. Checked here so a bad value is a 400 naming its path on every
 * lane, not a vendor error on Anthropic lanes only; a field Anthropic does not define is refused too, since
 * Hangar could not carry it.
 */
export function readCacheControl(block: JsonObject, path: string): CacheControl | undefined {
  const value = readValue(block, 'cache_control');
  if (value === undefined) return undefined;
  const cachePath = childPath(path, 'cache_control');
  if (!isJsonObject(value)) {
    throw invalidParameter(cachePath, `must be an object like {"type": "ephemeral"}, got ${describeKind(value)}.`);
  }
  for (const key of Object.keys(value)) {
    if (!CACHE_CONTROL_KEYS.has(key)) {
      throw invalidParameter(childPath(cachePath, key), "is not a cache_control field; use 'type' and 'ttl'.");
    }
  }
  const type = requireString(value, 'type', cachePath);
  if (type !== 'ephemeral') throw invalidParameter(childPath(cachePath, 'type'), `must be 'ephemeral', got '${type}'.`);
  const ttl = readEnum(value, 'ttl', ['5m', '1h'] as const, cachePath);
  return ttl === undefined ? { type } : { type, ttl };
}

/** Adds `cacheControl` to a canonical piece when the block had one, so unmarked pieces stay as they were. */
export function withCacheControl<Piece extends object>(
  piece: Piece,
  block: JsonObject,
  path: string,
): Piece & { cacheControl?: CacheControl } {
  const cacheControl = readCacheControl(block, path);
  return cacheControl === undefined ? piece : { ...piece, cacheControl };
}
