export type { DownloadResult, RequestFunction } from './download-file.js';
export type { ModelInfo, ModelManifest } from './model-manifest.js';
export { MODEL_NAME_PATTERN } from './model-name.js';
export { ModelStoreError, type ModelStoreErrorCode } from './model-store-error.js';
export {
  openModelStore,
  type AddModelOptions,
  type ModelStore,
  type ModelStoreOptions,
  type PullModelOptions,
  type PullResult,
  type StoredModel,
} from './open-model-store.js';
export { DEFAULT_HUGGING_FACE_URL, parseModelSource, type ModelSource } from './parse-model-source.js';
