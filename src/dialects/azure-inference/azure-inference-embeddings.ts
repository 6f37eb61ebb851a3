import type { EmbeddingRequest, EmbeddingResult, JsonObject, JsonValue } from '../../spec/index.js';
import { renderEmbeddingUsage } from '../openai/index.js';
import { encodeEmbeddingBase64 } from '../shared/encode-embedding-base64.js';
import {
  describeKind,
  invalidParameter,
  itemPath,
  readEnum,
  readInteger,
  readString,
  readValue,
  unsupportedParameter,
} from '../validation/index.js';

const EMBEDDING_KEYS: ReadonlySet<string> = new Set(['model', 'input', 'dimensions', 'encoding_format', 'input_type']);
/** Formats the Azure schema lists that Hangar does not produce. */
const UNSUPPORTED_FORMATS: ReadonlySet<string> = new Set(['binary', 'int8', 'ubinary', 'uint8']);

/** Parses `{input: string[], dimensions?, encoding_format?, input_type?}`; unknown keys are returned in `extra`. */
export function parseAzureInferenceEmbeddings(body: JsonObject, model: string): EmbeddingRequest {
  const extra: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(body)) if (!EMBEDDING_KEYS.has(key)) extra[key] = value;
  const format = readString(body, 'encoding_format');
  if (format !== undefined && UNSUPPORTED_FORMATS.has(format)) {
    throw unsupportedParameter('encoding_format', `'${format}' is not supported; use 'float' or 'base64'.`);
  }
  const request: EmbeddingRequest = {
    model,
    input: parseInput(readValue(body, 'input')),
    encodingFormat: readEnum(body, 'encoding_format', ['float', 'base64'] as const) ?? 'float',
    extra,
  };
  const dimensions = readInteger(body, 'dimensions', { min: 1 });
  const inputType = readEnum(body, 'input_type', ['text', 'query', 'document'] as const);
  if (dimensions !== undefined) request.dimensions = dimensions;
  if (inputType !== undefined) request.inputType = inputType;
  return request;
}

function parseInput(value: JsonValue | undefined): string[] {
  if (value === undefined) throw invalidParameter('input', 'is required.');
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items))
    throw invalidParameter('input', `must be an array of strings, got ${describeKind(items)}.`);
  if (items.length === 0) throw invalidParameter('input', 'must not be empty.');
  return items.map((item, index) => {
    if (typeof item !== 'string')
      throw invalidParameter(itemPath('input', index), `must be a string, got ${describeKind(item)}.`);
    return item;
  });
}

/** `{id, object:'list', data:[{object:'embedding', embedding, index}], model, usage}`. */
export function renderAzureInferenceEmbeddings(
  result: EmbeddingResult,
  request: EmbeddingRequest,
  requestId: string,
): JsonObject {
  return {
    id: result.id ?? requestId,
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      embedding: request.encodingFormat === 'base64' ? encodeEmbeddingBase64(vector) : vector,
      index,
    })),
    model: result.upstreamModel,
    usage: renderEmbeddingUsage(result),
  };
}
