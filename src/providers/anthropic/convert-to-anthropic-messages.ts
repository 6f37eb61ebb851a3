import { safeParseJson } from '../../kit/index.js';
import { GatewayError, isJsonObject } from '../../spec/index.js';
import type { ChatMessage, ContentPart, JsonObject } from '../../spec/index.js';
import { withAnthropicCacheControl } from './with-anthropic-cache-control.js';

export interface AnthropicConversation {
  /**
   * System and developer messages: Anthropic takes one top-level system prompt, so they are joined into one
   * string, or sent as text blocks when one carries a cache breakpoint (only a block can carry it).
   */
  system: string | JsonObject[] | undefined;
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
  const systemBlocks: JsonObject[] = [];
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
        systemBlocks.push(...systemTextBlocks(message.content, where));
        return;
      case 'user':
        push('user', convertContent(message.content, where));
        return;
      case 'assistant': {
        const blocks =
          message.content === null ? [] : convertContent(message.content, where).filter((block) => !isEmptyText(block));
        (message.toolCalls ?? []).forEach((call, callIndex) => {
          const toolUse: JsonObject = {
            type: 'tool_use',
            id: call.id,
            name: call.name,
            input: parseToolArguments(call.arguments, `${where}.tool_calls[${callIndex}].function.arguments`),
          };
          blocks.push(withAnthropicCacheControl(toolUse, call.cacheControl));
        });
        push('assistant', blocks);
        return;
      }
      case 'tool':
        push('user', [
          withAnthropicCacheControl(
            {
              type: 'tool_result',
              tool_use_id: message.toolCallId,
              content: typeof message.content === 'string' ? message.content : convertContent(message.content, where),
            },
            message.cacheControl,
          ),
        ]);
        return;
    }
  });

  return {
    system: systemPrompt(systemBlocks),
    messages: turns.map((turn) => ({ role: turn.role, content: turn.content })),
  };
}

function systemPrompt(blocks: JsonObject[]): string | JsonObject[] | undefined {
  if (blocks.length === 0) return undefined;
  if (blocks.some((block) => block.cache_control !== undefined)) return blocks.filter((block) => !isEmptyText(block));
  return blocks.map((block) => (typeof block.text === 'string' ? block.text : '')).join('\n');
}

function systemTextBlocks(content: string | ContentPart[], where: string): JsonObject[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, partIndex) => {
    if (part.type !== 'text') {
      throw new GatewayError(
        'invalid_request',
        `Anthropic system prompts take text only; ${where}.content[${partIndex}] is ${part.type}.`,
        {
          param: `${where}.content`,
        },
      );
    }
    return withAnthropicCacheControl({ type: 'text', text: part.text }, part.cacheControl);
  });
}

function convertContent(content: string | ContentPart[], where: string): JsonObject[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, partIndex): JsonObject => {
    switch (part.type) {
      case 'text':
        return withAnthropicCacheControl({ type: 'text', text: part.text }, part.cacheControl);
      case 'image':
        return withAnthropicCacheControl(
          { type: 'image', source: imageSource(part.url, `${where}.content[${partIndex}]`) },
          part.cacheControl,
        );
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

/** Anthropic refuses empty text blocks; one that marks a cache breakpoint is kept, for the vendor to answer. */
function isEmptyText(block: JsonObject): boolean {
  return block.type === 'text' && block.text === '' && block.cache_control === undefined;
}
