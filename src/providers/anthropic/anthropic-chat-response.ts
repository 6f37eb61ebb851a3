import { GatewayError } from '../../spec/index.js';
import type { ChatChoice, ChatResult, JsonValue, ToolCall } from '../../spec/index.js';
import { EMPTY_USAGE } from '../../spec/index.js';
import { generateToolCallId } from '../../kit/index.js';
import { anthropicMessageSchema } from './anthropic-wire.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

/** An Anthropic message as a one-choice canonical result. */
export function mapAnthropicResponse(json: JsonValue, options: { providerId: string; model: string }): ChatResult {
  const parsed = anthropicMessageSchema.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError(
      'upstream_error',
      `The upstream (${options.providerId}) answered with a message Hangar cannot read: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}.`,
      { upstream: { providerId: options.providerId } },
    );
  }
  const message = parsed.data;
  const texts: string[] = [];
  const thinking: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(block.text ?? '');
    else if (block.type === 'thinking') thinking.push(block.thinking ?? '');
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id ?? generateToolCallId(),
        name: block.name ?? '',
        arguments: JSON.stringify(block.input ?? {}),
      });
    }
  }
  const choice: ChatChoice = {
    index: 0,
    content: texts.length === 0 ? null : texts.join(''),
    finishReason: mapAnthropicFinishReason(message.stop_reason),
  };
  if (thinking.length > 0) choice.reasoningContent = thinking.join('');
  if (toolCalls.length > 0) choice.toolCalls = toolCalls;
  return {
    id: message.id ?? '',
    // Anthropic messages carry no timestamp.
    created: Math.floor(Date.now() / 1000),
    upstreamModel: message.model ?? options.model,
    choices: [choice],
    usage: message.usage === null || message.usage === undefined ? EMPTY_USAGE : convertAnthropicUsage(message.usage),
  };
}
