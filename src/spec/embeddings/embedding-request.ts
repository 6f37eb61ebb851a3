import type { JsonValue } from '../json.js';

export interface EmbeddingRequest {
  model: string;
  /** Texts, or pre-tokenised inputs (OpenAI accepts arrays of token ids). */
  input: string[] | number[][];
  /** What the client asked to receive; providers are always asked for floats. */
  encodingFormat: 'float' | 'base64';
  dimensions?: number;
  /** Azure AI Inference `input_type`: text | query | document. */
  inputType?: string;
  user?: string;
  extra: Record<string, JsonValue>;
}
