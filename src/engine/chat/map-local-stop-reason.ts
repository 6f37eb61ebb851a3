import type { LlamaChatResponse } from 'node-llama-cpp';
import type { FinishReason } from '../../spec/index.js';

export type LocalStopReason = LlamaChatResponse['metadata']['stopReason'];

/** node-llama-cpp's stop reasons in OpenAI's terms; an abort keeps its own raw value for the usage record. */
export function mapLocalStopReason(stopReason: LocalStopReason): FinishReason {
  switch (stopReason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return { unified: 'stop', raw: 'stop' };
    case 'maxTokens':
      return { unified: 'length', raw: 'length' };
    case 'functionCalls':
      return { unified: 'tool_calls', raw: 'tool_calls' };
    case 'abort':
      return { unified: 'stop', raw: 'abort' };
  }
}
