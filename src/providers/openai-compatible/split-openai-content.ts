import type { OpenAiContent } from './openai-compatible-wire.js';

/** Visible text and reasoning text of a message or delta content, whichever shape the server used. */
export function splitOpenAiContent(content: OpenAiContent | null | undefined): { text: string; reasoning: string } {
  if (content === null || content === undefined) return { text: '', reasoning: '' };
  if (typeof content === 'string') return { text: content, reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const chunk of content) {
    if (chunk.type === 'thinking') {
      for (const part of chunk.thinking ?? []) reasoning += part.text ?? '';
    } else if (typeof chunk.text === 'string') {
      text += chunk.text;
    }
  }
  return { text, reasoning };
}
