import type { RoundPercentiles } from '../measure/sequential-latency.js';
import { median } from '../measure/statistics.js';
import type { ThroughputResult } from '../measure/throughput.js';
import type { StreamRound } from '../measure/time-to-first-token.js';
import type { TargetName } from '../targets.js';
import type { MachineInfo } from './machine-info.js';
import type { ProfiledRun } from '../measure/profile-target.js';

/** Medians over rounds; "added" is the median of the per-round differences target − direct. */
export interface LatencySummary {
  p50: number;
  p99: number;
  addedP50: number;
  addedP99: number;
}

export interface TargetResults {
  name: TargetName;
  latency: LatencySummary;
  /** The same measurement with the gateway on its own core (cross-core hops included); undefined unpinned. */
  latencyAcrossCores: LatencySummary | undefined;
  firstToken: LatencySummary;
  streamTotalP50: number;
  throughput: ThroughputResult;
  rssIdleMib: number | undefined;
  rssAfterLoadMib: number | undefined;
}

export interface GoalResult {
  goal: string;
  measured: string;
  met: boolean;
  /** How far inside (met) or outside (missed) the goal, in words. */
  margin: string;
}

export interface BenchSettings {
  mode: 'full' | 'quick';
  pinning: string;
  latencyRounds: number;
  latencyRequestsPerRound: number;
  streamRounds: number;
  streamRequestsPerRound: number;
  streamChunks: number;
  chunkDelayMs: number;
  connections: number;
  throughputSeconds: number;
}

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  settings: BenchSettings;
  /** Share of the machine's CPU that other work used while the bench ran (noise indicator). */
  foreignCpuShare: number | undefined;
  targets: TargetResults[];
  goals: GoalResult[];
  notes: string[];
  /** Empty unless run with --profile. */
  profiles: ProfiledRun[];
}

/** Median of round p50s and p99s, and of the per-round differences against the same round's direct figures. */
export function summarizeRounds(
  rounds: readonly RoundPercentiles[],
  direct: readonly RoundPercentiles[],
): LatencySummary {
  const difference = (pick: (round: RoundPercentiles) => number) =>
    median(rounds.map((round, index) => pick(round) - pick(direct[index]!)));
  return {
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    addedP50: difference((round) => round.p50),
    addedP99: difference((round) => round.p99),
  };
}

export function firstTokenRounds(rounds: readonly StreamRound[]): RoundPercentiles[] {
  return rounds.map((round) => round.firstToken);
}
