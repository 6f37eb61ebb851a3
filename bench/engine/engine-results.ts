import type { MachineInfo } from '../report/machine-info.js';
import type { ProfileSummary } from '../report/summarize-profile.js';
import type { EngineBenchOptions } from './engine-bench-options.js';
import type { RawLoadTimes } from './engine-ipc.js';
import type { EngineWorkload, GenerationSample } from './engine-workload.js';
import type { MetricComparison, RoundRecord, SideName } from './summarize-engine-rounds.js';

/** Loading the model, per side. Hangar loads on its first request, so its load shows as cold − warm. */
export interface LoadFigures {
  raw: RawLoadTimes & { coldRequest: GenerationSample; warmRequest: GenerationSample };
  hangar: {
    coldRequest: GenerationSample;
    warmRequest: GenerationSample;
    /** `load_duration_ms` from GET /admin/engine/loaded: the model load as Hangar times it. */
    loadDurationMs: number | undefined;
    /** `memory_bytes` from the same answer: Hangar's estimate of what the model holds. */
    memoryBytes: number | undefined;
  };
}

/** One unload and load of the model with llama.cpp already running. */
export interface ReloadSample {
  /**
   * Raw: `loadModel` + `createContext` + `resolveChatWrapper`, the steps a model load takes in Hangar.
   * Hangar: its `load_duration_ms`.
   */
  loadMs: number;
  /** Raw only: the `resolveChatWrapper` part of `loadMs` (matching a Jinja template takes a second or more). */
  chatWrapperMs?: number;
  /** Hangar only: the wall time of POST /admin/engine/loaded/:name. */
  requestMs?: number;
  /** Hangar only: the first chat request after the load minus a warm one: what the load left for later. */
  firstRequestExtraMs?: number;
}

export interface RssFigures {
  /** Right after the process started, before any model. */
  startedMib: number | undefined;
  /** After loading and a few requests, with nothing running. */
  idleLoadedMib: number | undefined;
  /** The highest value seen during the 8-stream runs. */
  peakAt8StreamsMib: number | undefined;
}

export interface SideConsistency {
  /** Fewest and most tokens one request generated. */
  outputTokens: { min: number; max: number };
  stopReasons: string[];
  /** Text pieces per generated token (1 when every token arrives as its own chunk or frame). */
  chunksPerToken: number;
  /** The start of the one-stream answer, to show both sides generated the same text. */
  textStart: string;
}

export interface ProfiledSide {
  side: SideName;
  summary: ProfileSummary;
  /** The raw `.cpuprofile`, outside the repository (open it in Chrome DevTools). */
  path: string;
}

export interface EngineBenchResults {
  startedAt: string;
  durationSeconds: number;
  options: EngineBenchOptions;
  machine: MachineInfo;
  nodeLlamaCppVersion: string;
  /** Share of the machine's CPU used by other work while the bench ran (0-1). */
  foreignCpuShare: number | undefined;
  model: { description: string; origin: 'shared' | 'generated'; bytes: number };
  workload: EngineWorkload;
  load: LoadFigures;
  /** Unload and load again with llama.cpp running, a few times per side (the first load also starts llama.cpp). */
  reloads: Record<SideName, ReloadSample[]>;
  rss: Record<SideName, RssFigures>;
  rounds: RoundRecord[];
  /** A client of Hangar's HTTP endpoint against node-llama-cpp called directly. */
  comparisons: MetricComparison[];
  /** Hangar's layers (engine timings, HTTP layer, requests without SSE) against the same raw figures. */
  layerComparisons: MetricComparison[];
  consistency: Record<SideName, SideConsistency>;
  profiles: ProfiledSide[];
  notes: string[];
}
