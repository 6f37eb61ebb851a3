import { safeParseJson } from '../../src/kit/index.js';
import type { ConcurrentRun } from './engine-workload.js';

/** Loading the model on a running llama.cpp, in ms. */
export interface RawModelLoadTimes {
  loadModelMs: number;
  createContextMs: number;
  /** `resolveChatWrapper`: node-llama-cpp renders a Jinja template against every wrapper it knows. */
  chatWrapperMs: number;
}

/** What the raw child measured while loading the first time; every figure in ms unless named otherwise. */
export interface RawLoadTimes extends RawModelLoadTimes {
  /** `import('node-llama-cpp')`. */
  importMs: number;
  /** `getLlama(...)`: the native binding and backends. */
  getLlamaMs: number;
  chatWrapperName: string;
  contextSize: number;
  rssBeforeMib: number | undefined;
}

/**
 * One request as Hangar itself timed it: at its HTTP layer (from the call's start, after auth, to the first
 * token event) and inside the engine (usage.raw.timings, from the cleared sequence to the first token).
 */
export interface ServerTiming {
  streamed: boolean;
  latencyMs: number;
  gatewayFirstTokenMs: number | undefined;
  engineFirstTokenMs: number | undefined;
  enginePredictedMs: number | undefined;
  enginePredictedTokens: number | undefined;
  queueMs: number | undefined;
}

/** A concurrent run the parent asks the raw child for. */
export interface RunRequest {
  concurrency: number;
  requestsPerStream: number;
}

function parseObject(text: string | undefined, what: string): Record<string, unknown> {
  const parsed = safeParseJson(text ?? '');
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new Error(`expected ${what} as a JSON object, got ${String(text).slice(0, 200)}`);
  }
  return parsed.value;
}

export function parseRunRequest(text: string | undefined): RunRequest {
  const value = parseObject(text, 'a run request');
  const { concurrency, requestsPerStream } = value;
  if (typeof concurrency !== 'number' || typeof requestsPerStream !== 'number') {
    throw new Error('a run request needs concurrency and requestsPerStream');
  }
  return { concurrency, requestsPerStream };
}

/** The child's answers are produced by this bench's own code; the shape is trusted once it is an object. */
export function parseConcurrentRun(text: string | undefined): ConcurrentRun {
  return parseObject(text, 'a concurrent run') as unknown as ConcurrentRun;
}

export function parseRawLoadTimes(text: string | undefined): RawLoadTimes {
  return parseObject(text, 'load times') as unknown as RawLoadTimes;
}

export function parseRawModelLoadTimes(text: string | undefined): RawModelLoadTimes {
  return parseObject(text, 'model load times') as unknown as RawModelLoadTimes;
}

export function parseServerTimings(text: string | undefined): ServerTiming[] {
  const parsed = safeParseJson(text ?? '');
  if (!parsed.ok || !Array.isArray(parsed.value)) throw new Error('expected a JSON array of server timings');
  return parsed.value as unknown as ServerTiming[];
}
