import type { Redis } from 'ioredis';
import { InFlightCalls } from '../../quota/index.js';
import {
  limitMicroUsd,
  wholeMicroUsd,
  type BudgetCounter,
  type BudgetCounterState,
  type BudgetLimiter,
  type BudgetReservation,
  type BudgetReserveResult,
  type BudgetSettlement,
} from './budget-limiter.js';
import { monthBoundsMs, monthOf, type BudgetMonth } from './budget-month.js';
import { BUDGET_RESERVE_SCRIPT, BUDGET_SETTLE_SCRIPT } from './redis-budget-scripts.js';

export interface RedisBudgetLimiterOptions {
  /** A connection the caller owns (Redis ≥ 5); `close()` leaves it open. */
  redis: Redis;
  /** Prepended to every key, e.g. `hangar:budget:`; one hash per key and month is stored under it. */
  prefix: string;
  /** Milliseconds since the epoch; `Date.now` unless a test drives time. Decides the month. */
  now?: () => number;
}

/** A month's hash outlives the month by this much, so a replica whose clock lags a little still finds it. */
const EXPIRY_SLACK_MS = 24 * 60 * 60_000;

function integerReply(reply: unknown, length: number): number[] {
  if (!Array.isArray(reply) || reply.length !== length) {
    throw new Error(`The budget script answered with something other than ${length} values.`);
  }
  return reply.map((value: unknown) => {
    if (typeof value !== 'number') throw new Error('The budget script answered with a value that is not a number.');
    return value;
  });
}

/**
 * The shared limiter for several replicas: each reserve is one EVALSHA of one script on one hash (two, plus one
 * ledger read, the first time a key is used in a month), each settle one more.
 */
export function createRedisBudgetLimiter(options: RedisBudgetLimiterOptions): BudgetLimiter {
  const { redis, prefix } = options;
  const now = options.now ?? Date.now;
  const settled = new WeakSet<BudgetReservation>();
  const calls = new InFlightCalls('The budget limiter');
  const hashOf = (key: string, month: BudgetMonth) => `${prefix}${key}:${month}`;

  /** One reserve script call; asks the ledger and calls again when the month's hash does not exist yet. */
  async function runReserve(
    counter: BudgetCounter,
    month: BudgetMonth,
    cost: number,
    limit: number | null,
  ): Promise<{ admitted: boolean; state: BudgetCounterState }> {
    const keys = [hashOf(counter.key, month)];
    // Relative to the limiter's clock, which decides the month: a clock driven by a test stays consistent.
    const timeToLiveMs = Math.max(EXPIRY_SLACK_MS, monthBoundsMs(month).endMs + EXPIRY_SLACK_MS - Math.floor(now()));
    const args = (opening: string) => [opening, String(cost), limit === null ? '' : String(limit), timeToLiveMs];
    let reply = integerReply(await BUDGET_RESERVE_SCRIPT.run(redis, keys, args('')), 3);
    if (reply[0] === -1) {
      const opening = wholeMicroUsd(await counter.openingSpend(month), 'The opening spend');
      reply = integerReply(await BUDGET_RESERVE_SCRIPT.run(redis, keys, args(String(opening))), 3);
    }
    const [admitted, spent, reserved] = reply;
    if (admitted === -1 || spent === undefined || reserved === undefined) {
      throw new Error('The budget script found no counter after it was given its opening spend.');
    }
    return { admitted: admitted === 1, state: { month, spentMicroUsd: spent, reservedMicroUsd: reserved } };
  }

  return {
    reserve: (counter, charge) =>
      calls.run(async (): Promise<BudgetReserveResult> => {
        const cost = wholeMicroUsd(charge.costMicroUsd, 'A budget charge');
        const limit = limitMicroUsd(charge.limitMicroUsd);
        const month = monthOf(now());
        const { admitted, state } = await runReserve(counter, month, cost, limit);
        if (admitted) return { admitted: true, ...state, reservation: { key: counter.key, month, costMicroUsd: cost } };
        return { admitted: false, ...state, limitMicroUsd: limit ?? 0, requestedMicroUsd: cost };
      }),

    settle: (reservation, actualMicroUsd) =>
      calls.run(async (): Promise<BudgetSettlement> => {
        const actual = wholeMicroUsd(actualMicroUsd, 'An actual cost');
        const nothing = { spentBeforeMicroUsd: 0, spentAfterMicroUsd: 0 };
        if (settled.has(reservation)) return { outcome: 'already_settled', ...nothing };
        // Marked before the round trip, so a second call made while the first is in flight does nothing either.
        settled.add(reservation);
        if (monthOf(now()) !== reservation.month) return { outcome: 'month_over', ...nothing };
        let reply: number[];
        try {
          reply = integerReply(
            await BUDGET_SETTLE_SCRIPT.run(
              redis,
              [hashOf(reservation.key, reservation.month)],
              [String(-reservation.costMicroUsd), String(actual)],
            ),
            2,
          );
        } catch (error) {
          // A failed call usually wrote nothing (no connection, a timeout before sending), so a retry may settle it.
          settled.delete(reservation);
          throw error;
        }
        const [found, spentAfter] = reply;
        if (found !== 1 || spentAfter === undefined) return { outcome: 'month_over', ...nothing };
        return { outcome: 'settled', spentBeforeMicroUsd: spentAfter - actual, spentAfterMicroUsd: spentAfter };
      }),

    // A zero charge without a limit: the counter is created from the ledger if needed, and nothing moves.
    read: (counter) => calls.run(async () => (await runReserve(counter, monthOf(now()), 0, null)).state),

    discard: (key) =>
      calls.run(async () => {
        await redis.del(hashOf(key, monthOf(now())));
      }),

    close: () => calls.close(),
  };
}
