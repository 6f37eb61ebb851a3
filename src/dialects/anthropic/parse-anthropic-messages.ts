import { isJsonObject } from '../../spec/index.js';
import type { ChatMessage, ContentPart, JsonObject, JsonValue, ToolCall } from '../../spec/index.js';
import {
  childPath,
  describeKind,
  invalidParameter,
  itemPath,
  readObject,
  readValue,
  requireString,
  unsupportedParameter,
} from '../validation/index.js';
import { withCacheControl } from './read-cache-control.js';

/**
 * `system`: a string or text blocks, which become one system message placed first: one string, unless a
 * block marks a cache breakpoint, when the blocks stay parts so Anthropic backends get the breakpoint back.
 */
export function parseAnthropicSystem(value: JsonValue | undefined): ChatMessage | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { role: 'system', content: value };
  if (!Array.isArray(value)) {
    throw invalidParameter('system', `must be a string or an array of text blocks, got ${describeKind(value)}.`);
  }
  const parts = value.map((block, index) => {
    const path = itemPath('system', index);
    if (!isJsonObject(block)) throw invalidParameter(path, `must be an object, got ${describeKind(block)}.`);
    const type = requireString(block, 'type', path);
    if (type !== 'text') throw invalidParameter(childPath(path, 'type'), `must be 'text', got '${type}'.`);
    return withCacheControl({ type: 'text' as const, text: requireString(block, 'text', path) }, block, path);
  });
  if (parts.some((part) => part.cacheControl !== undefined)) return { role: 'system', content: parts };
  // One string otherwise, because several OpenAI-compatible upstreams accept only string system content.
  return { role: 'system', content: parts.map((part) => part.text).join('\n') };
}

/**
 * `messages[{role: user|assistant, content}]` into canonical messages. A user turn's `tool_result`
 * blocks become `tool` messages placed before the rest of that turn, as OpenAI orders them.
 */
export function parseAnthropicMessages(value: JsonValue | undefined): ChatMessage[] {
  if (value === undefined || value === null) throw invalidParameter('messages', 'is required.');
  if (!Array.isArray(value)) throw invalidParameter('messages', `must be an array, got ${describeKind(value)}.`);
  if (value.length === 0) throw invalidParameter('messages', 'must contain at least one message.');
  return value.flatMap((message, index) => parseMessage(message, itemPath('messages', index)));
}

function parseMessage(value: JsonValue, path: string): ChatMessage[] {
  if (!isJsonObject(value)) throw invalidParameter(path, `must be an object, got ${describeKind(value)}.`);
  const role = requireString(value, 'role', path);
  if (role !== 'user' && role !== 'assistant') {
    throw invalidParameter(childPath(path, 'role'), `must be 'user' or 'assistant', got '${role}'.`);
  }
  const content = readValue(value, 'content');
  const contentPath = childPath(path, 'content');
  if (content === undefined) throw invalidParameter(contentPath, 'is required.');
  if (typeof content === 'string') return [{ role, content }];
  if (!Array.isArray(content)) {
    throw invalidParameter(
      contentPath,
      `must be a string or an array of content blocks, got ${describeKind(content)}.`,
    );
  }
  const blocks = content.map((block, index) => {
    const blockPath = itemPath(contentPath, index);
    if (!isJsonObject(block)) throw invalidParameter(blockPath, `must be an object, got ${describeKind(block)}.`);
    return { block, path: blockPath, type: requireString(block, 'type', blockPath) };
  });
  return role === 'user' ? parseUserBlocks(blocks) : [parseAssistantBlocks(blocks)];
}

type TextPart = Extract<ContentPart, { type: 'text' }>;

interface Block {
  block: JsonObject;
  path: string;
  type: string;
}

function parseUserBlocks(blocks: Block[]): ChatMessage[] {
  const toolMessages: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  for (const { block, path, type } of blocks) {
    if (type === 'tool_result') {
      toolMessages.push(
        withCacheControl(
          {
            role: 'tool' as const,
            toolCallId: requireString(block, 'tool_use_id', path),
            content: parseToolResultContent(block, path),
          },
          block,
          path,
        ),
      );
    } else parts.push(parsePart(block, path, type));
  }
  return parts.length === 0 ? toolMessages : [...toolMessages, { role: 'user', content: parts }];
}

function parseToolResultContent(block: JsonObject, path: string): string | ContentPart[] {
  const content = readValue(block, 'content');
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  const contentPath = childPath(path, 'content');
  if (!Array.isArray(content)) {
    throw invalidParameter(contentPath, `must be a string or an array of blocks, got ${describeKind(content)}.`);
  }
  return content.map((item, index) => {
    const itemLocation = itemPath(contentPath, index);
    if (!isJsonObject(item)) throw invalidParameter(itemLocation, `must be an object, got ${describeKind(item)}.`);
    return parsePart(item, itemLocation, requireString(item, 'type', itemLocation));
  });
}

function parsePart(block: JsonObject, path: string, type: string): ContentPart {
  let part: ContentPart;
  if (type === 'text') part = { type: 'text', text: requireString(block, 'text', path) };
  else if (type === 'image') part = { type: 'image', url: parseImageSource(block, path) };
  else {
    throw unsupportedParameter(
      childPath(path, 'type'),
      `is '${type}', which Hangar does not support in this position.`,
    );
  }
  return withCacheControl(part, block, path);
}

/** Base64 sources become `data:` URLs, the canonical form for inline images. */
function parseImageSource(block: JsonObject, path: string): string {
  const sourcePath = childPath(path, 'source');
  const source = readObject(block, 'source', path);
  if (source === undefined) throw invalidParameter(sourcePath, 'is required.');
  const type = requireString(source, 'type', sourcePath);
  if (type === 'base64') {
    const mediaType = requireString(source, 'media_type', sourcePath);
    return `data:${mediaType};base64,${requireString(source, 'data', sourcePath)}`;
  }
  if (type === 'url') return requireString(source, 'url', sourcePath);
  throw unsupportedParameter(childPath(sourcePath, 'type'), `is '${type}'; use 'base64' or 'url'.`);
}

function parseAssistantBlocks(blocks: Block[]): ChatMessage {
  const texts: TextPart[] = [];
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const { block, path, type } of blocks) {
    switch (type) {
      case 'text':
        texts.push(withCacheControl({ type: 'text' as const, text: requireString(block, 'text', path) }, block, path));
        break;
      case 'thinking':
        reasoning.push(requireString(block, 'thinking', path));
        break;
      case 'redacted_thinking':
        // Encrypted reasoning only Anthropic can read back; other upstreams have no use for it.
        break;
      case 'tool_use': {
        const input = readValue(block, 'input') ?? {};
        toolCalls.push(
          withCacheControl(
            {
              id: requireString(block, 'id', path),
              name: requireString(block, 'name', path),
              arguments: JSON.stringify(input),
            },
            block,
            path,
          ),
        );
        break;
      }
      default:
        throw unsupportedParameter(
          childPath(path, 'type'),
          `is '${type}', which Hangar does not support in assistant messages.`,
        );
    }
  }
  // Text stays parts only when one carries a cache breakpoint; otherwise one string, as before.
  const marked = texts.some((part) => part.cacheControl !== undefined);
  const joined = texts.map((part) => part.text).join('');
  const message: ChatMessage = {
    role: 'assistant',
    content: marked ? texts : texts.length > 0 ? joined : toolCalls.length > 0 ? null : '',
  };
  if (reasoning.length > 0) message.reasoningContent = reasoning.join('');
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  return message;
}
