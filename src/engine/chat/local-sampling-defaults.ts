/**
 * What a local model samples with when the request leaves a setting out. These are llama.cpp server's
 * defaults (tools/server/README.md in llama.cpp), not OpenAI's (temperature 1, no top-k, no min-p): people
 * moving from llama-server or Ollama to Hangar should get the same answers, and for small open models these
 * values are the tested ones.
 */
export const LOCAL_SAMPLING_DEFAULTS = {
  temperature: 0.8,
  topP: 0.95,
  topK: 40,
  minP: 0.05,
  /** 1 disables the multiplicative repeat penalty, as llama-server's default `repeat_penalty` does. */
  repeatPenalty: 1,
  /** llama-server's `repeat_last_n`: how many recent tokens the penalties look back on. */
  penaltyLastTokens: 64,
} as const;

/** OpenAI's limit on `stop`, kept for local models so the same request works on both. */
export const MAX_STOP_SEQUENCES = 4;
