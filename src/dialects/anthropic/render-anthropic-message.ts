import { safeParseJson } from '../../kit/index.js';
import { isJsonObject } from '../../spec/index.js';
import type { ChatResult, JsonObject, JsonValue } from '../../spec/index.js';
import { anthropicMessageId, renderAnthropicStopReason, renderAnthropicUsage } from './render-anthropic-stop-reason.js';

/** A canonical result as a Messages API `message`. Only choice 0 exists: the dialect cannot ask for more. */
export function renderAnthropicMessage(result: ChatResult, requestId: string): JsonObject {
  const choice = result.choices[0];
  const content: JsonValue[] = [];
  if (choice?.reasoningContent !== undefined && choice.reasoningContent !== '') {
    content.push({ type: 'thinking', thinking: choice.reasoningContent, signature: '' });
  }
  const text = choice?.content ?? choice?.refusal ?? '';
  if (text !== '') content.push({ type: 'text', text });
  for (const call of choice?.toolCalls ?? []) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: parseToolInput(call.arguments) });
  }
  return {
    id: anthropicMessageId(result.id, requestId),
    type: 'message',
    role: 'assistant',
    model: result.upstreamModel,
    content,
    stop_reason: choice === undefined ? 'end_turn' : renderAnthropicStopReason(choice.finishReason),
    stop_sequence: null,
    usage: renderAnthropicUsage(result.usage),
  };
}

/** Tool input must be an object on this wire; a model's malformed arguments become `{}`. */
export function parseToolInput(text: string): JsonObject {
  const parsed = safeParseJson(text);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : {};
}
