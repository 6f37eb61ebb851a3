import type { JsonObject, Usage } from '../../spec/index.js';
import { readCount } from '../shared/index.js';

/**
 * OpenAI's usage, also used by Azure OpenAI, Mistral, Gemini, vLLM, Ollama and llama.cpp: cached tokens
 * are part of prompt_tokens and reasoning tokens part of completion_tokens, so both are subtracted to make
 * the buckets disjoint.
 */
export function convertOpenAiUsage(raw: JsonObject): Usage {
  return splitOpenAiUsage(raw, readCount(raw, 'prompt_tokens_details', 'cached_tokens'));
}

/**
 * The disjoint buckets from an OpenAI-shaped usage object, given how many prompt tokens came from the cache
 * (vendors report that count in different fields).
 */
export function splitOpenAiUsage(raw: JsonObject, cachedPromptTokens: number): Usage {
  const prompt = readCount(raw, 'prompt_tokens');
  const completion = readCount(raw, 'completion_tokens');
  const cached = Math.min(prompt, cachedPromptTokens);
  const reasoning = Math.min(completion, readCount(raw, 'completion_tokens_details', 'reasoning_tokens'));
  return {
    input: prompt - cached,
    cachedInput: cached,
    cacheWriteInput: 0,
    output: completion - reasoning,
    reasoning,
    raw,
  };
}
