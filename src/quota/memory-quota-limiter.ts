import { buildReserveResult } from './build-reserve-result.js';
import { InFlightCalls } from './in-flight-calls.js';
import {
  TOKEN_FIELD,
  TOKEN_WINDOW_MS,
  costOf,
  planQuotaCounters,
  resolveActualTokens,
  resolveQuotaCost,
} from './plan-quota-counters.js';
import type {
  QuotaCost,
  QuotaLimiter,
  QuotaLimits,
  QuotaReservation,
  QuotaReserveResult,
  QuotaSettlement,
} from './quota-limiter.js';

export interface MemoryQuotaLimiterOptions {
  /** Milliseconds since the epoch; `Date.now` unless a test drives time. */
  now?: () => number;
}

/** A counter's current window and its count; a different window number means the count is stale (zero). */
interface WindowCount {
  window: number;
  count: number;
}

/**
 * The in-process limiter, for a single replica. Each reserve is one synchronous step, so concurrent callers
 * cannot interleave between the check and the charge. Memory is one small record per counter of every key ever
 * seen — keys are deployment ids, a bounded set — and stale windows are overwritten in place, never swept.
 */
export function createMemoryQuotaLimiter(options: MemoryQuotaLimiterOptions = {}): QuotaLimiter {
  const now = options.now ?? Date.now;
  const countersByKey = new Map<string, Map<string, WindowCount>>();
  const settled = new WeakSet<QuotaReservation>();
  const calls = new InFlightCalls();

  function reserveNow(key: string, cost: QuotaCost, limits: QuotaLimits): QuotaReserveResult {
    const plan = planQuotaCounters(limits);
    const charge = resolveQuotaCost(cost);
    const nowMs = Math.floor(now());
    const stored = countersByKey.get(key);
    const windows: number[] = [];
    const counts: number[] = [];
    let admitted = true;
    for (const counter of plan.counters) {
      const window = Math.floor(nowMs / counter.windowMs);
      const entry = stored?.get(counter.field);
      const count = entry !== undefined && entry.window === window ? entry.count : 0;
      windows.push(window);
      counts.push(count);
      if (count + costOf(counter, charge) > counter.limit) admitted = false;
    }
    if (admitted) {
      const counters = stored ?? new Map<string, WindowCount>();
      if (stored === undefined) countersByKey.set(key, counters);
      plan.counters.forEach((counter, index) => {
        const count = (counts[index] ?? 0) + costOf(counter, charge);
        counts[index] = count;
        const window = windows[index] ?? 0;
        const entry = counters.get(counter.field);
        if (entry === undefined) counters.set(counter.field, { window, count });
        else {
          entry.window = window;
          entry.count = count;
        }
      });
    }
    return buildReserveResult({ key, plan, cost: charge, counts, admitted, nowMs });
  }

  function settleNow(reservation: QuotaReservation, actualTokens: number): QuotaSettlement {
    const actual = resolveActualTokens(actualTokens);
    if (settled.has(reservation)) return { outcome: 'already_settled', correctionTokens: 0 };
    settled.add(reservation);
    const entry = countersByKey.get(reservation.key)?.get(TOKEN_FIELD);
    const currentWindow = Math.floor(Math.floor(now()) / TOKEN_WINDOW_MS);
    // A later window may already be stored, or the clock may have moved on without a reserve since.
    if (entry === undefined || entry.window !== reservation.tokenWindow || currentWindow !== reservation.tokenWindow) {
      return { outcome: 'window_over', correctionTokens: 0 };
    }
    const correctionTokens = actual - reservation.estimatedTokens;
    entry.count = Math.max(0, entry.count + correctionTokens);
    return { outcome: 'corrected', correctionTokens };
  }

  return {
    reserve: (key, cost, limits) => calls.run(() => Promise.resolve(reserveNow(key, cost, limits))),
    settle: (reservation, actualTokens) => calls.run(() => Promise.resolve(settleNow(reservation, actualTokens))),
    close: () => calls.close(),
  };
}
