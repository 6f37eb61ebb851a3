import type { Redis } from 'ioredis';
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
import type { QuotaLimiter, QuotaReservation, QuotaSettlement } from './quota-limiter.js';
import { RESERVE_SCRIPT, SETTLE_SCRIPT } from './redis-quota-scripts.js';

export interface RedisQuotaLimiterOptions {
  /** A connection the caller owns (Redis ≥ 5); `close()` leaves it open. */
  redis: Redis;
  /** Prepended to every key, e.g. `hangar:quota:`; one hash per key is stored under it. */
  prefix: string;
  /**
   * Milliseconds since the epoch, for tests and benchmarks that drive time. Unset, the Redis server's clock
   * decides, so replicas with skewed clocks still agree on the current window.
   */
  now?: () => number;
}

/** Slack on the hash's expiry beyond its longest window, so a clock a little ahead never drops a live count. */
const EXPIRY_SLACK_MS = 1_000;

function integerReply(reply: unknown): number[] {
  if (!Array.isArray(reply)) throw new Error('The quota script answered with something other than an array.');
  return reply.map((value: unknown) => {
    if (typeof value !== 'number') throw new Error('The quota script answered with a value that is not a number.');
    return value;
  });
}

/**
 * The shared limiter for several replicas: each reserve is one EVALSHA of one script on one hash, each settle
 * one more.
 */
export function createRedisQuotaLimiter(options: RedisQuotaLimiterOptions): QuotaLimiter {
  const { redis, prefix, now } = options;
  const settled = new WeakSet<QuotaReservation>();
  const calls = new InFlightCalls();
  const clockArgument = (): string | number => (now === undefined ? '' : Math.floor(now()));

  return {
    reserve: (key, cost, limits) =>
      calls.run(async () => {
        const plan = planQuotaCounters(limits);
        const charge = resolveQuotaCost(cost);
        const args: (string | number)[] = [clockArgument(), plan.longestWindowMs + EXPIRY_SLACK_MS];
        for (const counter of plan.counters) {
          args.push(counter.field, counter.windowMs, counter.limit, costOf(counter, charge));
        }
        // A request that can never fit goes to the store too, so its refusal reports what remains like any other.
        const reply = integerReply(await RESERVE_SCRIPT.run(redis, [prefix + key], args));
        const [admitted, nowMs, ...counts] = reply;
        if (nowMs === undefined || counts.length !== plan.counters.length) {
          throw new Error(
            `The quota script answered with ${reply.length} values for ${plan.counters.length} counters.`,
          );
        }
        return buildReserveResult({ key, plan, cost: charge, counts, admitted: admitted === 1, nowMs });
      }),

    settle: (reservation, actualTokens) =>
      calls.run(async (): Promise<QuotaSettlement> => {
        const actual = resolveActualTokens(actualTokens);
        if (settled.has(reservation)) return { outcome: 'already_settled', correctionTokens: 0 };
        // Marked before the round trip, so a second call made while the first is in flight does nothing either.
        settled.add(reservation);
        const correctionTokens = actual - reservation.estimatedTokens;
        let count: unknown;
        try {
          count = await SETTLE_SCRIPT.run(
            redis,
            [prefix + reservation.key],
            [clockArgument(), TOKEN_FIELD, TOKEN_WINDOW_MS, reservation.tokenWindow, correctionTokens],
          );
        } catch (error) {
          // A failed call usually wrote nothing (no connection, a timeout before sending), so a retry may settle it.
          settled.delete(reservation);
          throw error;
        }
        if (typeof count !== 'number') {
          throw new Error('The settle script answered with something other than a number.');
        }
        return count < 0 ? { outcome: 'window_over', correctionTokens: 0 } : { outcome: 'corrected', correctionTokens };
      }),

    close: () => calls.close(),
  };
}
