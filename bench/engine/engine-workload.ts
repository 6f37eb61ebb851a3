/**
 * What both sides generate: the same prompt, model settings and sampling, so the only difference left between
 * "raw node-llama-cpp" and "through Hangar" is Hangar itself (HTTP, routing, the event pipeline, SSE).
 */
export interface EngineWorkload {
  /** The one user message. */
  prompt: string;
  maxTokens: number;
  /** Tokens per sequence (Hangar's `context_size`). */
  contextSize: number;
  /** Sequences in the one context (Hangar's `parallel`): 8, so the 1/4/8-stream runs need no reload. */
  sequences: number;
  /** llama.cpp math threads on both sides. */
  threads: number;
  /** Greedy, so both sides produce the same text and the same token count. */
  temperature: number;
  seed: number;
}

export const ENGINE_WORKLOAD: EngineWorkload = {
  // stories260K answers this with a story that runs past 128 tokens without an end-of-text token; a stop
  // before max_tokens is still measured right, since both sides count the tokens actually generated.
  prompt: 'Tell me a story about a little dog.',
  maxTokens: 128,
  contextSize: 2048,
  sequences: 8,
  threads: 1,
  temperature: 0,
  seed: 42,
};

/**
 * Hangar's sampling defaults for what an OpenAI request leaves out (src/engine/chat/local-sampling-defaults.ts,
 * llama-server's values); the raw side passes them explicitly. With temperature 0 they do not change the text,
 * but they are part of the sampler chain llama.cpp runs per token, so both sides run the same chain.
 */
export const HANGAR_SAMPLING_DEFAULTS = { topP: 0.95, topK: 40, minP: 0.05 } as const;

/** One generation as either side saw it. Times are from the moment the request was issued. */
export interface GenerationSample {
  /** Time to the first non-empty piece of text. */
  firstTokenMs: number;
  /** Time to the last non-empty piece of text. */
  lastTokenMs: number;
  totalMs: number;
  /** Tokens generated (node-llama-cpp's token meter; Hangar's `usage.completion_tokens`). */
  outputTokens: number;
  /** Pieces of text received (callbacks on the raw side, SSE content chunks through Hangar). */
  chunks: number;
  /** How generation ended: `maxTokens`/`length` when it ran to max_tokens. */
  stopReason: string;
  /** The first characters of the text, to check both sides generate the same. */
  textStart: string;
}

/** Several generations started together (one per concurrent stream), each stream running its requests in turn. */
export interface ConcurrentRun {
  concurrency: number;
  samples: GenerationSample[];
  /** From the first request issued to the last one finished. */
  wallMs: number;
}

/**
 * Decode speed of one generation: the tokens after the first over the time between the first and the last
 * piece of text. The first token belongs to the time to first token (prompt evaluation), so it is left out
 * here; NaN when there is nothing to divide.
 */
export function decodeTokensPerSecond(sample: GenerationSample): number {
  const spanMs = sample.lastTokenMs - sample.firstTokenMs;
  if (sample.outputTokens < 2 || spanMs <= 0) return Number.NaN;
  return ((sample.outputTokens - 1) * 1000) / spanMs;
}

/** Aggregate throughput of a concurrent run: every token generated over the wall time. */
export function aggregateTokensPerSecond(run: ConcurrentRun): number {
  const tokens = run.samples.reduce((sum, sample) => sum + sample.outputTokens, 0);
  return run.wallMs > 0 ? (tokens * 1000) / run.wallMs : Number.NaN;
}

/**
 * Runs `concurrency` streams at once, each issuing `requestsPerStream` requests one after the other, the
 * way N clients of a chat service would; `generate` receives the stream's index (its sequence on the raw side).
 */
export async function runConcurrent(
  concurrency: number,
  requestsPerStream: number,
  generate: (stream: number) => Promise<GenerationSample>,
): Promise<ConcurrentRun> {
  const startedAt = performance.now();
  const perStream = await Promise.all(
    Array.from({ length: concurrency }, async (_, stream) => {
      const samples: GenerationSample[] = [];
      for (let index = 0; index < requestsPerStream; index += 1) samples.push(await generate(stream));
      return samples;
    }),
  );
  return { concurrency, samples: perStream.flat(), wallMs: performance.now() - startedAt };
}
