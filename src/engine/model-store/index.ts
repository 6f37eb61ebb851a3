export { DEFAULT_CHAT_MODEL, type DefaultChatModel } from './default-chat-model.js';
export type { DownloadResult, RequestFunction } from './download-file.js';
export type { HuggingFaceFile } from './list-hugging-face-files.js';
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
export {
  createPullTracker,
  type ModelPull,
  type PullProgress,
  type PullRequest,
  type PullStatus,
  type PullTracker,
  type PullTrackerOptions,
} from './pull-tracker.js';
export {
  DEFAULT_HUGGING_FACE_URL,
  parseModelSource,
  type HuggingFaceRepositorySource,
  type ModelFileSource,
  type ModelSource,
} from './parse-model-source.js';
export { resolveQuantisation, type ResolvedModelFile } from './resolve-quantisation.js';
export { selectQuantisationFile } from './select-quantisation-file.js';
