import { GatewayError } from '../../../spec/index.js';
import type { ChatRequest } from '../../../spec/index.js';
import { convertXaiUsage } from '../convert-xai-usage.js';
import { dropChatSetting } from '../drop-chat-setting.js';
import { createOpenAiCompatibleProvider } from '../openai-compatible-provider.js';
import type { OpenAiChatCallInput } from '../openai-compatible-provider.js';

// https://docs.x.ai/docs/guides/reasoning: only grok-3-mini takes reasoning_effort (low | high); grok-4.3 and
// later take none | low | medium | high; on grok-3 and grok-4 it is an error. Reasoning models reject
// presencePenalty, frequencyPenalty and stop.

function allowedReasoningEfforts(model: string): readonly string[] | undefined {
  if (model.includes('grok-3-mini')) return ['low', 'high'];
  const grokFour = /grok-4\.(\d+)/.exec(model);
  if (grokFour !== null && Number(grokFour[1]) >= 3) return ['none', 'low', 'medium', 'high'];
  return undefined;
}

function isReasoningModel(model: string): boolean {
  if (model.includes('non-reasoning')) return false;
  return model.includes('grok-3-mini') || model.includes('grok-4') || model.includes('grok-code');
}

export function prepareXaiRequest({ request, target, context }: OpenAiChatCallInput): ChatRequest {
  const model = target.model.toLowerCase();
  let prepared = request;
  if (request.reasoningEffort !== undefined) {
    const allowed = allowedReasoningEfforts(model);
    if (allowed === undefined) {
      prepared = dropChatSetting(
        prepared,
        'reasoningEffort',
        { param: 'reasoning_effort', detail: `xAI model ${target.model} does not accept reasoning_effort.` },
        context.warnings,
      );
    } else if (!allowed.includes(request.reasoningEffort)) {
      throw new GatewayError(
        'unsupported_parameter',
        `reasoning_effort "${request.reasoningEffort}" is not supported by ${target.model}; use one of: ${allowed.join(', ')}.`,
        { param: 'reasoning_effort' },
      );
    }
  }
  if (isReasoningModel(model)) {
    const detail = `xAI reasoning model ${target.model} rejects it.`;
    prepared = dropChatSetting(prepared, 'presencePenalty', { param: 'presence_penalty', detail }, context.warnings);
    prepared = dropChatSetting(prepared, 'frequencyPenalty', { param: 'frequency_penalty', detail }, context.warnings);
    prepared = dropChatSetting(prepared, 'stop', { param: 'stop', detail }, context.warnings);
  }
  return prepared;
}

export const xaiProvider = createOpenAiCompatibleProvider({
  id: 'xai',
  defaultBaseUrl: 'https://api.x.ai/v1',
  convertUsage: convertXaiUsage,
  prepareRequest: prepareXaiRequest,
});
