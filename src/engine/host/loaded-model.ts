import type {
  ChatWrapper,
  LlamaContext,
  LlamaContextSequence,
  LlamaEmbeddingContext,
  LlamaModel,
} from 'node-llama-cpp';
import { chatWrapperFor } from '../chat/index.js';
import type { LlamaRuntime } from '../runtime/index.js';
import { createSlotScheduler, type SlotScheduler } from '../scheduler/index.js';
import type { MemoryEstimate } from './estimate-model-memory.js';
import type { LocalModelSpec } from './local-model-spec.js';

/** One model in memory: its weights, a chat context with one sequence per slot, and the slot queue. */
export interface LoadedModel {
  readonly spec: LocalModelSpec;
  readonly runtime: LlamaRuntime;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  /** Sequence i belongs to slot i; a lease of slot i runs on it and nothing else does meanwhile. */
  readonly sequences: readonly LlamaContextSequence[];
  readonly scheduler: SlotScheduler;
  /**
   * The model's own chat template (or the fallback), resolved while loading: matching a Jinja template
   * against the known wrappers takes a second or two, which belongs to the load, not to the first request.
   */
  readonly chatWrapper: ChatWrapper;
  readonly chatWrapperName: string;
  readonly estimate: MemoryEstimate;
  readonly loadedAt: number;
  readonly loadDurationMs: number;
  /** Created on the first embeddings request and counted in the budget from then on. */
  embedding: { context: LlamaEmbeddingContext; scheduler: SlotScheduler; bytes: number } | undefined;
}

export async function loadModel(
  runtime: LlamaRuntime,
  spec: LocalModelSpec,
  estimate: MemoryEstimate,
  now: () => number,
): Promise<LoadedModel> {
  const started = performance.now();
  const model = await runtime.llama.loadModel({
    modelPath: spec.path,
    gpuLayers: runtime.gpu === false ? 0 : 'auto',
  });
  try {
    const context = await model.createContext({
      contextSize: spec.contextSize,
      sequences: spec.parallel,
      threads: runtime.threads,
    });
    const sequences = Array.from({ length: spec.parallel }, () => context.getSequence());
    const chatWrapper = chatWrapperFor(runtime.lib, model);
    return {
      chatWrapper: chatWrapper.wrapper,
      chatWrapperName: chatWrapper.name,
      spec,
      runtime,
      model,
      context,
      sequences,
      scheduler: createSlotScheduler({ slots: spec.parallel, maxQueue: spec.maxQueue }),
      estimate,
      loadedAt: now(),
      loadDurationMs: performance.now() - started,
      embedding: undefined,
    };
  } catch (error) {
    await model.dispose();
    throw error;
  }
}

export async function unloadModel(loaded: LoadedModel): Promise<void> {
  await loaded.embedding?.context.dispose();
  await loaded.context.dispose();
  await loaded.model.dispose();
}

/** Bytes the model holds now, embedding context included. */
export function heldBytes(loaded: LoadedModel): number {
  return loaded.estimate.totalBytes + (loaded.embedding?.bytes ?? 0);
}
