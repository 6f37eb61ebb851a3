import { isObject } from './deterministic-reply.js';
import type { JsonObject } from './deterministic-reply.js';
import type { JsonReply } from './emulator-server.js';
import type { OpenAiFlavor } from './emulator-types.js';
import { openAiError } from './openai-errors.js';

/** xAI's own error envelope, `{"code": <gRPC status text>, "error": <message>}`. */
function xaiInvalidArgument(message: string): JsonReply {
  return { kind: 'json', status: 400, body: { code: 'Client specified an invalid argument', error: message } };
}

/** xAI names parameters in camelCase in its messages. */
const XAI_REASONING_MODEL_REJECTS: Record<string, string> = {
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
  stop: 'stop',
};

function xaiRejection(body: JsonObject, model: string): JsonReply | undefined {
  const mini = model.includes('grok-3-mini');
  const effort = body.reasoning_effort;
  if (effort !== undefined && effort !== null) {
    if (!mini) return xaiInvalidArgument(`Model ${model} does not support parameter reasoningEffort.`);
    if (effort !== 'low' && effort !== 'high') {
      return xaiInvalidArgument(
        `Invalid value for reasoningEffort: ${JSON.stringify(effort)}. Supported values are "low" and "high".`,
      );
    }
  }
  if (mini) {
    for (const [parameter, spelled] of Object.entries(XAI_REASONING_MODEL_REJECTS)) {
      if (body[parameter] !== undefined && body[parameter] !== null) {
        return xaiInvalidArgument(`Model ${model} does not support parameter ${spelled}.`);
      }
    }
  }
  return undefined;
}

function deepSeekError(message: string): JsonReply {
  return openAiError(400, message, { code: 'invalid_request_error' });
}

function deepSeekRejection(body: JsonObject, model: string): JsonReply | undefined {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const message of messages) {
    if (isObject(message) && message.reasoning_content !== undefined) {
      return deepSeekError(
        'The reasoning_content is an intermediate result for display purposes only and will not be included in the context for inference. Please remove the reasoning_content from your input and try again.',
      );
    }
  }
  if (model === 'deepseek-reasoner' && (body.logprobs === true || body.top_logprobs !== undefined)) {
    return deepSeekError('deepseek-reasoner does not support the parameter `logprobs` or `top_logprobs`.');
  }
  return undefined;
}

/** The 400 a vendor answers for a request its models refuse (so tests can prove Hangar adapts the request). */
export function flavorRejection(flavor: OpenAiFlavor, body: JsonObject, model: string): JsonReply | undefined {
  if (flavor === 'xai') return xaiRejection(body, model);
  if (flavor === 'deepseek') return deepSeekRejection(body, model);
  return undefined;
}
