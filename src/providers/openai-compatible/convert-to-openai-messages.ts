import type { ChatMessage, ContentPart, JsonObject } from '../../spec/index.js';

export interface ConvertToOpenAiMessagesOptions {
  /** Vendors without the `developer` role (most OpenAI-compatible servers) get `system` instead. */
  supportsDeveloperRole: boolean;
}

/**
 * Canonical messages back to Chat Completions messages. An assistant's reasoning is never sent: DeepSeek R1
 * answers 400 to `reasoning_content` in its input, and no other vendor reads it.
 */
export function convertToOpenAiMessages(
  messages: readonly ChatMessage[],
  options: ConvertToOpenAiMessagesOptions,
): JsonObject[] {
  return messages.map((message): JsonObject => {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const role = message.role === 'developer' && !options.supportsDeveloperRole ? 'system' : message.role;
        return withName({ role, content: convertContent(message.content) }, message.name);
      }
      case 'user':
        return withName({ role: 'user', content: convertContent(message.content) }, message.name);
      case 'assistant': {
        const wire: JsonObject = {
          role: 'assistant',
          content: message.content === null ? null : convertContent(message.content),
        };
        if (message.toolCalls !== undefined && message.toolCalls.length > 0) {
          wire.tool_calls = message.toolCalls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          }));
        }
        if (typeof message.refusal === 'string') wire.refusal = message.refusal;
        return withName(wire, message.name);
      }
      case 'tool':
        return { role: 'tool', tool_call_id: message.toolCallId, content: convertContent(message.content) };
    }
  });
}

function convertContent(content: string | ContentPart[]): string | JsonObject[] {
  if (typeof content === 'string') return content;
  return content.map((part): JsonObject => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image': {
        const imageUrl: JsonObject = { url: part.url };
        if (part.detail !== undefined) imageUrl.detail = part.detail;
        return { type: 'image_url', image_url: imageUrl };
      }
      case 'audio':
        return { type: 'input_audio', input_audio: { data: part.data, format: part.format } };
    }
  });
}

function withName(message: JsonObject, name: string | undefined): JsonObject {
  if (name !== undefined) message.name = name;
  return message;
}
