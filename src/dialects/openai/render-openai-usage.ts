import { completionTokens, promptTokens, totalTokens } from '../../spec/index.js';
import type { JsonObject, Usage } from '../../spec/index.js';

/**
 * Usage in OpenAI's convention: cached ⊂ prompt and reasoning ⊂ completion. Counting reasoning inside
 * `completion_tokens` also repairs upstreams (xAI) that report it outside.
 */
export function renderOpenAiUsage(usage: Usage): JsonObject {
  return {
    prompt_tokens: promptTokens(usage),
    completion_tokens: completionTokens(usage),
    total_tokens: totalTokens(usage),
    prompt_tokens_details: { cached_tokens: usage.cachedInput },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}
