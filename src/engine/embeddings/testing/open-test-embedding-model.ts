import type { Llama, LlamaEmbeddingContext } from 'node-llama-cpp';
import type { EmbeddingRequest } from '../../../spec/index.js';
import { openLlamaRuntime } from '../../runtime/index.js';
import type { LocalEmbeddingModel } from '../local-embedding-model.js';

/**
 * Starts llama.cpp for tests on one thread: the library's default thread count is a thousand times slower on
 * small machines. Starting it costs seconds, so a test file starts it once and loads every model on it.
 */
export async function openTestLlama(): Promise<Llama> {
  return (await openLlamaRuntime({ threads: 1, gpu: false })).llama;
}

/** Loads a GGUF with an embedding context whose size is also the model's `maxInputTokens`. */
export async function openTestEmbeddingModel(
  llama: Llama,
  modelPath: string,
  contextSize: number,
): Promise<LocalEmbeddingModel> {
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const context = await model.createEmbeddingContext({ contextSize, threads: 1 });
  return { name: 'test-embedder', model, context, maxInputTokens: contextSize };
}

export function embeddingRequest(
  input: string[] | number[][],
  options: Partial<Pick<EmbeddingRequest, 'dimensions'>> = {},
): EmbeddingRequest {
  return { model: 'test-embedder', input, encodingFormat: 'float', extra: {}, ...options };
}

/**
 * Counts the context's embedding calls, so tests can show that a refused request computed nothing.
 * `onCall` runs before each call is passed on.
 */
export function spyOnEmbeddingCalls(
  context: LlamaEmbeddingContext,
  onCall: (calls: number) => void = () => {},
): { readonly calls: number; restore(): void } {
  const original = context.getEmbeddingFor.bind(context);
  let calls = 0;
  context.getEmbeddingFor = (input) => {
    calls += 1;
    onCall(calls);
    return original(input);
  };
  return {
    get calls() {
      return calls;
    },
    // The spy is an own property shadowing the class method; removing it brings the method back.
    restore: () => void Reflect.deleteProperty(context, 'getEmbeddingFor'),
  };
}

export function euclideanNorm(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, component) => sum + component * component, 0));
}

export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  const dot = left.reduce((sum, component, index) => sum + component * (right[index] ?? 0), 0);
  return dot / (euclideanNorm(left) * euclideanNorm(right));
}
