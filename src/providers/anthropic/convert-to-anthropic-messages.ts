import { safeParseJson } from '../../kit/index.js';
import { GatewayError, isJsonObject } from '../../spec/index.js';
import type { ChatMessage, ContentPart, JsonObject } from '../../spec/index.js';

export interface AnthropicConversation {
  /** System and developer messages, joined: Anthropic takes one top-level system prompt. */
  system: string | undefined;
  messages: JsonObject[];
}

interface Turn {
  role: 'user' | 'assistant';
  content: JsonObject[];
}

/**
 * Canonical messages as Anthropic turns. Tool results become `tool_result` blocks in a user turn, and
 * consecutive turns of one role are merged, because Anthropic wants user and assistant to alternate.
 * An assistant's reasoning is not sent back: Anthropic only accepts thinking blocks with their signature.
 */
export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicConversation {
  const systemParts: string[] = [];
  const turns: Turn[] = [];
  const push = (role: Turn['role'], content: JsonObject[]) => {
    const last = turns.at(-1);
    if (last !== undefined && last.role === role) last.content.push(...content);
    else turns.push({ role, content: [...content] });
  };

  messages.forEach((message, messageIndex) => {
    const where = `messages[${messageIndex}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(systemText(message.content, where));
        return;
      case 'user':
        push('user', convertContent(message.content, where));
        return;
      case 'assistant': {
        const blocks =
          message.content === null ? [] : convertContent(message.content, where).filter((block) => !isEmptyText(block));
        (message.toolCalls ?? []).forEach((call, callIndex) => {
          blocks.push({
            type: 'tool_use',
            id: call.id,
            name: call.name,
            input: parseToolArguments(call.arguments, `${where}.tool_calls[${callIndex}].function.arguments`),
          });
        });
        push('assistant', blocks);
        return;
      }
      case 'tool':
        push('user', [
          {
            type: 'tool_result',
            tool_use_id: message.toolCallId,
            content: typeof message.content === 'string' ? message.content : convertContent(message.content, where),
          },
        ]);
        return;
    }
  });

  return {
    system: systemParts.length === 0 ? undefined : systemParts.join('\n'),
    messages: turns.map((turn) => ({ role: turn.role, content: turn.content })),
  };
}

function systemText(content: string | ContentPart[], where: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, partIndex) => {
      if (part.type !== 'text') {
        throw new GatewayError(
          'invalid_request',
          `Anthropic system prompts take text only; ${where}.content[${partIndex}] is ${part.type}.`,
          {
            param: `${where}.content`,
          },
        );
      }
      return part.text;
    })
    .join('\n');
}

function convertContent(content: string | ContentPart[], where: string): JsonObject[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, partIndex): JsonObject => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image':
        return { type: 'image', source: imageSource(part.url, `${where}.content[${partIndex}]`) };
      case 'audio':
        throw new GatewayError(
          'unsupported_parameter',
          `Anthropic models do not take audio input; remove ${where}.content[${partIndex}].`,
          { param: `${where}.content` },
        );
    }
  });
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imageSource(url: string, where: string): JsonObject {
  const data = DATA_URL.exec(url);
  if (data !== null) return { type: 'base64', media_type: data[1] ?? '', data: data[2] ?? '' };
  if (/^https?:\/\//i.test(url)) return { type: 'url', url };
  throw new GatewayError(
    'invalid_request',
    `${where}.image_url.url must be an http(s) URL or a base64 data: URL for Anthropic models.`,
    { param: `${where}.image_url.url` },
  );
}

function parseToolArguments(text: string, param: string): JsonObject {
  if (text.trim() === '') return {};
  const parsed = safeParseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) {
    throw new GatewayError(
      'invalid_request',
      `${param} must be a JSON object for Anthropic models (it becomes tool_use.input).`,
      { param },
    );
  }
  return parsed.value;
}

function isEmptyText(block: JsonObject): boolean {
  return block.type === 'text' && block.text === '';
}
