import type { ChatMessage, ContentPart } from '../chat/chat-message.js';
import type { Usage } from './usage.js';

/** The usual rule of thumb, about four characters a token; used only when an upstream reports no usage. */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4);
}

/** An estimate marked as such by `raw: null`, so billing and audits can tell it from a vendor's count. */
export function estimatedUsage(counts: {
  promptCharacters: number;
  outputCharacters: number;
  reasoningCharacters: number;
}): Usage {
  return {
    input: estimateTokens(counts.promptCharacters),
    cachedInput: 0,
    cacheWriteInput: 0,
    output: estimateTokens(counts.outputCharacters),
    reasoning: estimateTokens(counts.reasoningCharacters),
    raw: null,
  };
}

/** Characters of text in a conversation: message content, tool-call arguments and tool results. */
export function countPromptCharacters(messages: readonly ChatMessage[]): number {
  let characters = 0;
  for (const message of messages) {
    characters += contentCharacters(message.content);
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
    }
  }
  return characters;
}

function contentCharacters(content: string | ContentPart[] | null): number {
  if (content === null) return 0;
  if (typeof content === 'string') return content.length;
  let characters = 0;
  for (const part of content) if (part.type === 'text') characters += part.text.length;
  return characters;
}
