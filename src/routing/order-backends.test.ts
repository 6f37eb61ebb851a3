import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderBackends } from './order-backends.js';

/** Returns the given numbers in turn, as a random source a test controls. */
function draws(...values: number[]): () => number {
  let index = 0;
  return () => {
    const value = values[index];
    index += 1;
    if (value === undefined) throw new Error('the test gave too few random draws');
    return value;
  };
}

const names = (backends: readonly { name: string }[]) => backends.map((backend) => backend.name);

describe('orderBackends', () => {
  it('keeps backends whose priorities all differ as they are, without drawing', () => {
    const backends = [
      { name: 'a', priority: 0, weight: 5 },
      { name: 'b', priority: 1, weight: 1 },
      { name: 'c', priority: 7, weight: 1 },
    ];
    assert.equal(orderBackends(backends, draws()), backends);
    const plain = [
      { name: 'first', weight: 1 },
      { name: 'second', weight: 5 },
    ];
    assert.equal(orderBackends(plain, draws()), plain, 'no priority: the position is the priority');
  });

  it('sorts by priority ascending, keeping the given order among backends without one', () => {
    const backends = [
      { name: 'late', priority: 5 },
      { name: 'early', priority: 1 },
      { name: 'middle', priority: 3 },
    ];
    assert.deepEqual(names(orderBackends(backends, draws())), ['early', 'middle', 'late']);
  });

  it('orders backends of one priority by weighted draws, and the others after them', () => {
    const backends = [
      { name: 'heavy', priority: 0, weight: 3 },
      { name: 'light', priority: 0, weight: 1 },
      { name: 'fallback', priority: 1, weight: 1 },
    ];
    // A draw below 3/4 of the total weight lands on the heavy backend, at or above it on the light one.
    assert.deepEqual(names(orderBackends(backends, draws(0.74))), ['heavy', 'light', 'fallback']);
    assert.deepEqual(names(orderBackends(backends, draws(0.75))), ['light', 'heavy', 'fallback']);
    assert.deepEqual(names(orderBackends(backends, draws(0))), ['heavy', 'light', 'fallback']);
    assert.deepEqual(names(orderBackends(backends, draws(0.999_999))), ['light', 'heavy', 'fallback']);
  });

  it('draws without replacement, so every backend of the priority is still there to fail over to', () => {
    const backends = [
      { name: 'a', priority: 2, weight: 1 },
      { name: 'b', priority: 2, weight: 2 },
      { name: 'c', priority: 2, weight: 1 },
      { name: 'first', priority: 0, weight: 1 },
    ];
    // Total 4: 0.5 × 4 = 2 lands on b (a covers [0, 1), b [1, 3)); then a and c, total 2: 0.6 × 2 = 1.2 lands on c.
    assert.deepEqual(names(orderBackends(backends, draws(0.5, 0.6))), ['first', 'b', 'c', 'a']);
  });

  it('splits 10,000 requests between weights 3 and 1 about 75 % to 25 %', () => {
    const backends = [
      { name: 'three', priority: 0, weight: 3 },
      { name: 'one', priority: 0, weight: 1 },
    ];
    const requests = 10_000;
    let firstIsThree = 0;
    for (let request = 0; request < requests; request += 1) {
      if (orderBackends(backends)[0]?.name === 'three') firstIsThree += 1;
    }
    const share = firstIsThree / requests;
    // One standard deviation is 0.43 %, so ±3 % fails only if the weighting is wrong.
    assert.ok(Math.abs(share - 0.75) <= 0.03, `weight 3 went first in ${(share * 100).toFixed(1)} % of draws`);
  });
});
