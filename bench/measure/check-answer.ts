import { safeParseJson } from '../../src/kit/index.js';

/** An answer that was not a successful chat completion: the run stops rather than time an error page. */
export class WrongAnswerError extends Error {
  constructor(target: string, problem: string, body: string) {
    super(`${target}: ${problem}; body starts ${JSON.stringify(body.slice(0, 300))}`);
    this.name = 'WrongAnswerError';
  }
}

function firstChoice(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return undefined;
  const choice: unknown = choices[0];
  return typeof choice === 'object' && choice !== null ? (choice as Record<string, unknown>) : undefined;
}

/** A non-streamed answer must be 200 with non-empty `choices[0].message.content`. */
export function checkChatCompletion(target: string, status: number, body: string): void {
  if (status !== 200) throw new WrongAnswerError(target, `status ${status}`, body);
  const parsed = safeParseJson(body);
  const message = parsed.ok ? firstChoice(parsed.value)?.message : undefined;
  const content =
    typeof message === 'object' && message !== null ? (message as { content?: unknown }).content : undefined;
  if (typeof content !== 'string' || content === '') throw new WrongAnswerError(target, 'no message content', body);
}

/** The text of `choices[0].delta.content` in one stream chunk, or '' when it carries none. */
export function deltaContent(data: string): string {
  const parsed = safeParseJson(data);
  if (!parsed.ok) return '';
  const delta = firstChoice(parsed.value)?.delta;
  const content = typeof delta === 'object' && delta !== null ? (delta as { content?: unknown }).content : undefined;
  return typeof content === 'string' ? content : '';
}

/** Cheap check for the load generator, which sees every body: some message content is present. */
export function looksLikeChatCompletion(body: string): boolean {
  return /"content":\s*"[^"]/.test(body) && body.includes('"choices"');
}
