import type { CacheControl, JsonObject } from '../../spec/index.js';

/**
 * A canonical cache breakpoint put back on a Messages API block as `cache_control`. Breakpoints are passed
 * as the client gave them: Anthropic allows four per request and answers 400 beyond, which Hangar relays.
 * https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export function withAnthropicCacheControl(block: JsonObject, cacheControl: CacheControl | undefined): JsonObject {
  if (cacheControl === undefined) return block;
  const wire: JsonObject = { type: cacheControl.type };
  if (cacheControl.ttl !== undefined) wire.ttl = cacheControl.ttl;
  return { ...block, cache_control: wire };
}
