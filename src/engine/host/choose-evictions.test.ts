import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseEvictions } from './choose-evictions.js';

const model = (name: string, bytes: number, lastUsedAt: number, inUse = 0) => ({ name, bytes, lastUsedAt, inUse });

describe('chooseEvictions', () => {
  it('evicts nothing while the budget holds', () => {
    assert.deepEqual(chooseEvictions([model('a', 40, 1)], 50, 100), { fits: true, evict: [] });
  });

  it('unloads the least recently used idle models, no more than needed', () => {
    const loaded = [model('new', 30, 9), model('old', 30, 1), model('mid', 30, 5)];
    assert.deepEqual(chooseEvictions(loaded, 40, 100), { fits: true, evict: ['old'] });
    assert.deepEqual(chooseEvictions(loaded, 70, 100), { fits: true, evict: ['old', 'mid'] });
  });

  it('never unloads a model in use, and says when room would come once it is idle', () => {
    const loaded = [model('busy', 60, 1, 2), model('idle', 30, 5)];
    assert.deepEqual(chooseEvictions(loaded, 50, 100), { fits: false, reason: 'busy' });
    assert.deepEqual(chooseEvictions(loaded, 40, 100), { fits: true, evict: ['idle'] });
  });

  it('says when a model can never fit', () => {
    assert.deepEqual(chooseEvictions([], 101, 100), { fits: false, reason: 'never' });
  });
});
