import { promptTokens, totalTokens } from '../../spec/index.js';
import type { EmbeddingRequest, EmbeddingResult, JsonObject, JsonValue } from '../../spec/index.js';
import { encodeEmbeddingBase64 } from '../shared/encode-embedding-base64.js';
import {
  describeKind,
  invalidParameter,
  itemPath,
  readEnum,
  readInteger,
  readString,
  readValue,
} from '../validation/index.js';

const EMBEDDING_KEYS: ReadonlySet<string> = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

/** `{input: string | string[] | number[] | number[][], encoding_format?, dimensions?, user?}`; other keys → extra. */
export function parseOpenAiEmbeddings(body: JsonObject, model: string): EmbeddingRequest {
  const extra: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(body)) if (!EMBEDDING_KEYS.has(key)) extra[key] = value;
  const request: EmbeddingRequest = {
    model,
    input: parseOpenAiEmbeddingInput(readValue(body, 'input')),
    encodingFormat: readEnum(body, 'encoding_format', ['float', 'base64'] as const) ?? 'float',
    extra,
  };
  const dimensions = readInteger(body, 'dimensions', { min: 1 });
  const user = readString(body, 'user');
  if (dimensions !== undefined) request.dimensions = dimensions;
  if (user !== undefined) request.user = user;
  return request;
}

/** Texts or token-id arrays; one text or one token array is a batch of one. Empty input is a 400. */
export function parseOpenAiEmbeddingInput(value: JsonValue | undefined): string[] | number[][] {
  if (value === undefined) throw invalidParameter('input', 'is required.');
  if (typeof value === 'string') {
    if (value === '') throw invalidParameter('input', 'must not be empty.');
    return [value];
  }
  if (!Array.isArray(value)) {
    throw invalidParameter('input', `must be a string or an array, got ${describeKind(value)}.`);
  }
  if (value.length === 0) throw invalidParameter('input', 'must not be empty.');
  // The first item decides the form; every other item must match it.
  if (typeof value[0] === 'string') {
    return value.map((item, index) => {
      if (typeof item !== 'string' || item === '') {
        throw invalidParameter(itemPath('input', index), 'must be a non-empty string, as the other inputs are.');
      }
      return item;
    });
  }
  if (typeof value[0] === 'number') return [readTokens(value, 'input')];
  return value.map((item, index) => {
    const path = itemPath('input', index);
    if (!Array.isArray(item) || item.length === 0) {
      throw invalidParameter(path, 'must be a non-empty array of token ids, or input must be text.');
    }
    return readTokens(item, path);
  });
}

function readTokens(items: JsonValue[], path: string): number[] {
  return items.map((item, index) => {
    if (typeof item !== 'number' || !Number.isInteger(item) || item < 0) {
      throw invalidParameter(itemPath(path, index), 'must be a token id (a non-negative integer).');
    }
    return item;
  });
}

/** `{object:'list', data:[{object:'embedding', index, embedding}], model, usage}`. */
export function renderOpenAiEmbeddings(result: EmbeddingResult, request: EmbeddingRequest): JsonObject {
  return {
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: request.encodingFormat === 'base64' ? encodeEmbeddingBase64(vector) : vector,
    })),
    model: result.upstreamModel,
    usage: renderEmbeddingUsage(result),
  };
}

export function renderEmbeddingUsage(result: EmbeddingResult): JsonObject {
  return { prompt_tokens: promptTokens(result.usage), total_tokens: totalTokens(result.usage) };
}
