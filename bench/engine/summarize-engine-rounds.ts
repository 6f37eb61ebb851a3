import { median } from '../measure/statistics.js';
import type { ServerTiming } from './engine-ipc.js';
import { aggregateTokensPerSecond, decodeTokensPerSecond, type ConcurrentRun } from './engine-workload.js';
import type { MeasuredRun } from './measure-side-run.js';

export type SideName = 'raw' | 'hangar';

export type MetricName =
  | 'ttftMs'
  | 'decodeTokensPerSecond'
  | 'aggregate1TokensPerSecond'
  | 'aggregate4TokensPerSecond'
  | 'aggregate8TokensPerSecond'
  | 'ttftAt8Ms'
  | 'decodeAt8TokensPerSecond'
  | 'cpuMsPer1000Tokens'
  /** The bench's own process: the HTTP client for Hangar, idle for the raw side. Not a headline figure. */
  | 'clientCpuMsPer1000Tokens';

/** Figures of one side in one round. */
export type SideRound = Record<MetricName, number>;

/** Hangar's time split by layer in one round, from its own timings and from requests without SSE. */
export interface HangarLayers {
  /** From the call's start (after auth) to the first token event, as Hangar's metering saw it. */
  gatewayTtftMs: number;
  /** From the cleared sequence to the first token, from the engine's usage timings. */
  engineTtftMs: number;
  /** (tokens − 1) ÷ the engine's `predicted_ms`. */
  engineDecodeTokensPerSecond: number;
  /** The one-stream run with `stream: false`. */
  unstreamed1TokensPerSecond: number;
  /** The 8-stream run with `stream: false`. */
  unstreamed8TokensPerSecond: number;
}

export interface MetricDefinition {
  label: string;
  unit: string;
  /** `ratio`: Hangar ÷ raw. `difference`: Hangar − raw. */
  comparison: 'ratio' | 'difference';
  better: 'higher' | 'lower';
}

export interface RoundRecord {
  /** Which side ran first. */
  order: SideName[];
  raw: SideRound;
  hangar: SideRound;
  hangarLayers: HangarLayers;
}

interface RoundMetric extends MetricDefinition {
  raw(round: RoundRecord): number;
  hangar(round: RoundRecord): number;
}

/** The same figure on both sides. */
function sameOnBoth(name: MetricName, definition: MetricDefinition): RoundMetric {
  return { ...definition, raw: (round) => round.raw[name], hangar: (round) => round.hangar[name] };
}

/** A Hangar layer against the raw figure it should match. */
function layerAgainst(layer: keyof HangarLayers, name: MetricName, definition: MetricDefinition): RoundMetric {
  return { ...definition, raw: (round) => round.raw[name], hangar: (round) => round.hangarLayers[layer] };
}

const TTFT: Pick<MetricDefinition, 'unit' | 'comparison' | 'better'> = {
  unit: 'ms',
  comparison: 'difference',
  better: 'lower',
};
const SPEED: Pick<MetricDefinition, 'unit' | 'comparison' | 'better'> = {
  unit: 'tok/s',
  comparison: 'ratio',
  better: 'higher',
};

/** The headline figures: a client of Hangar's HTTP endpoint against node-llama-cpp called directly. */
export const HEADLINE_METRICS: readonly RoundMetric[] = [
  sameOnBoth('ttftMs', { label: 'Time to first token, 1 stream (median)', ...TTFT }),
  sameOnBoth('decodeTokensPerSecond', { label: 'Decode speed, 1 stream (median)', ...SPEED }),
  sameOnBoth('aggregate1TokensPerSecond', { label: 'Aggregate throughput, 1 stream', ...SPEED }),
  sameOnBoth('aggregate4TokensPerSecond', { label: 'Aggregate throughput, 4 streams', ...SPEED }),
  sameOnBoth('aggregate8TokensPerSecond', { label: 'Aggregate throughput, 8 streams', ...SPEED }),
  sameOnBoth('ttftAt8Ms', { label: 'Time to first token, 8 streams (median)', ...TTFT }),
  sameOnBoth('decodeAt8TokensPerSecond', { label: 'Decode speed per stream, 8 streams (median)', ...SPEED }),
  sameOnBoth('cpuMsPer1000Tokens', {
    label: 'Server-process CPU per 1,000 tokens, all runs',
    unit: 'ms',
    comparison: 'ratio',
    better: 'lower',
  }),
];

/** Where Hangar's difference comes from: each layer against the raw figure. */
export const LAYER_METRICS: readonly RoundMetric[] = [
  layerAgainst('engineTtftMs', 'ttftMs', { label: 'TTFT inside the engine (usage timings), 1 stream', ...TTFT }),
  layerAgainst('gatewayTtftMs', 'ttftMs', { label: 'TTFT at Hangar’s HTTP layer (after auth), 1 stream', ...TTFT }),
  layerAgainst('engineDecodeTokensPerSecond', 'decodeTokensPerSecond', {
    label: 'Decode speed inside the engine (usage timings), 1 stream',
    ...SPEED,
  }),
  layerAgainst('unstreamed1TokensPerSecond', 'aggregate1TokensPerSecond', {
    label: 'Aggregate throughput with `stream: false`, 1 stream',
    ...SPEED,
  }),
  layerAgainst('unstreamed8TokensPerSecond', 'aggregate8TokensPerSecond', {
    label: 'Aggregate throughput with `stream: false`, 8 streams',
    ...SPEED,
  }),
];

