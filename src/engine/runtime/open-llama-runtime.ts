import type { Llama } from 'node-llama-cpp';
import { GatewayError } from '../../spec/index.js';
import { loadNodeLlamaCpp, type NodeLlamaCpp } from './load-node-llama-cpp.js';

/** Which accelerator to use: `auto` takes CUDA, Vulkan or Metal when present and falls back to the CPU. */
export type GpuPreference = 'auto' | false | 'cuda' | 'vulkan' | 'metal';

export interface LlamaRuntimeOptions {
  /** Math threads for every context. Always explicit: the library's default oversubscribes small machines. */
  threads: number;
  gpu: GpuPreference;
}

export interface LlamaRuntime {
  readonly llama: Llama;
  readonly lib: NodeLlamaCpp;
  readonly threads: number;
  /** The accelerator actually in use; `false` is the CPU. */
  readonly gpu: Llama['gpu'];
  close(): Promise<void>;
}

/** Loads llama.cpp's prebuilt binaries without ever building or downloading at run time. */
export async function openLlamaRuntime(options: LlamaRuntimeOptions): Promise<LlamaRuntime> {
  const lib = await loadNodeLlamaCpp();
  let llama: Llama;
  try {
    llama = await lib.getLlama({
      gpu: options.gpu,
      build: 'never',
      usePrebuiltBinaries: true,
      skipDownload: true,
      progressLogs: false,
      logLevel: lib.LlamaLogLevel.error,
      maxThreads: options.threads,
    });
  } catch (error) {
    // Typically a named accelerator (gpu: cuda) whose binaries or drivers this machine does not have.
    throw new GatewayError(
      'upstream_unavailable',
      `The local engine could not start llama.cpp with gpu: ${String(options.gpu)} ` +
        `(${error instanceof Error ? error.message : String(error)}). Set engine.gpu to auto or false.`,
      { cause: error },
    );
  }
  return {
    llama,
    lib,
    threads: options.threads,
    gpu: llama.gpu,
    close: () => llama.dispose(),
  };
}
