import type { FinishReason } from '../../spec/index.js';

/** Anthropic's stop_reason, unified; the raw value is kept for audits. */
export function mapAnthropicFinishReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? null;
  switch (value) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw: value };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw: value };
    case 'tool_use':
      return { unified: 'tool_calls', raw: value };
    case 'refusal':
      return { unified: 'content_filter', raw: value };
    case null:
    default:
      return { unified: 'other', raw: value };
  }
}
