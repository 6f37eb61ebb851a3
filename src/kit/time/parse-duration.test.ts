import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByteSize, parseKeepAliveMs } from './parse-duration.js';

describe('parseKeepAliveMs', () => {
  it('reads durations, seconds, zero and negative (forever)', () => {
    assert.equal(parseKeepAliveMs('10m'), 600_000);
    assert.equal(parseKeepAliveMs('1h'), 3_600_000);
    assert.equal(parseKeepAliveMs('250ms'), 250);
    assert.equal(parseKeepAliveMs('30'), 30_000);
    assert.equal(parseKeepAliveMs(1.5), 1500);
    assert.equal(parseKeepAliveMs(0), 0);
    assert.equal(parseKeepAliveMs('-1'), -1);
  });
  it('returns undefined for what is not a duration', () => {
    for (const bad of ['soon', '10 minutes', '', true, null, Number.NaN])
      assert.equal(parseKeepAliveMs(bad), undefined);
  });
});

describe('parseByteSize', () => {
  it('reads binary and decimal units and plain bytes', () => {
    assert.equal(parseByteSize('8GiB'), 8 * 1024 ** 3);
    assert.equal(parseByteSize('512 MB'), 512e6);
    assert.equal(parseByteSize('1.5gib'), 1.5 * 1024 ** 3);
    assert.equal(parseByteSize(4096), 4096);
    assert.equal(parseByteSize('4096'), 4096);
  });
  it('returns undefined for nonsense, zero and negatives', () => {
    for (const bad of ['lots', '8 GiBs', 0, -5, '0', '']) assert.equal(parseByteSize(bad), undefined);
  });
});
