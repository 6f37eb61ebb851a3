import { GatewayError } from '../../spec/index.js';
import type { ChatChoice, ChatResult, FinishReason, JsonObject, JsonValue, Usage } from '../../spec/index.js';
import { countPromptCharacters, estimatedUsage, type ChatMessage } from '../../spec/index.js';
import { generateToolCallId } from '../../kit/index.js';
import { openAiChatResponseSchema } from './openai-compatible-wire.js';
import { splitOpenAiContent } from './split-openai-content.js';

export interface MapOpenAiChatResponseOptions {
  providerId: string;
  /** Used when the upstream does not name the model it ran. */
  model: string;
  convertUsage: (raw: JsonObject) => Usage;
  mapFinishReason: (raw: string | null | undefined) => FinishReason;
  /** For the estimate when a server reports no usage. */
  /** Counted only when the upstream reported no usage and an estimate is needed. */
  messages: readonly ChatMessage[];
}

/** A Chat Completions response as a canonical result. */
export function mapOpenAiChatResponse(json: JsonValue, options: MapOpenAiChatResponseOptions): ChatResult {
  const parsed = openAiChatResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError(
      'upstream_error',
      `The upstream (${options.providerId}) answered with a chat completion Hangar cannot read: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}.`,
      { upstream: { providerId: options.providerId } },
    );
  }
  const response = parsed.data;
  let outputCharacters = 0;
  let reasoningCharacters = 0;
  const choices = response.choices.map((choice, position): ChatChoice => {
    const { message } = choice;
    const content = splitOpenAiContent(message.content);
    const reasoning = message.reasoning_content ?? message.reasoning ?? (content.reasoning || undefined);
    const mapped: ChatChoice = {
      index: choice.index ?? position,
      content: message.content === null || message.content === undefined ? null : content.text,
      finishReason: options.mapFinishReason(choice.finish_reason),
    };
    if (reasoning !== undefined) mapped.reasoningContent = reasoning;
    if (message.tool_calls !== null && message.tool_calls !== undefined && message.tool_calls.length > 0) {
      mapped.toolCalls = message.tool_calls.map((call) => ({
        id: call.id ?? generateToolCallId(),
        name: call.function.name ?? '',
        arguments: call.function.arguments ?? '',
      }));
    }
    if (message.refusal !== undefined) mapped.refusal = message.refusal;
    if (choice.logprobs !== null && choice.logprobs !== undefined) mapped.logprobs = choice.logprobs;
    outputCharacters += content.text.length + (message.refusal ?? '').length;
    for (const call of mapped.toolCalls ?? []) outputCharacters += call.name.length + call.arguments.length;
    reasoningCharacters += reasoning?.length ?? 0;
    return mapped;
  });
  const result: ChatResult = {
    id: response.id ?? '',
    created: response.created ?? Math.floor(Date.now() / 1000),
    upstreamModel: response.model ?? options.model,
    choices,
    usage:
      response.usage === null || response.usage === undefined
        ? estimatedUsage({
            promptCharacters: countPromptCharacters(options.messages),
            outputCharacters,
            reasoningCharacters,
          })
        : options.convertUsage(response.usage),
  };
  if (typeof response.system_fingerprint === 'string') result.systemFingerprint = response.system_fingerprint;
  return result;
}
