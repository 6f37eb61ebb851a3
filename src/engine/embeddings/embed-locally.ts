import type { Token } from 'node-llama-cpp';
import { EMPTY_USAGE, GatewayError, type EmbeddingRequest, type EmbeddingResult } from '../../spec/index.js';
import { l2Normalise } from './l2-normalise.js';
import type { LocalEmbeddingModel } from './local-embedding-model.js';
import { prepareEmbeddingInputs } from './prepare-embedding-inputs.js';

/**
 * OpenAI-compatible embeddings from a local model. The whole request is validated first (nothing is computed
 * for a request that will fail), then each input is embedded in order on the one context — llama.cpp batches
 * an input's tokens itself, and the context holds one sequence, so inputs cannot run side by side.
 *
 * Vectors come back L2-normalised, as OpenAI's are; with `dimensions` they are cut to the first N components
 * and normalised again (Matryoshka-style, as text-embedding-3 does). Usage counts every token the context
 * evaluates, the model's special tokens included. `encodingFormat` is the dialect's business; `extra`, `user`
 * and `inputType` are the provider's.
 */
export async function embedLocally(
  model: LocalEmbeddingModel,
  request: EmbeddingRequest,
  signal: AbortSignal,
): Promise<EmbeddingResult> {
  const { inputs, dimensions } = prepareEmbeddingInputs(model, request);
  const embeddings: number[][] = [];
  for (const [index, input] of inputs.entries()) {
    // The context cannot stop mid-input, so the signal is honoured between inputs.
    if (signal.aborted) {
      throw new GatewayError(
        'client_closed_request',
        'The client closed the request before the embeddings were computed.',
        {
          cause: signal.reason,
        },
      );
    }
    const vector = await embedOne(model, input.tokens, index);
    embeddings.push(l2Normalise(dimensions === undefined ? vector : vector.slice(0, dimensions)));
  }
  const tokens = inputs.reduce((sum, input) => sum + input.evaluatedTokens, 0);
  return {
    upstreamModel: model.name,
    embeddings,
    usage: { ...EMPTY_USAGE, input: tokens, raw: { prompt_tokens: tokens, total_tokens: tokens } },
  };
}

async function embedOne(model: LocalEmbeddingModel, tokens: Token[], index: number): Promise<readonly number[]> {
  let vector: readonly number[];
  try {
    ({ vector } = await model.context.getEmbeddingFor(tokens));
  } catch (error) {
    throw new GatewayError('internal_error', `The local model ${model.name} failed to embed input ${index}.`, {
      cause: error,
    });
  }
  // A broken model file must not reach clients as NaNs (JSON null) or as vectors of the wrong size.
  const nativeSize = model.model.embeddingVectorSize;
  if (vector.length !== nativeSize || !vector.every(Number.isFinite)) {
    throw new GatewayError(
      'internal_error',
      `The local model ${model.name} returned an unusable vector for input ${index} ` +
        `(${vector.length} components, ${nativeSize} expected, or non-finite values).`,
    );
  }
  return vector;
}
