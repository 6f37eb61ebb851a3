import type { LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';

export interface LocalEmbeddingModel {
  name: string;
  model: LlamaModel;
  context: LlamaEmbeddingContext;
  /**
   * Tokens one input may have: the embedding context's size. Counted as the context evaluates them, special
   * tokens (BOS, or BERT's [CLS] and [SEP]) included. node-llama-cpp refuses an input that fills the context
   * completely, so an input may in fact evaluate at most `maxInputTokens - 1` tokens; that is the limit
   * clients are told.
   */
  maxInputTokens: number;
}
