import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { l2Normalise } from './index.js';

describe('l2Normalise', () => {
  it('scales a vector to length 1 and keeps its direction', () => {
    assert.deepEqual(l2Normalise([3, 4]), [0.6, 0.8]);
    assert.deepEqual(l2Normalise([0, -2, 0]), [0, -1, 0]);
  });

  it('leaves its argument untouched', () => {
    const vector = [3, 4];
    l2Normalise(vector);
    assert.deepEqual(vector, [3, 4]);
  });

  it('returns zeros for a zero vector instead of NaNs, and an empty vector as it is', () => {
    assert.deepEqual(l2Normalise([0, 0, 0]), [0, 0, 0]);
    assert.deepEqual(l2Normalise([]), []);
  });

  it('does not lose precision on large and tiny components', () => {
    for (const scale of [1e-30, 1e30]) {
      const normalised = l2Normalise([scale, scale, scale, scale]);
      assert.ok(normalised.every((component) => Math.abs(component - 0.5) < 1e-12));
    }
  });
});
