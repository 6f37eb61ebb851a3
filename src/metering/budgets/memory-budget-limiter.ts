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
import { monthOf, type BudgetMonth } from './budget-month.js';

export interface MemoryBudgetLimiterOptions {
  /** Milliseconds since the epoch; `Date.now` unless a test drives time. */
  now?: () => number;
}

/**
 * The in-process limiter, for a single replica. The opening figure is read (once per key and month, shared by
 * concurrent first callers) before the synchronous step; the check and the charge are then one synchronous step,
 * so concurrent callers cannot interleave between them. One record per key, the current month's, overwritten in
 * place when a month starts.
 */
export function createMemoryBudgetLimiter(options: MemoryBudgetLimiterOptions = {}): BudgetLimiter {
  const now = options.now ?? Date.now;
  const counters = new Map<string, BudgetCounterState>();
  const openings = new Map<string, Promise<number>>();
  const settled = new WeakSet<BudgetReservation>();
  const calls = new InFlightCalls('The budget limiter');

  /** The key's counter for the month, reading the ledger first when this is the month's first use. */
  async function counterFor(counter: BudgetCounter, month: BudgetMonth): Promise<BudgetCounterState> {
    const stored = counters.get(counter.key);
    if (stored?.month === month) return stored;
    const loadKey = `${counter.key}\n${month}`;
    let opening = openings.get(loadKey);
    if (opening === undefined) {
      opening = counter.openingSpend(month).then((value) => wholeMicroUsd(value, 'The opening spend'));
      openings.set(loadKey, opening);
      // Forgotten once settled either way: a failed read is tried again by the next caller.
      const forget = () => openings.delete(loadKey);
      opening.then(forget, forget);
    }
    const openingMicroUsd = await opening;
    // Another caller may have created the month while this one waited: the first one in wins.
    const current = counters.get(counter.key);
    if (current?.month === month) return current;
    const created = { month, spentMicroUsd: openingMicroUsd, reservedMicroUsd: 0 };
    counters.set(counter.key, created);
    return created;
  }

  async function reserve(
    counter: BudgetCounter,
    charge: { costMicroUsd: number; limitMicroUsd: number | null },
  ): Promise<BudgetReserveResult> {
    const cost = wholeMicroUsd(charge.costMicroUsd, 'A budget charge');
    const limit = limitMicroUsd(charge.limitMicroUsd);
    const month = monthOf(now());
    const state = await counterFor(counter, month);
    // From here to the return nothing awaits: check and charge are one step.
    if (limit !== null && state.spentMicroUsd + state.reservedMicroUsd + cost > limit) {
      return { admitted: false, ...snapshot(state), limitMicroUsd: limit, requestedMicroUsd: cost };
    }
    state.reservedMicroUsd += cost;
    return { admitted: true, ...snapshot(state), reservation: { key: counter.key, month, costMicroUsd: cost } };
  }

  function settle(reservation: BudgetReservation, actualMicroUsd: number): BudgetSettlement {
    const actual = wholeMicroUsd(actualMicroUsd, 'An actual cost');
    if (settled.has(reservation)) return { outcome: 'already_settled', spentBeforeMicroUsd: 0, spentAfterMicroUsd: 0 };
    settled.add(reservation);
    const state = counters.get(reservation.key);
    if (state === undefined || state.month !== reservation.month || monthOf(now()) !== reservation.month) {
      return { outcome: 'month_over', spentBeforeMicroUsd: 0, spentAfterMicroUsd: 0 };
    }
    const before = state.spentMicroUsd;
    state.reservedMicroUsd = Math.max(0, state.reservedMicroUsd - reservation.costMicroUsd);
    state.spentMicroUsd = Math.min(Number.MAX_SAFE_INTEGER, before + actual);
    return { outcome: 'settled', spentBeforeMicroUsd: before, spentAfterMicroUsd: state.spentMicroUsd };
  }

  return {
    reserve: (counter, charge) => calls.run(() => reserve(counter, charge)),
    settle: (reservation, actual) => calls.run(() => Promise.resolve(settle(reservation, actual))),
    read: (counter) => calls.run(async () => snapshot(await counterFor(counter, monthOf(now())))),
    discard: (key) =>
      calls.run(() => {
        counters.delete(key);
        return Promise.resolve();
      }),
    close: () => calls.close(),
  };
}

function snapshot(state: BudgetCounterState): BudgetCounterState {
  return { month: state.month, spentMicroUsd: state.spentMicroUsd, reservedMicroUsd: state.reservedMicroUsd };
}
