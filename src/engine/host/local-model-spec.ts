/** A model the host may load: where its GGUF is and how to serve it. */
export interface LocalModelSpec {
  name: string;
  /** Absolute path of the GGUF file. */
  path: string;
  /** Tokens each slot can hold, prompt and answer together. Stated, never guessed from free memory. */
  contextSize: number;
  /** Parallel sequences (slots) one loaded copy serves at once. */
  parallel: number;
  /** Requests that may wait for a slot before new ones get a 429. */
  maxQueue: number;
  /** How long the model stays loaded after its last request: 0 unloads at once, a negative value never. */
  keepAliveMs: number;
}

/** Settings applied to models that do not state their own. */
export type LocalModelDefaults = Omit<LocalModelSpec, 'name' | 'path'>;
