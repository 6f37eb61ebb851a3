import type { ChatMessage, ContentPart } from '../../spec/index.js';

/** The prompt as the analyzers see it: who wrote which text. */
export interface PromptTexts {
  /** Everything but the assistant's own earlier turns, graded for the four categories. */
  graded: string;
  /** The user's messages: where a direct attack (jailbreak) would be. */
  user: string;
  /** Tool results: material the model reads but the user did not write, where an indirect attack would hide. */
  documents: string[];
}

export function messageText(content: string | ContentPart[] | null): string {
  if (content === null) return '';
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) {
    if (part.type === 'text') text = text === '' ? part.text : `${text}\n${part.text}`;
  }
  return text;
}

export function promptTexts(messages: readonly ChatMessage[]): PromptTexts {
  const graded: string[] = [];
  const user: string[] = [];
  const documents: string[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') continue;
    const text = messageText(message.content);
    if (text === '') continue;
    graded.push(text);
    if (message.role === 'user') user.push(text);
    else if (message.role === 'tool') documents.push(text);
  }
  return { graded: graded.join('\n'), user: user.join('\n'), documents };
}
