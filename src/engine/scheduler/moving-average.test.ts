import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMovingAverage } from './moving-average.js';

describe('createMovingAverage', () => {
  it('is undefined before any sample, then averages only the last window', () => {
    const average = createMovingAverage(3);
    assert.equal(average.value(), undefined);
    average.add(10);
    assert.equal(average.value(), 10);
    average.add(20);
    average.add(30);
    assert.equal(average.value(), 20);
    average.add(100);
    assert.equal(average.value(), 50);
    average.add(100);
    average.add(100);
    assert.equal(average.value(), 100);
  });

  it('refuses a window that holds nothing', () => {
    assert.throws(() => createMovingAverage(0), RangeError);
  });
});
