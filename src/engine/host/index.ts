export { chooseEvictions, type EvictionCandidate, type EvictionPlan } from './choose-evictions.js';
export { estimateModelMemory, type MemoryEstimate } from './estimate-model-memory.js';
export type { LoadedModel } from './loaded-model.js';
export type { LocalModelDefaults, LocalModelSpec } from './local-model-spec.js';
export {
  createModelHost,
  type EmbeddingLease,
  type LoadedModelView,
  type ModelHandle,
  type ModelHost,
  type ModelHostOptions,
  type SequenceLease,
} from './model-host.js';
export { parseKeepAlive } from './parse-keep-alive.js';
