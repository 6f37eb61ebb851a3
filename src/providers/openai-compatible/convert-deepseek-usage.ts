import type { JsonObject, Usage } from '../../spec/index.js';
import { hasCount, readCount } from '../shared/index.js';

/**
 * DeepSeek: prompt_tokens = prompt_cache_hit_tokens + prompt_cache_miss_tokens; reasoning tokens are part
 * of completion_tokens. https://api-docs.deepseek.com/api/create-chat-completion
 */
export function convertDeepSeekUsage(raw: JsonObject): Usage {
  const prompt = readCount(raw, 'prompt_tokens');
  const completion = readCount(raw, 'completion_tokens');
  const cacheHits = hasCount(raw, 'prompt_cache_hit_tokens')
    ? readCount(raw, 'prompt_cache_hit_tokens')
    : readCount(raw, 'prompt_tokens_details', 'cached_tokens');
  const cached = Math.min(prompt, cacheHits);
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
