export { embedLocally } from './embed-locally.js';
export { l2Normalise } from './l2-normalise.js';
export type { LocalEmbeddingModel } from './local-embedding-model.js';
