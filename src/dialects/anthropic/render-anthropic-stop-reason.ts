import type { FinishReason, JsonObject, Usage } from '../../spec/index.js';

const ANTHROPIC_STOP_REASONS: ReadonlySet<string> = new Set([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

/** The Messages API `stop_reason`; Anthropic's own finer values survive when the upstream was Anthropic. */
export function renderAnthropicStopReason(finishReason: FinishReason): string {
  const raw = finishReason.raw;
  switch (finishReason.unified) {
    case 'stop':
      return raw === 'stop_sequence' ? raw : 'end_turn';
    case 'length':
      return raw === 'model_context_window_exceeded' ? raw : 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case 'error':
    case 'other':
      return raw !== null && ANTHROPIC_STOP_REASONS.has(raw) ? raw : 'end_turn';
  }
}

/** Anthropic's convention: cache reads and writes outside `input_tokens`, reasoning inside `output_tokens`. */
export function renderAnthropicUsage(usage: Usage): JsonObject {
  return {
    input_tokens: usage.input,
    output_tokens: usage.output + usage.reasoning,
    cache_creation_input_tokens: usage.cacheWriteInput,
    cache_read_input_tokens: usage.cachedInput,
  };
}

/** Anthropic message ids start `msg_`; an id from another upstream is replaced by one from the request id. */
export function anthropicMessageId(upstreamId: string, requestId: string): string {
  return upstreamId.startsWith('msg_') ? upstreamId : `msg_${requestId}`;
}
