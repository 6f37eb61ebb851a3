import type { JsonObject, Usage } from '../../spec/index.js';
import { hasCount, readCount } from '../shared/index.js';

/**
 * xAI counts reasoning tokens outside completion_tokens (total = prompt + completion + reasoning; grok-3-mini
 * reports completion 1, reasoning 386, total 399 — vercel/ai#12425, inspect_ai#5528), so completion_tokens
 * is all visible output. Should xAI ever fold reasoning into completion as OpenAI does, total_tokens shows it
 * and reasoning is subtracted instead of billed twice. Cached tokens are part of prompt_tokens.
 */
export function convertXaiUsage(raw: JsonObject): Usage {
  const prompt = readCount(raw, 'prompt_tokens');
  const completion = readCount(raw, 'completion_tokens');
  const cached = Math.min(prompt, readCount(raw, 'prompt_tokens_details', 'cached_tokens'));
  const reasoning = readCount(raw, 'completion_tokens_details', 'reasoning_tokens');
  const reasoningInsideCompletion =
    hasCount(raw, 'total_tokens') &&
    reasoning > 0 &&
    reasoning <= completion &&
    readCount(raw, 'total_tokens') === prompt + completion;
  return {
    input: prompt - cached,
    cachedInput: cached,
    cacheWriteInput: 0,
    output: reasoningInsideCompletion ? completion - reasoning : completion,
    reasoning,
    raw,
  };
}
