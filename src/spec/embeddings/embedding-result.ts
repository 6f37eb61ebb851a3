import type { Usage } from '../usage/usage.js';

export interface EmbeddingResult {
  id?: string;
  upstreamModel: string;
  /** One vector per input, in input order. */
  embeddings: number[][];
  usage: Usage;
}
