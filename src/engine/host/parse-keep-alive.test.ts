import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import { parseKeepAlive } from './parse-keep-alive.js';

describe('parseKeepAlive', () => {
  it('reads Ollama durations, seconds, zero and forever', () => {
    assert.equal(parseKeepAlive('10m', 'keep_alive'), 600_000);
    assert.equal(parseKeepAlive('1h', 'keep_alive'), 3_600_000);
    assert.equal(parseKeepAlive('90s', 'keep_alive'), 90_000);
    assert.equal(parseKeepAlive('250ms', 'keep_alive'), 250);
    assert.equal(parseKeepAlive('30', 'keep_alive'), 30_000);
    assert.equal(parseKeepAlive(1.5, 'keep_alive'), 1500);
    assert.equal(parseKeepAlive(0, 'keep_alive'), 0);
    assert.equal(parseKeepAlive(-1, 'keep_alive'), -1);
    assert.equal(parseKeepAlive('-5m', 'keep_alive'), -1);
  });

  it('refuses anything else with a 400 naming the parameter', () => {
    for (const bad of ['soon', '10 minutes', '', true, null, {}]) {
      assert.throws(
        () => parseKeepAlive(bad, 'keep_alive'),
        (error: unknown) =>
          error instanceof GatewayError && error.code === 'invalid_request' && error.param === 'keep_alive',
      );
    }
  });
});
