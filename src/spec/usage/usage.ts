import type { JsonObject } from '../json.js';

/**
 * Token usage, normalised per vendor. The buckets are disjoint, so they add up to everything billed:
 *
 *   input + cachedInput + cacheWriteInput   every prompt token
 *   output + reasoning                      every generated token
 *
 * Vendors disagree on what contains what (OpenAI: cached ⊂ prompt, reasoning ⊂ completion; Anthropic: cache
 * read and write outside input_tokens; xAI: reasoning outside completion_tokens), so each provider converts
 * its own usage and keeps the vendor's object in `raw` for audits.
 */
export interface Usage {
  /** Prompt tokens billed at the full input rate. */
  input: number;
  /** Prompt tokens read from the vendor's prompt cache. */
  cachedInput: number;
  /** Prompt tokens written to the vendor's prompt cache (Anthropic). */
  cacheWriteInput: number;
  /** Visible generated tokens (content and tool calls), reasoning excluded. */
  output: number;
  /** Hidden or visible reasoning tokens. */
  reasoning: number;
  /** The vendor's usage object as received; null when usage was estimated or absent. */
  raw: JsonObject | null;
}

export const EMPTY_USAGE: Usage = Object.freeze({
  input: 0,
  cachedInput: 0,
  cacheWriteInput: 0,
  output: 0,
  reasoning: 0,
  raw: null,
});

export function promptTokens(usage: Usage): number {
  return usage.input + usage.cachedInput + usage.cacheWriteInput;
}

/** Generated tokens in OpenAI's sense: reasoning included. */
export function completionTokens(usage: Usage): number {
  return usage.output + usage.reasoning;
}

export function totalTokens(usage: Usage): number {
  return promptTokens(usage) + completionTokens(usage);
}
