import type { FinishReason } from '../../spec/index.js';

/** OpenAI's finish reasons and the extra values OpenAI-compatible vendors send; the raw value is kept. */
export function mapOpenAiFinishReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? null;
  switch (value) {
    case 'stop':
      return { unified: 'stop', raw: value };
    case 'length':
    case 'model_length': // Mistral: the context window ran out
      return { unified: 'length', raw: value };
    case 'tool_calls':
    case 'function_call': // the legacy functions API
      return { unified: 'tool_calls', raw: value };
    case 'content_filter':
      return { unified: 'content_filter', raw: value };
    case 'error': // Mistral
    case 'insufficient_system_resource': // DeepSeek: generation was cut short by server capacity
      return { unified: 'error', raw: value };
    case null:
    default:
      return { unified: 'other', raw: value };
  }
}
