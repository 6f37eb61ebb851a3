import type { JsonObject, Usage } from '../../spec/index.js';
import { hasCount, readCount } from '../shared/index.js';
import { splitOpenAiUsage } from './convert-openai-usage.js';

/**
 * DeepSeek: prompt_tokens = prompt_cache_hit_tokens + prompt_cache_miss_tokens; reasoning tokens are part
 * of completion_tokens. https://api-docs.deepseek.com/api/create-chat-completion
 */
export function convertDeepSeekUsage(raw: JsonObject): Usage {
  const cacheHits = hasCount(raw, 'prompt_cache_hit_tokens')
    ? readCount(raw, 'prompt_cache_hit_tokens')
    : readCount(raw, 'prompt_tokens_details', 'cached_tokens');
  return splitOpenAiUsage(raw, cacheHits);
}
