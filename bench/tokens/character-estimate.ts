import type { ChatRequest } from '../../src/spec/index.js';

/**
 * Admission's estimate before tokenizers, kept here as the bench's baseline: prompt characters over four, 4 per
 * message, plus the output (src/http/inference/quota-admission.ts until the tokenizer replaced it).
 */
export function estimateChatTokensByCharacters(request: ChatRequest, outputCap: number | undefined): number {
  let characters = 0;
  for (const message of request.messages) {
    const content = 'content' in message ? message.content : null;
    if (typeof content === 'string') characters += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) if (part.type === 'text') characters += part.text.length;
    }
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
    }
  }
  for (const tool of request.tools ?? []) characters += JSON.stringify(tool).length;
  const prompt = Math.ceil(characters / 4) + request.messages.length * 4;
  return prompt + (request.maxOutputTokens ?? outputCap ?? 4096) * (request.n ?? 1);
}
