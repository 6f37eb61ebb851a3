export { loadNodeLlamaCpp, type NodeLlamaCpp } from './load-node-llama-cpp.js';
export {
  openLlamaRuntime,
  type GpuPreference,
  type LlamaRuntime,
  type LlamaRuntimeOptions,
} from './open-llama-runtime.js';
export { physicalCores } from './physical-cores.js';