/** The runs of one side in one round: one stream of sequential requests, then 4 and 8 concurrent streams. */
export interface SideRoundRuns {
  sequential: MeasuredRun;
  four: MeasuredRun;
  eight: MeasuredRun;
}

/** Hangar's extra runs in a round: its own timings of the streamed one-stream run, and runs without SSE. */
export interface HangarExtraRuns {
  sequentialTimings: ServerTiming[];
  unstreamedSequential: ConcurrentRun;
  unstreamedEight: ConcurrentRun;
}

function tokensOf(run: ConcurrentRun): number {
  return run.samples.reduce((sum, sample) => sum + sample.outputTokens, 0);
}

/** The sum over runs, or undefined when one of them could not be read. */
function totalOf(runs: readonly MeasuredRun[], pick: (run: MeasuredRun) => number | undefined): number | undefined {
  return runs.reduce<number | undefined>((sum, run) => {
    const value = pick(run);
    return sum === undefined || value === undefined ? undefined : sum + value;
  }, 0);
}

export function summarizeSideRound(runs: SideRoundRuns): SideRound {
  const all = [runs.sequential, runs.four, runs.eight];
  const tokens = all.reduce((sum, measured) => sum + tokensOf(measured.run), 0);
  const perThousandTokens = (ms: number | undefined): number =>
    ms === undefined || tokens === 0 ? Number.NaN : (ms * 1000) / tokens;
  return {
    ttftMs: median(runs.sequential.run.samples.map((sample) => sample.firstTokenMs)),
    decodeTokensPerSecond: median(runs.sequential.run.samples.map(decodeTokensPerSecond)),
    aggregate1TokensPerSecond: aggregateTokensPerSecond(runs.sequential.run),
    aggregate4TokensPerSecond: aggregateTokensPerSecond(runs.four.run),
    aggregate8TokensPerSecond: aggregateTokensPerSecond(runs.eight.run),
    ttftAt8Ms: median(runs.eight.run.samples.map((sample) => sample.firstTokenMs)),
    decodeAt8TokensPerSecond: median(runs.eight.run.samples.map(decodeTokensPerSecond)),
    cpuMsPer1000Tokens: perThousandTokens(totalOf(all, (run) => run.cpuMs)),
    clientCpuMsPer1000Tokens: perThousandTokens(totalOf(all, (run) => run.clientCpuMs)),
  };
}

function medianOf(timings: readonly ServerTiming[], pick: (timing: ServerTiming) => number | undefined): number {
  return median(timings.flatMap((timing) => pick(timing) ?? []));
}

export function summarizeHangarLayers(extra: HangarExtraRuns): HangarLayers {
  const streamed = extra.sequentialTimings.filter((timing) => timing.streamed);
  return {
    gatewayTtftMs: medianOf(streamed, (timing) => timing.gatewayFirstTokenMs),
    engineTtftMs: medianOf(streamed, (timing) => timing.engineFirstTokenMs),
    engineDecodeTokensPerSecond: medianOf(streamed, (timing) =>
      timing.enginePredictedMs === undefined ||
      timing.enginePredictedTokens === undefined ||
      timing.enginePredictedMs <= 0
        ? undefined
        : ((timing.enginePredictedTokens - 1) * 1000) / timing.enginePredictedMs,
    ),
    unstreamed1TokensPerSecond: aggregateTokensPerSecond(extra.unstreamedSequential),
    unstreamed8TokensPerSecond: aggregateTokensPerSecond(extra.unstreamedEight),
  };
}

export interface MetricComparison {
  metric: MetricDefinition;
  rawMedian: number;
  hangarMedian: number;
  /** Ratio or difference computed within each round (the two sides ran back to back), in round order. */
  perRound: number[];
  /** The median of `perRound`: the headline figure. */
  median: number;
  min: number;
  max: number;
}

/** Per-round ratios (or differences) first, then their median: drift on a shared machine hits both sides of a round. */
export function compareRounds(metrics: readonly RoundMetric[], rounds: readonly RoundRecord[]): MetricComparison[] {
  return metrics.map((metric) => {
    const perRound = rounds.map((round) =>
      metric.comparison === 'ratio'
        ? metric.hangar(round) / metric.raw(round)
        : metric.hangar(round) - metric.raw(round),
    );
    const finite = perRound.filter(Number.isFinite);
    const { label, unit, comparison, better } = metric;
    return {
      metric: { label, unit, comparison, better },
      rawMedian: median(rounds.map((round) => metric.raw(round))),
      hangarMedian: median(rounds.map((round) => metric.hangar(round))),
      perRound,
      median: median(finite),
      min: finite.length === 0 ? Number.NaN : Math.min(...finite),
      max: finite.length === 0 ? Number.NaN : Math.max(...finite),
    };
  });
}
