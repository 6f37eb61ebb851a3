import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BudgetCounter, BudgetLimiter, BudgetReserveResult, BudgetSettlement } from '../budget-limiter.js';

/** One implementation of BudgetLimiter, as the shared suite needs it. */
export interface BudgetLimiterHarness {
  name: string;
  /** Set when the implementation cannot run here, so the suite shows as skipped with the reason. */
  skip: string | undefined;
  /**
   * Limiters on one store, all reading `now`. Memory gives one; Redis gives several connections to the same keys,
   * as several replicas would have, and the concurrency tests spread their clients over them.
   */
  open(now: () => number): Promise<BudgetLimiter[]>;
  /** Removes what the run stored and closes what `open` created. */
  dispose(): Promise<void>;
}

/** 2026-11-15T12:00:00Z: mid-month, so tests can move to the next month on purpose. */
const MID_NOVEMBER_MS = Date.UTC(2026, 10, 15, 12);
const FIRST_OF_DECEMBER_MS = Date.UTC(2026, 11, 1);

function admitted(result: BudgetReserveResult): Extract<BudgetReserveResult, { admitted: true }> {
  assert.ok(result.admitted, `expected an admission, got ${JSON.stringify(result)}`);
  return result;
}

function refused(result: BudgetReserveResult): Extract<BudgetReserveResult, { admitted: false }> {
  assert.ok(!result.admitted, `expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

/** A counter whose ledger figure is fixed per month, and which counts how often the ledger was read. */
function ledgerCounter(key: string, openingByMonth: Record<string, number> = {}): BudgetCounter & { reads: string[] } {
  const reads: string[] = [];
  return {
    key,
    reads,
    openingSpend(month) {
      reads.push(month);
      return Promise.resolve(openingByMonth[month] ?? 0);
    },
  };
}

/**
 * The one test suite every BudgetLimiter implementation passes. node:test's describe and it return promises the
 * runner awaits itself; `void` says so here, outside the *.test.ts files the lint exemption covers.
 */
export function runBudgetLimiterSuite(harness: BudgetLimiterHarness): void {
  void describe(`${harness.name} budget limiter`, { skip: harness.skip }, () => {
    const clock = { nowMs: MID_NOVEMBER_MS };
    let limiters: BudgetLimiter[] = [];
    let limiter: BudgetLimiter;
    let keys = 0;
    const freshKey = (): string => `project:${(keys += 1)}`;

    before(async () => {
      limiters = await harness.open(() => clock.nowMs);
      const first = limiters[0];
      assert.ok(first !== undefined, 'the harness opened no limiter');
      limiter = first;
    });
    after(async () => {
      await Promise.all(limiters.map((each) => each.close()));
      await harness.dispose();
    });

    void it('admits worst-case costs up to the limit, then refuses without charging anything', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      const counter = ledgerCounter(freshKey());
      const charge = { costMicroUsd: 400_000, limitMicroUsd: 1_000_000 };
      assert.equal(admitted(await limiter.reserve(counter, charge)).reservedMicroUsd, 400_000);
      const second = admitted(await limiter.reserve(counter, charge));
      assert.deepEqual(
        { month: second.month, spent: second.spentMicroUsd, reserved: second.reservedMicroUsd },
        { month: '2026-11', spent: 0, reserved: 800_000 },
      );
      const refusal = refused(await limiter.reserve(counter, charge));
      assert.deepEqual(
        {
          spent: refusal.spentMicroUsd,
          reserved: refusal.reservedMicroUsd,
          limit: refusal.limitMicroUsd,
          requested: refusal.requestedMicroUsd,
        },
        { spent: 0, reserved: 800_000, limit: 1_000_000, requested: 400_000 },
      );
      // What still fits is admitted: the refusal took nothing.
      assert.equal(
        admitted(await limiter.reserve(counter, { ...charge, costMicroUsd: 200_000 })).reservedMicroUsd,
        1_000_000,
      );
      refused(await limiter.reserve(counter, { ...charge, costMicroUsd: 1 }));
      assert.deepEqual(counter.reads, ['2026-11'], 'the ledger is read once per month');
    });

    void it('starts the month from the ledger, so spend survives a restart', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      const counter = ledgerCounter(freshKey(), { '2026-11': 900_000 });
      const refusal = refused(await limiter.reserve(counter, { costMicroUsd: 200_000, limitMicroUsd: 1_000_000 }));
      assert.equal(refusal.spentMicroUsd, 900_000);
      const result = admitted(await limiter.reserve(counter, { costMicroUsd: 100_000, limitMicroUsd: 1_000_000 }));
      assert.equal(result.spentMicroUsd, 900_000);
      assert.deepEqual(await limiter.read(counter), {
        month: '2026-11',
        spentMicroUsd: 900_000,
        reservedMicroUsd: 100_000,
      });
      assert.equal(counter.reads.length, 1);
    });

    void it('settles the worst case down or up to the actual cost, reporting spend before and after', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      const counter = ledgerCounter(freshKey(), { '2026-11': 50 });
      const limit = { limitMicroUsd: 10_000 };
      const large = admitted(await limiter.reserve(counter, { costMicroUsd: 5_000, ...limit }));
      const expected: BudgetSettlement = { outcome: 'settled', spentBeforeMicroUsd: 50, spentAfterMicroUsd: 1_050 };
      assert.deepEqual(await limiter.settle(large.reservation, 1_000), expected);
      const small = admitted(await limiter.reserve(counter, { costMicroUsd: 100, ...limit }));
      assert.deepEqual(await limiter.settle(small.reservation, 300), {
        outcome: 'settled',
        spentBeforeMicroUsd: 1_050,
        spentAfterMicroUsd: 1_350,
      });
      assert.deepEqual(await limiter.read(counter), { month: '2026-11', spentMicroUsd: 1_350, reservedMicroUsd: 0 });
      // 8,650 left: exactly that fits, one micro-dollar more does not.
      refused(await limiter.reserve(counter, { costMicroUsd: 8_651, ...limit }));
      admitted(await limiter.reserve(counter, { costMicroUsd: 8_650, ...limit }));
    });

    void it('settles once: a second settle, even concurrent with the first, does nothing', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      const counter = ledgerCounter(freshKey());
      const result = admitted(await limiter.reserve(counter, { costMicroUsd: 1_000, limitMicroUsd: 10_000 }));
      const outcomes = await Promise.all([
        limiter.settle(result.reservation, 200),
        limiter.settle(result.reservation, 200),
      ]);
      assert.deepEqual(outcomes.map((outcome) => outcome.outcome).sort(), ['already_settled', 'settled']);
      assert.equal((await limiter.settle(result.reservation, 0)).outcome, 'already_settled');
      assert.deepEqual(await limiter.read(counter), { month: '2026-11', spentMicroUsd: 200, reservedMicroUsd: 0 });
    });

    void it('starts a new month from its own ledger figure; a late settle leaves it alone', async () => {
      const counter = ledgerCounter(freshKey(), { '2026-11': 700, '2026-12': 30 });
      clock.nowMs = FIRST_OF_DECEMBER_MS - 1;
      const late = admitted(await limiter.reserve(counter, { costMicroUsd: 300, limitMicroUsd: 1_000 }));
      refused(await limiter.reserve(counter, { costMicroUsd: 1, limitMicroUsd: 1_000 }));
      clock.nowMs = FIRST_OF_DECEMBER_MS;
      const december = admitted(await limiter.reserve(counter, { costMicroUsd: 970, limitMicroUsd: 1_000 }));
      assert.deepEqual(
        { month: december.month, spent: december.spentMicroUsd, reserved: december.reservedMicroUsd },
        { month: '2026-12', spent: 30, reserved: 970 },
      );
      assert.deepEqual(await limiter.settle(late.reservation, 300), {
        outcome: 'month_over',
        spentBeforeMicroUsd: 0,
        spentAfterMicroUsd: 0,
      });
      assert.deepEqual(await limiter.read(counter), { month: '2026-12', spentMicroUsd: 30, reservedMicroUsd: 970 });
      assert.deepEqual(counter.reads, ['2026-11', '2026-12']);
    });

    void it('counts without refusing when the budget has no limit (alerts only)', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      const counter = ledgerCounter(freshKey(), { '2026-11': 5 });
      const huge = admitted(await limiter.reserve(counter, { costMicroUsd: 1e12, limitMicroUsd: null }));
      assert.equal(huge.reservedMicroUsd, 1e12);
      assert.equal((await limiter.settle(huge.reservation, 7)).spentAfterMicroUsd, 12);
    });

    void it('forgets a month on discard, so the next use reads the ledger again', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      const figures = { '2026-11': 100 };
      const counter = ledgerCounter(freshKey(), figures);
      assert.equal((await limiter.read(counter)).spentMicroUsd, 100);
      figures['2026-11'] = 250;
      assert.equal((await limiter.read(counter)).spentMicroUsd, 100, 'read once per month');
      await limiter.discard(counter.key);
      assert.equal((await limiter.read(counter)).spentMicroUsd, 250);
    });

    void it('admits at most 10 of 100 concurrent requests when only 10 fit, on a fresh month', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      // 1 dollar a request, 12.5 dollars of limit, 2.5 already spent: ten fit. The month is fresh, so the first
      // callers race to read the ledger as well.
      const counter = ledgerCounter(freshKey(), { '2026-11': 2_500_000 });
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, client) =>
          (limiters[client % limiters.length] ?? limiter).reserve(counter, {
            costMicroUsd: 1_000_000,
            limitMicroUsd: 12_500_000,
          }),
        ),
      );
      assert.equal(results.filter((result) => result.admitted).length, 10);
      const state = await limiter.read(counter);
      assert.deepEqual(state, { month: '2026-11', spentMicroUsd: 2_500_000, reservedMicroUsd: 10_000_000 });
    });

    void it('never overshoots under concurrent reserves and settles, and each settle sees its own crossing', async () => {
      clock.nowMs = MID_NOVEMBER_MS;
      const counter = ledgerCounter(freshKey());
      const limit = 1_000_000;
      const settlements: BudgetSettlement[] = [];
      let admittedCount = 0;
      // 200 clients each reserve a worst case of 10,000 and settle 6,000 until refused: the spend can never exceed
      // the limit, because every settled cost was reserved first.
      await Promise.all(
        Array.from({ length: 200 }, async (_, client) => {
          const own = limiters[client % limiters.length] ?? limiter;
          for (;;) {
            const result = await own.reserve(counter, { costMicroUsd: 10_000, limitMicroUsd: limit });
            if (!result.admitted) return;
            admittedCount += 1;
            settlements.push(await own.settle(result.reservation, 6_000));
          }
        }),
      );
      const state = await limiter.read(counter);
      assert.equal(state.reservedMicroUsd, 0);
      assert.equal(state.spentMicroUsd, admittedCount * 6_000);
      assert.ok(state.spentMicroUsd <= limit && state.spentMicroUsd > limit - 10_000);
      // Intervals (before, after] tile the spend with no overlap: one settlement per crossing.
      const intervals = settlements.map((each) => [each.spentBeforeMicroUsd, each.spentAfterMicroUsd] as const);
      intervals.sort((left, right) => left[0] - right[0]);
      intervals.forEach(([start, end], index) => {
        assert.equal(start, index * 6_000);
        assert.equal(end, start + 6_000);
      });
    });

    void it('refuses costs, limits and opening figures that are not amounts', async () => {
      const counter = ledgerCounter(freshKey());
      await assert.rejects(limiter.reserve(counter, { costMicroUsd: Number.NaN, limitMicroUsd: 10 }), RangeError);
      await assert.rejects(limiter.reserve(counter, { costMicroUsd: -1, limitMicroUsd: 10 }), RangeError);
      await assert.rejects(limiter.reserve(counter, { costMicroUsd: 1, limitMicroUsd: 1.5 }), RangeError);
      const result = admitted(await limiter.reserve(counter, { costMicroUsd: 1.2, limitMicroUsd: 10 }));
      assert.equal(result.reservation.costMicroUsd, 2, 'a fractional cost is rounded up');
      await assert.rejects(limiter.settle(result.reservation, -5), RangeError);
      assert.equal((await limiter.settle(result.reservation, 2)).outcome, 'settled', 'a refused settle did not count');
      const broken: BudgetCounter = { key: freshKey(), openingSpend: () => Promise.resolve(Number.NaN) };
      await assert.rejects(limiter.reserve(broken, { costMicroUsd: 1, limitMicroUsd: 10 }), RangeError);
      const failing: BudgetCounter = { key: freshKey(), openingSpend: () => Promise.reject(new Error('ledger down')) };
      await assert.rejects(limiter.reserve(failing, { costMicroUsd: 1, limitMicroUsd: 10 }), /ledger down/);
    });

    void it('lets calls in flight finish on close and refuses new ones', async () => {
      const [own] = await harness.open(() => clock.nowMs);
      assert.ok(own !== undefined);
      limiters.push(own);
      const counter = ledgerCounter(freshKey());
      const inFlight = own.reserve(counter, { costMicroUsd: 10, limitMicroUsd: 1_000 });
      const closed = own.close();
      assert.equal((await inFlight).admitted, true);
      await closed;
      await assert.rejects(own.reserve(counter, { costMicroUsd: 10, limitMicroUsd: 1_000 }), /closed/);
    });
  });
}
