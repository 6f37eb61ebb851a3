import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMicroUsd, formatPriceUsd, microUsdToUsd, parseUsdDecimal } from './usd-decimal.js';

describe('parseUsdDecimal', () => {
  it('converts dollars to whole micro-dollars exactly', () => {
    const cases: [number | string, number][] = [
      [0, 0],
      [2.5, 2_500_000],
      ['2.50', 2_500_000],
      [0.075, 75_000],
      [0.000001, 1],
      [1.375, 1_375_000],
      [15, 15_000_000],
      ['0.0275', 27_500],
      [0.3, 300_000],
    ];
    for (const [value, microUsd] of cases) assert.deepEqual(parseUsdDecimal(value), { ok: true, microUsd });
  });

  it('refuses negative, over-precise, non-numeric and huge values', () => {
    assert.deepEqual(parseUsdDecimal(-0.5), { ok: false, problem: 'must not be negative' });
    for (const value of [0.0000001, '0.1234567', 0.1 + 0.2]) {
      const result = parseUsdDecimal(value);
      assert.ok(!result.ok && /at most 6 decimal places/.test(result.problem), String(value));
    }
    for (const value of ['1,50', '$2', '', null, undefined, true, Number.NaN, Infinity]) {
      const result = parseUsdDecimal(value);
      assert.ok(!result.ok && /must be a price in US dollars/.test(result.problem), String(value));
    }
    assert.deepEqual(parseUsdDecimal(1e9), { ok: false, problem: 'is too large for a price per 1M tokens' });
  });
});

describe('formatMicroUsd', () => {
  it('prints the shortest exact decimal', () => {
    assert.deepEqual([2_500_000, 75_000, 10_000_000, 0, 1, 1_375_000].map(formatMicroUsd), [
      '2.5',
      '0.075',
      '10',
      '0',
      '0.000001',
      '1.375',
    ]);
    assert.equal(microUsdToUsd(27_500), 0.0275);
    assert.deepEqual([2_000_000, 75_000, 500_000, 0].map(formatPriceUsd), ['2.00', '0.075', '0.50', '0.00']);
  });
});
