import type { JsonObject, Usage } from '../../spec/index.js';
import { readCount } from '../shared/index.js';

/**
 * Anthropic's cache reads and writes are outside input_tokens, so the buckets map one to one; thinking is
 * inside output_tokens and not reported apart, so reasoning stays 0.
 */
export function convertAnthropicUsage(raw: JsonObject): Usage {
  return {
    input: readCount(raw, 'input_tokens'),
    cachedInput: readCount(raw, 'cache_read_input_tokens'),
    cacheWriteInput: readCount(raw, 'cache_creation_input_tokens'),
    output: readCount(raw, 'output_tokens'),
    reasoning: 0,
    raw,
  };
}
