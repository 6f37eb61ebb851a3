import { GatewayError } from '../../spec/index.js';
import type { EmbeddingRequest, EmbeddingResult, JsonObject, JsonValue, SettingWarning } from '../../spec/index.js';
import { openAiEmbeddingResponseSchema } from './openai-compatible-wire.js';

/** Keys the gateway owns; a client's `extra` may not replace them. */
const RESERVED_KEYS = new Set(['model', 'input', 'encoding_format']);

/**
 * An embeddings body. Floats are always asked for: the dialect re-encodes base64 for clients that want it,
 * and metering never has to decode vendor bytes.
 */
export function buildOpenAiEmbeddingBody(
  request: EmbeddingRequest,
  model: string,
  warnings: SettingWarning[],
): JsonObject {
  const body: JsonObject = { model, input: request.input, encoding_format: 'float' };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  if (request.user !== undefined) body.user = request.user;
  if (request.inputType !== undefined) {
    warnings.push({
      type: 'dropped',
      param: 'input_type',
      detail: 'OpenAI-compatible embedding APIs have no input_type.',
    });
  }
  for (const [key, value] of Object.entries(request.extra)) {
    if (!RESERVED_KEYS.has(key)) body[key] = value;
  }
  return body;
}

/** An embeddings response as a canonical result, vectors in input order. */
export function mapOpenAiEmbeddingResponse(
  json: JsonValue,
  options: { providerId: string; model: string },
): EmbeddingResult {
  const parsed = openAiEmbeddingResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError(
      'upstream_error',
      `The upstream (${options.providerId}) answered with an embeddings list Hangar cannot read: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}.`,
      { upstream: { providerId: options.providerId } },
    );
  }
  const response = parsed.data;
  const ordered = response.data
    .map((item, position) => ({ index: item.index ?? position, embedding: item.embedding }))
    .sort((left, right) => left.index - right.index);
  const usage = response.usage ?? null;
  const promptTokens = usage !== null && typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
  const result: EmbeddingResult = {
    upstreamModel: response.model ?? options.model,
    embeddings: ordered.map((item) =>
      typeof item.embedding === 'string' ? decodeBase64Floats(item.embedding) : item.embedding,
    ),
    usage: { input: promptTokens, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0, raw: usage },
  };
  if (typeof response.id === 'string') result.id = response.id;
  return result;
}

/** OpenAI's base64 encoding: little-endian float32s. */
function decodeBase64Floats(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const values: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) values.push(bytes.readFloatLE(offset));
  return values;
}
