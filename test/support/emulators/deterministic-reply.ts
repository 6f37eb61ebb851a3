/**
 * Everything an emulator says is derived from the request, so a test can compute the exact expected values
 * with these same helpers.
 *
 * Token formulas (the same for every vendor):
 * - prompt tokens     = ceil(characters of all message texts (and Anthropic's `system`) / 4), at least 1;
 * - completion tokens = number of whitespace-separated words in what was generated (content, tool-call
 *                       arguments), summed over choices;
 * - reasoning tokens  = words of `reasoningText(lastUserText)`;
 * - cached tokens     = floor(prompt tokens / 2) (OpenAI-style `cached_tokens`, DeepSeek's cache hits).
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a message's content: a string, or the `text` of its parts (OpenAI and Anthropic shapes alike). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (isObject(part) && typeof part.text === 'string') text += part.text;
    else if (isObject(part) && part.type === 'tool_result') text += contentText(part.content);
  }
  return text;
}

/** The text of the last `user` message, which every reply echoes. */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message: unknown = messages[index];
    if (isObject(message) && message.role === 'user') return contentText(message.content);
  }
  return '';
}

/** Characters of every message text, plus a `system` field when the vendor has one (Anthropic). */
export function promptCharacters(messages: unknown, system?: unknown): number {
  let characters = contentText(system).length;
  if (Array.isArray(messages)) {
    for (const message of messages) if (isObject(message)) characters += contentText(message.content).length;
  }
  return characters;
}

export function promptTokensFor(characters: number): number {
  return Math.max(1, Math.ceil(characters / 4));
}

export function countWords(text: string): number {
  const words = text.match(/\S+/g);
  return words === null ? 0 : words.length;
}

export function cachedTokensFor(promptTokens: number): number {
  return Math.floor(promptTokens / 2);
}

/** Choice 0 says `Echo: <text>`; further choices say `Echo <index>: <text>` so each is recognisable. */
export function echoText(userText: string, choiceIndex = 0): string {
  return choiceIndex === 0 ? `Echo: ${userText}` : `Echo ${choiceIndex}: ${userText}`;
}

/** The JSON object text a `json_object` / `json_schema` response format yields. */
export function jsonReplyText(userText: string): string {
  return JSON.stringify({ echo: userText });
}

/** Tool-call arguments (and Anthropic's tool_use input, as text). */
export function toolArgumentsText(userText: string): string {
  return JSON.stringify({ echo: userText });
}

/** What a reasoning model "thinks" before answering. */
export function reasoningText(userText: string): string {
  return `Thinking about: ${userText}`;
}

/** Keeps the first `limit` words, with the spacing between them. */
export function truncateWords(text: string, limit: number): string {
  const pattern = /\S+/g;
  let end = 0;
  for (let count = 0; count < limit; count += 1) {
    const match = pattern.exec(text);
    if (match === null) return text;
    end = match.index + match[0].length;
  }
  return text.slice(0, end);
}

/** Cuts `text` before the earliest stop sequence that occurs in it. */
export function applyStopSequences(text: string, stops: unknown): { text: string; stoppedBy?: string } {
  const candidates = typeof stops === 'string' ? [stops] : Array.isArray(stops) ? stops : [];
  let earliest = -1;
  let stoppedBy: string | undefined;
  for (const stop of candidates) {
    if (typeof stop !== 'string' || stop.length === 0) continue;
    const position = text.indexOf(stop);
    if (position >= 0 && (earliest < 0 || position < earliest)) {
      earliest = position;
      stoppedBy = stop;
    }
  }
  return stoppedBy === undefined ? { text } : { text: text.slice(0, earliest), stoppedBy };
}

/** Splits text into `count` non-empty pieces of near-equal length (fewer when the text is shorter), never inside a character. */
export function splitIntoPieces(text: string, count: number): string[] {
  const characters = Array.from(text);
  if (characters.length === 0) return [];
  const pieces = Math.max(1, Math.min(count, characters.length));
  const result: string[] = [];
  for (let index = 0; index < pieces; index += 1) {
    const start = Math.floor((index * characters.length) / pieces);
    const end = Math.floor(((index + 1) * characters.length) / pieces);
    result.push(characters.slice(start, end).join(''));
  }
  return result;
}

/** FNV-1a, 32 bits: a cheap, stable seed from text. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A unit-length vector seeded by the text's hash (xorshift32), each value rounded to float32 so the `float`
 * and `base64` encodings decode to the same numbers.
 */
export function embeddingVector(text: string, dimensions = 8): number[] {
  let state = hashText(text) || 1;
  const raw: number[] = [];
  for (let index = 0; index < dimensions; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    raw.push(((state >>> 0) / 0xffffffff) * 2 - 1);
  }
  const length = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0)) || 1;
  return raw.map((value) => Math.fround(value / length));
}

/** The `base64` encoding OpenAI uses: little-endian float32s. */
export function embeddingToBase64(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}
