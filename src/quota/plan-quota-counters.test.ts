import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planQuotaCounters, resolveQuotaLimits } from './plan-quota-counters.js';

describe('quota limits and windows', () => {
  it('derives RPM as Azure does, 6 per 1,000 TPM, at least 1', () => {
    assert.deepEqual(resolveQuotaLimits({ tpm: 20_000 }), { tpm: 20_000, rpm: 120 });
    assert.deepEqual(resolveQuotaLimits({ tpm: 450_000 }), { tpm: 450_000, rpm: 2_700 });
    assert.deepEqual(resolveQuotaLimits({ tpm: 1_000 }), { tpm: 1_000, rpm: 6 });
    assert.deepEqual(resolveQuotaLimits({ tpm: 100 }), { tpm: 100, rpm: 1 });
    assert.deepEqual(resolveQuotaLimits({ tpm: 6_000, rpm: 1 }), { tpm: 6_000, rpm: 1 });
  });

  it('plans a minute of tokens, 10 s of requests and a 1 s burst guard from 60 RPM', () => {
    const windows = (rpm: number) =>
      planQuotaCounters({ tpm: 1_000_000, rpm }).counters.map(({ field, windowMs, limit, reported }) => ({
        field,
        windowMs,
        limit,
        reported,
      }));
    assert.deepEqual(windows(600), [
      { field: 't', windowMs: 60_000, limit: 1_000_000, reported: true },
      { field: 'r10', windowMs: 10_000, limit: 100, reported: true },
      { field: 'r1', windowMs: 1_000, limit: 10, reported: false },
    ]);
    // 130 RPM: 21 per 10 s (6 × 21 = 126 ≤ 130) and 3 per second, rounded up: the 10 s window keeps the total.
    assert.deepEqual(
      windows(130).map((counter) => counter.limit),
      [1_000_000, 21, 3],
    );
    assert.deepEqual(
      windows(30).map((counter) => [counter.field, counter.limit]),
      [
        ['t', 1_000_000],
        ['r10', 5],
      ],
    );
    assert.deepEqual(
      windows(5).map((counter) => [counter.field, counter.windowMs, counter.limit]),
      [
        ['t', 60_000, 1_000_000],
        ['r60', 60_000, 5],
      ],
    );
    assert.equal(planQuotaCounters({ tpm: 1_000, rpm: 5 }).longestWindowMs, 60_000);
  });

  it('refuses limits that are not positive numbers', () => {
    assert.throws(() => resolveQuotaLimits({ tpm: 0 }), /tpm must be a number of at least 1, got 0/);
    assert.throws(() => resolveQuotaLimits({ tpm: Number.POSITIVE_INFINITY }), RangeError);
    assert.throws(() => resolveQuotaLimits({ tpm: 1_000, rpm: 0.5 }), /rpm/);
  });
});
