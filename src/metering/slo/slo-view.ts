import type { SloExclusionCounts } from '../../store/index.js';
import type { SloCounter } from './slo-counter.js';
import type { LatencyHistogram } from './latency-histogram.js';

export const SLO_WINDOWS = { '1h': 60, '24h': 24 * 60, '30d': 30 * 24 * 60 } as const;
export type SloWindow = keyof typeof SLO_WINDOWS;
export const SLO_PERCENTILES = [50, 90, 95, 99] as const;
/** Each window's trend is drawn in steps that give it 12 to 30 points: 5 minutes, an hour, a day. */
export const SLO_SERIES_STEP_MINUTES: Record<SloWindow, number> = { '1h': 5, '24h': 60, '30d': 24 * 60 };

export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

/** A deployment's service level over a window. */
export interface SloView {
  window: SloWindow;
  /** Unix ms: the start of the window's first minute, and now. */
  from: number;
  to: number;
  eligible: number;
  succeeded: number;
  failed: number;
  /** succeeded / eligible × 100; null when no request was eligible. */
  availabilityPercent: number | null;
  excluded: SloExclusionCounts;
  latencyMs: Percentiles;
  timeToFirstTokenMs: Percentiles;
  /** Generated tokens per second of generation, over the successful chat requests; null without any. */
  outputTokensPerSecond: number | null;
  /**
   * The window in steps of SLO_SERIES_STEP_MINUTES on the UTC grid, oldest first, each with its own counts and
   * percentiles; the first and last steps may be partial.
   */
  series: SloPoint[];
}

/** One step of a window's trend. */
export interface SloPoint {
  /** Unix ms: the step's start on the UTC grid (the first step may begin before the window does). */
  from: number;
  eligible: number;
  succeeded: number;
  availabilityPercent: number | null;
  latencyMs: Percentiles;
  timeToFirstTokenMs: Percentiles;
}

export function percentiles(histogram: LatencyHistogram): Percentiles {
  const [p50, p90, p95, p99] = SLO_PERCENTILES.map((percent) => roundTo(histogram.percentileMs(percent), 3));
  return { p50: p50 ?? null, p90: p90 ?? null, p95: p95 ?? null, p99: p99 ?? null };
}

export function toSloView(
  window: SloWindow,
  from: number,
  to: number,
  counter: SloCounter,
  steps: readonly { from: number; counter: SloCounter }[],
): SloView {
  return {
    window,
    from,
    to,
    eligible: counter.eligible,
    succeeded: counter.succeeded,
    failed: counter.eligible - counter.succeeded,
    availabilityPercent: availability(counter),
    excluded: { ...counter.excluded },
    latencyMs: percentiles(counter.latency),
    timeToFirstTokenMs: percentiles(counter.timeToFirstToken),
    outputTokensPerSecond:
      counter.generationMs > 0 ? roundTo(counter.outputTokens / (counter.generationMs / 1000), 2) : null,
    series: steps.map(({ from: stepFrom, counter: step }) => ({
      from: stepFrom,
      eligible: step.eligible,
      succeeded: step.succeeded,
      availabilityPercent: availability(step),
      latencyMs: percentiles(step.latency),
      timeToFirstTokenMs: percentiles(step.timeToFirstToken),
    })),
  };
}

function availability(counter: SloCounter): number | null {
  return counter.eligible === 0 ? null : roundTo((counter.succeeded / counter.eligible) * 100, 4);
}

function roundTo(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
