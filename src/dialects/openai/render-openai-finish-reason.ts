import type { FinishReason } from '../../spec/index.js';

const OPENAI_FINISH_REASONS: ReadonlySet<string> = new Set([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);

/**
 * The value an OpenAI client expects. The unified value wins when OpenAI has it, because providers
 * correct upstreams that say `stop` after a tool call; a raw `function_call` is kept for clients of
 * the legacy `functions` parameter; `error` and `other` fall back to the raw value when OpenAI knows it.
 */
export function renderOpenAiFinishReason(finishReason: FinishReason): string {
  if (finishReason.raw === 'function_call') return finishReason.raw;
  if (OPENAI_FINISH_REASONS.has(finishReason.unified)) return finishReason.unified;
  return finishReason.raw !== null && OPENAI_FINISH_REASONS.has(finishReason.raw)
    ? finishReason.raw
    : finishReason.unified;
}
