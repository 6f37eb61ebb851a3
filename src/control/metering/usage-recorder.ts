import type { UsageEvent } from './usage-event.js';

/** Where finished requests are reported. The request path only appends; persistence happens off it. */
export interface UsageRecorder {
  record(event: UsageEvent): void;
}

export interface UsageTotals {
  requests: number;
  input: number;
  cachedInput: number;
  cacheWriteInput: number;
  output: number;
  reasoning: number;
}

/**
 * Keeps running totals per deployment in memory, so every request is counted without touching the
 * database. The persistent, batched ledger replaces this sink when metering lands; the shape of
 * `record` stays.
 */
export class InMemoryUsageRecorder implements UsageRecorder {
  readonly #totals = new Map<string, UsageTotals>();
  readonly #listeners: ((event: UsageEvent) => void)[] = [];

  record(event: UsageEvent): void {
    let totals = this.#totals.get(event.deploymentId);
    if (totals === undefined) {
      totals = { requests: 0, input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 };
      this.#totals.set(event.deploymentId, totals);
    }
    totals.requests += 1;
    totals.input += event.usage.input;
    totals.cachedInput += event.usage.cachedInput;
    totals.cacheWriteInput += event.usage.cacheWriteInput;
    totals.output += event.usage.output;
    totals.reasoning += event.usage.reasoning;
    for (const listener of this.#listeners) listener(event);
  }

  totalsFor(deploymentId: string): UsageTotals | undefined {
    const totals = this.#totals.get(deploymentId);
    return totals === undefined ? undefined : { ...totals };
  }

  /** Tests and the admin API observe events as they are recorded. */
  onRecord(listener: (event: UsageEvent) => void): void {
    this.#listeners.push(listener);
  }
}
