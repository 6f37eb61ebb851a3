import type { ChatWrapper, LlamaModel } from 'node-llama-cpp';
import type { LlamaRuntime } from '../runtime/index.js';

/** A loaded model as the chat engine needs it. */
export interface LocalChatModel {
  /** Reported to clients as the upstream model. */
  name: string;
  runtime: LlamaRuntime;
  model: LlamaModel;
  chatWrapper: ChatWrapper;
  /** Tokens per slot: the prompt and the answer of one request must fit in it together. */
  contextSize: number;
}
