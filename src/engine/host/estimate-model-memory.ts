import type { LlamaRuntime } from '../runtime/index.js';

export interface MemoryEstimate {
  /** Weights (memory-mapped, but resident once used). */
  modelBytes: number;
  /** KV cache and compute buffers of the chat context: every slot's context, all at once. */
  contextBytes: number;
  totalBytes: number;
}

/**
 * What loading a model will take, from its GGUF header alone (tens of milliseconds, no weights read), so
 * the host can make room, or refuse, before it commits memory. RAM and VRAM are added up: the budget is
 * one number an operator can reason about.
 */
export async function estimateModelMemory(
  runtime: LlamaRuntime,
  path: string,
  shape: { contextSize: number; parallel: number },
): Promise<MemoryEstimate> {
  const info = await runtime.lib.readGgufFileInfo(path);
  const insights = await runtime.lib.GgufInsights.from(info, runtime.llama);
  const gpuLayers = runtime.gpu === false ? 0 : insights.totalLayers;
  const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers });
  const context = await insights.estimateContextResourceRequirementsV2({
    contextSize: shape.contextSize,
    modelGpuLayers: gpuLayers,
    sequences: shape.parallel,
  });
  const modelBytes = model.cpuRam + model.gpuVram;
  const contextBytes = context.cpuRam + context.gpuVram;
  return { modelBytes, contextBytes, totalBytes: modelBytes + contextBytes };
}
