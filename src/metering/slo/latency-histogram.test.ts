import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketIndex, bucketMidpoint, HISTOGRAM_BUCKETS, LatencyHistogram } from './latency-histogram.js';

/** A seeded generator, so a failure is reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The exact percentile: the smallest value with at least `percent` % of the values at or below it. */
function exactPercentile(sorted: readonly number[], percent: number): number {
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1]!;
}

describe('LatencyHistogram', () => {
  it('reports percentiles within 1 % of the exact ones, from 0.1 ms to 20 minutes', () => {
    const next = random(7);
    const histogram = new LatencyHistogram();
    const values: number[] = [];
    for (let index = 0; index < 50_000; index += 1) {
      // Log-uniform: every decade gets as many values.
      const value = 0.1 * 10 ** (next() * 7.08);
      values.push(value);
      histogram.recordMs(value);
    }
    values.sort((left, right) => left - right);
    for (const percent of [1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100]) {
      const exact = exactPercentile(values, percent);
      const estimated = histogram.percentileMs(percent)!;
      const error = Math.abs(estimated - exact) / exact;
      assert.ok(error <= 0.01, `p${percent}: ${estimated} ms against ${exact} ms is ${(error * 100).toFixed(3)} % off`);
    }
  });

  it('puts every value in a bucket whose midpoint is within 0.4 % of it', () => {
    for (let microseconds = 256; microseconds < 2 ** 32; microseconds = Math.ceil(microseconds * 1.003) + 1) {
      const midpoint = bucketMidpoint(bucketIndex(microseconds));
      assert.ok(Math.abs(midpoint - microseconds) / microseconds <= 0.004, `${microseconds} µs → ${midpoint}`);
    }
    assert.equal(bucketIndex(2 ** 40), HISTOGRAM_BUCKETS - 1, 'values past 71 minutes count in the last bucket');
    assert.equal(bucketIndex(-5), 0);
  });

  it('merges by adding counts: two halves give the histogram of the whole', () => {
    const next = random(11);
    const whole = new LatencyHistogram();
    const first = new LatencyHistogram();
    const second = new LatencyHistogram();
    for (let index = 0; index < 10_000; index += 1) {
      const value = next() * 5_000;
      whole.recordMs(value);
      (index % 2 === 0 ? first : second).recordMs(value);
    }
    first.merge(second);
    assert.deepEqual(first.counts, whole.counts);
    assert.equal(first.total, whole.total);
    assert.equal(first.percentileMs(99), whole.percentileMs(99));
  });

  it('stores only the non-empty buckets, and reads them back exactly', () => {
    const histogram = new LatencyHistogram();
    for (const value of [1, 1, 250, 250.2, 3_000, 90_000]) histogram.recordMs(value);
    const text = histogram.toJson();
    assert.ok(text.length < 60, `compact: ${text}`);
    const read = new LatencyHistogram();
    read.mergeJson(text);
    assert.deepEqual(read.counts, histogram.counts);
    assert.equal(read.total, 6);
    assert.equal(new LatencyHistogram().percentileMs(50), null);
    assert.throws(() => read.mergeJson('[1]'), /pairs/);
    assert.throws(() => read.mergeJson(`[${HISTOGRAM_BUCKETS},1]`), /beyond/);
  });
});
