import type { SloExclusionCounts, SloMinuteRow } from '../../store/index.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { ExclusionReason, ServiceLevelOutcome } from './service-level-outcome.js';

const EXCLUSION_FIELDS: Record<ExclusionReason, keyof SloExclusionCounts> = {
  client_error: 'clientError',
  quota: 'quota',
  budget: 'budget',
  content_filter: 'contentFilter',
  client_abort: 'clientAbort',
};

export function noExclusions(): SloExclusionCounts {
  return { clientError: 0, quota: 0, budget: 0, contentFilter: 0, clientAbort: 0 };
}

/**
 * What the service level counts over a span of time (one deployment's minute in memory, or a window merged from
 * rollups): eligible and successful requests, exclusions by reason, latency and time-to-first-token histograms of
 * the successful requests, and the generated tokens with the time spent generating them.
 */
export class SloCounter {
  eligible = 0;
  succeeded = 0;
  readonly excluded = noExclusions();
  readonly latency = new LatencyHistogram();
  readonly timeToFirstToken = new LatencyHistogram();
  outputTokens = 0;
  /** Streams: from the first token to the end; other requests: the whole latency. */
  generationMs = 0;

  add(outcome: ServiceLevelOutcome): void {
    switch (outcome.kind) {
      case 'excluded':
        this.excluded[EXCLUSION_FIELDS[outcome.reason]] += 1;
        return;
      case 'failed':
        this.eligible += 1;
        return;
      case 'succeeded': {
        this.eligible += 1;
        this.succeeded += 1;
        this.latency.recordMs(outcome.latencyMs);
        if (outcome.timeToFirstTokenMs !== undefined) this.timeToFirstToken.recordMs(outcome.timeToFirstTokenMs);
        if (outcome.outputTokens > 0) {
          this.outputTokens += outcome.outputTokens;
          this.generationMs += Math.max(0, outcome.latencyMs - (outcome.timeToFirstTokenMs ?? 0));
        }
        return;
      }
    }
  }

  merge(other: SloCounter): void {
    this.eligible += other.eligible;
    this.succeeded += other.succeeded;
    this.addExclusions(other.excluded);
    this.latency.merge(other.latency);
    this.timeToFirstToken.merge(other.timeToFirstToken);
    this.outputTokens += other.outputTokens;
    this.generationMs += other.generationMs;
  }

  mergeRow(row: SloMinuteRow): void {
    this.eligible += row.eligible;
    this.succeeded += row.succeeded;
    this.addExclusions(row.excluded);
    this.latency.mergeJson(row.latencyHistogram);
    this.timeToFirstToken.mergeJson(row.timeToFirstTokenHistogram);
    this.outputTokens += row.outputTokens;
    this.generationMs += row.generationMs;
  }

  private addExclusions(excluded: SloExclusionCounts): void {
    for (const field of Object.values(EXCLUSION_FIELDS)) this.excluded[field] += excluded[field];
  }
}
