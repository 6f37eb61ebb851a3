import type { ChatMessage, ChatRequest, ContentPart, SettingWarning, ToolCall } from '../../spec/index.js';

/**
 * For a lane with no cache breakpoints: the request without its `cacheControl` marks, and one warning when
 * there were any. A system or assistant message whose text the Anthropic dialect kept as parts only to carry
 * a breakpoint is joined back into one string, as that dialect sends it without one, because several
 * OpenAI-compatible upstreams accept only string system content.
 */
export function dropCacheControl(request: ChatRequest, warnings: SettingWarning[], detail: string): ChatRequest {
  const marked =
    request.messages.some(messageHasCacheControl) ||
    (request.tools ?? []).some((tool) => tool.cacheControl !== undefined);
  if (!marked) return request;
  warnings.push({ type: 'dropped', param: 'cache_control', detail });
  const stripped: ChatRequest = { ...request, messages: request.messages.map(withoutCacheControl) };
  if (request.tools !== undefined) stripped.tools = request.tools.map(({ cacheControl: _dropped, ...tool }) => tool);
  return stripped;
}

function messageHasCacheControl(message: ChatMessage): boolean {
  if (message.role === 'tool' && message.cacheControl !== undefined) return true;
  if (message.role === 'assistant' && (message.toolCalls ?? []).some((call) => call.cacheControl !== undefined)) {
    return true;
  }
  return partsHaveCacheControl(message.content);
}

function partsHaveCacheControl(content: string | ContentPart[] | null): boolean {
  return Array.isArray(content) && content.some((part) => part.type !== 'audio' && part.cacheControl !== undefined);
}

function withoutCacheControl(message: ChatMessage): ChatMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { ...message, content: unmarkedContent(message.content, '\n') };
    case 'user':
      return { ...message, content: unmarkedContent(message.content, undefined) };
    case 'assistant': {
      const assistant: ChatMessage = {
        ...message,
        content: message.content === null ? null : unmarkedContent(message.content, ''),
      };
      if (message.toolCalls !== undefined) assistant.toolCalls = message.toolCalls.map(unmarkedToolCall);
      return assistant;
    }
    case 'tool': {
      const { cacheControl: _dropped, ...tool } = message;
      return { ...tool, content: unmarkedContent(message.content, undefined) };
    }
  }
}

/** Text-only parts that carried a breakpoint are joined with `separator`, when one is given. */
function unmarkedContent(content: string | ContentPart[], separator: string | undefined): string | ContentPart[] {
  if (typeof content === 'string' || !partsHaveCacheControl(content)) return content;
  const parts = content.map(unmarkedPart);
  if (separator === undefined) return parts;
  const texts = parts.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  return texts.length === parts.length ? texts.join(separator) : parts;
}

function unmarkedPart(part: ContentPart): ContentPart {
  if (part.type === 'audio') return part;
  const { cacheControl: _dropped, ...unmarked } = part;
  return unmarked;
}

function unmarkedToolCall(call: ToolCall): ToolCall {
  const { cacheControl: _dropped, ...unmarked } = call;
  return unmarked;
}
