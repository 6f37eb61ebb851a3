/**
 * Monthly spend counters that enforce budgets: reserve a request's worst-case cost before it is forwarded, settle
 * it to the actual cost when it ends. The design mirrors the deployment quotas of src/quota/ (one interface, an
 * in-process and a Redis implementation, one shared test suite).
 *
 * Counters. One per key (`project:<id>`, `key:<id>`) and month (`YYYY-MM`, UTC, from the limiter's clock), holding
 * `spent` (settled cost) and `reserved` (worst-case cost of requests still in flight), in integer micro-dollars. A
 * month's counter starts from the ledger: the first time a key is used in a month, `openingSpend(month)` is read
 * (the month-to-date cost the usage rollups hold) and becomes `spent`, so spend survives restarts. On Redis the
 * figure is written only if the counter does not exist yet (set-if-absent inside the script), so replicas that read
 * slightly different figures still agree on one. Later reads never go back to the database: from then on the counter
 * is the truth, ahead of the ledger's batched writes.
 *
 * Admission. `reserve` admits when `spent + reserved + cost ≤ limit` and then adds the cost to `reserved`, in one
 * atomic step (one synchronous step in memory, one Lua script on Redis), so concurrent requests cannot overshoot: if
 * ten fit, at most ten are admitted, however many arrive at once and on however many replicas. A refusal charges
 * nothing. A null limit (an alerts-only budget) admits everything and still counts it.
 *
 * Settlement. `settle(reservation, actual)` moves the reservation out of `reserved` and adds the actual cost to
 * `spent`, and reports `spent` before and after, so exactly one settlement sees each alert threshold crossed. A
 * reservation settles into the month it was admitted in; once that month is over (on the limiter's clock) there
 * is nothing to correct (`month_over`): the new month started from the ledger. A second settle of the same object
 * does nothing.
 *
 * Clock. Months are decided by the caller's clock (`now`, default `Date.now`) on both implementations: a calendar
 * month is awkward in Lua and replicas' clocks disagree by milliseconds, which only matters at midnight UTC on the
 * first of a month.
 */
import type { BudgetMonth } from './budget-month.js';

/** A counter and where its month starts from. */
export interface BudgetCounter {
  /** `project:<project id>` or `key:<key id>`: one counter per thing a budget can cover, shared by its budgets. */
  key: string;
  /** The month-to-date spend the ledger holds for this counter, in micro-dollars; read once per month. */
  openingSpend(month: BudgetMonth): Promise<number>;
}

export interface BudgetCharge {
  /** The request's worst-case cost, micro-dollars; fractions are rounded up. */
  costMicroUsd: number;
  /** The hard limit, micro-dollars; null: counted, never refused. */
  limitMicroUsd: number | null;
}

/** A counter's month as the limiter holds it. */
export interface BudgetCounterState {
  month: BudgetMonth;
  /** Settled cost this month, the ledger's opening figure included. */
  spentMicroUsd: number;
  /** Worst-case cost of admitted requests that have not settled yet. */
  reservedMicroUsd: number;
}

/** The handle `settle` needs; pass back the object `reserve` returned. */
export interface BudgetReservation {
  readonly key: string;
  readonly month: BudgetMonth;
  readonly costMicroUsd: number;
}

export interface BudgetAdmission extends BudgetCounterState {
  admitted: true;
  reservation: BudgetReservation;
}

/** The counter as found; nothing was charged. */
export interface BudgetRefusal extends BudgetCounterState {
  admitted: false;
  limitMicroUsd: number;
  requestedMicroUsd: number;
}

export type BudgetReserveResult = BudgetAdmission | BudgetRefusal;

export interface BudgetSettlement {
  /** `settled`: the spend moved; `month_over`: the reservation's month has ended; `already_settled`: ignored. */
  outcome: 'settled' | 'month_over' | 'already_settled';
  /** Settled spend of the reservation's month before and after this settlement (both 0 unless `settled`). */
  spentBeforeMicroUsd: number;
  spentAfterMicroUsd: number;
}

export interface BudgetLimiter {
  /** Admits the charge and holds it, or refuses it without charging anything. */
  reserve(counter: BudgetCounter, charge: BudgetCharge): Promise<BudgetReserveResult>;
  /** Replaces the reservation's worst case by the actual cost. */
  settle(reservation: BudgetReservation, actualMicroUsd: number): Promise<BudgetSettlement>;
  /** The counter's current month, started from the ledger if this is its first use in the month. */
  read(counter: BudgetCounter): Promise<BudgetCounterState>;
  /**
   * Forgets the counter's current month, so its next use starts again from the ledger: for a budget created on
   * something whose spend was not counted meanwhile.
   */
  discard(key: string): Promise<void>;
  /** Refuses further calls and resolves once the calls in flight are done; a Redis connection passed in stays open. */
  close(): Promise<void>;
}

/** A cost or figure as a whole number of micro-dollars: fractions up, absurd values capped, nonsense refused. */
export function wholeMicroUsd(value: number, what: string): number {
  if (Number.isNaN(value) || value < 0) throw new RangeError(`${what} must be a number of micro-dollars ≥ 0.`);
  return Math.min(Math.ceil(value), Number.MAX_SAFE_INTEGER);
}

/** A limit as a whole number of micro-dollars, or null. */
export function limitMicroUsd(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError('A budget limit must be a whole number of micro-dollars ≥ 0, or null.');
  }
  return value;
}
