import { embeddingToBase64, embeddingVector, promptTokensFor } from './deterministic-reply.js';
import type { JsonObject } from './deterministic-reply.js';

export const DEFAULT_EMBEDDING_DIMENSIONS = 8;

/** One input as text (token arrays are joined, so they embed deterministically too) and its token count. */
function describeInput(input: unknown): { text: string; tokens: number } {
  if (typeof input === 'string') return { text: input, tokens: promptTokensFor(input.length) };
  if (Array.isArray(input)) return { text: input.join(','), tokens: Math.max(1, input.length) };
  return { text: '', tokens: 1 };
}

/** Splits `input` into its items: a string or a token array is one item; an array of those is several. */
export function embeddingInputs(input: unknown): unknown[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number')) return [input];
  return input as unknown[];
}

/**
 * The embeddings list: vector i is `embeddingVector(text_i, dimensions)`; usage counts each input as
 * ceil(characters / 4) tokens (a token array counts its length).
 */
export function embeddingsBody(body: JsonObject, inputs: readonly unknown[], model: string): JsonObject {
  const dimensions =
    typeof body.dimensions === 'number' && body.dimensions > 0
      ? Math.floor(body.dimensions)
      : DEFAULT_EMBEDDING_DIMENSIONS;
  const base64 = body.encoding_format === 'base64';
  let tokens = 0;
  const data = inputs.map((input, index) => {
    const described = describeInput(input);
    tokens += described.tokens;
    const vector = embeddingVector(described.text, dimensions);
    return { object: 'embedding', index, embedding: base64 ? embeddingToBase64(vector) : vector };
  });
  return { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
