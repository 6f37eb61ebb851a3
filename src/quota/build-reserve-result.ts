import { TOKEN_WINDOW_MS, costOf, type QuotaCounter, type QuotaPlan } from './plan-quota-counters.js';
import type { QuotaReserveResult } from './quota-limiter.js';

export interface ReserveOutcome {
  key: string;
  plan: QuotaPlan;
  cost: { tokens: number; requests: number };
  /** Per counter of the plan, its count in the current window: after the charge when admitted, else as found. */
  counts: readonly number[];
  admitted: boolean;
  /** The clock reading the store decided with (the Redis server's, or the injected one). */
  nowMs: number;
}

function msUntilWindowEnds(counter: QuotaCounter, nowMs: number): number {
  return (Math.floor(nowMs / counter.windowMs) + 1) * counter.windowMs - nowMs;
}

/**
 * Turns what a store decided into the result both limiters return, so the two cannot differ in anything but
 * the decision itself (which the shared test suite checks).
 */
export function buildReserveResult(outcome: ReserveOutcome): QuotaReserveResult {
  const { plan, cost, counts, nowMs } = outcome;
  const remaining = { requests: 0, tokens: 0 };
  let resetRequestsMs = 0;
  let resetTokensMs = 0;
  plan.counters.forEach((counter, index) => {
    if (!counter.reported) return;
    const room = Math.max(0, counter.limit - (counts[index] ?? 0));
    const resetMs = msUntilWindowEnds(counter, nowMs);
    if (counter.kind === 'tokens') {
      remaining.tokens = room;
      resetTokensMs = resetMs;
    } else {
      remaining.requests = room;
      resetRequestsMs = resetMs;
    }
  });
  const state = { remaining, resetRequestsMs, resetTokensMs, limits: plan.limits };
  if (outcome.admitted) {
    return {
      admitted: true,
      reservation: {
        key: outcome.key,
        estimatedTokens: cost.tokens,
        tokenWindow: Math.floor(nowMs / TOKEN_WINDOW_MS),
      },
      ...state,
    };
  }

  let neverFits: QuotaCounter | undefined;
  let longestWait: { counter: QuotaCounter; waitMs: number } | undefined;
  plan.counters.forEach((counter, index) => {
    const charge = costOf(counter, cost);
    if (charge > counter.limit) {
      neverFits ??= counter;
    } else if ((counts[index] ?? 0) + charge > counter.limit) {
      // The client has to wait for every full window, so the latest end is the one to report.
      const waitMs = msUntilWindowEnds(counter, nowMs);
      if (longestWait === undefined || waitMs > longestWait.waitMs) longestWait = { counter, waitMs };
    }
  });
  const requested = { tokens: cost.tokens, requests: cost.requests };
  if (neverFits !== undefined) {
    return {
      admitted: false,
      reason: 'never_fits',
      limit: neverFits.kind,
      windowMs: neverFits.windowMs,
      windowLimit: neverFits.limit,
      requested,
      ...state,
    };
  }
  if (longestWait !== undefined) {
    return {
      admitted: false,
      reason: 'window_full',
      limit: longestWait.counter.kind,
      retryAfterMs: longestWait.waitMs,
      windowMs: longestWait.counter.windowMs,
      windowLimit: longestWait.counter.limit,
      requested,
      ...state,
    };
  }
  throw new Error(`The quota store refused key ${outcome.key} although every counter it returned has room.`);
}
