import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { createRedisQuotaLimiter } from './redis-quota-limiter.js';
import { defineRedisScript } from './define-redis-script.js';
import { runQuotaLimiterSuite } from './testing/quota-limiter-suite.js';
import { redisQuotaLimiterHarness, startRedisTestRun, type RedisTestRun } from './testing/redis-test-harness.js';

const harness = await redisQuotaLimiterHarness();
runQuotaLimiterSuite(harness);

describe('Redis quota limiter on the server clock', { skip: harness.skip }, () => {
  let run: RedisTestRun;
  let redis: Redis;
  before(() => {
    run = startRedisTestRun();
    redis = run.connect();
  });
  after(() => run.dispose());

  it("decides windows by the server's clock when no clock is injected", async () => {
    const limiter = createRedisQuotaLimiter({ redis, prefix: run.prefix });
    const result = await limiter.reserve('deployment', { tokens: 87 }, { tpm: 20_000 });
    assert.ok(result.admitted);
    assert.deepEqual(result.remaining, { requests: 19, tokens: 19_913 });
    assert.ok(result.resetTokensMs > 0 && result.resetTokensMs <= 60_000);
    const [seconds] = await redis.time();
    const serverMinute = Math.floor(Number(seconds) / 60);
    // The reservation names the server's minute (or the one just before, if a boundary passed in between).
    assert.ok([serverMinute, serverMinute - 1].includes(result.reservation.tokenWindow));
    assert.equal((await limiter.settle(result.reservation, 50)).outcome, 'corrected');
    await limiter.close();
  });

  it('stores one hash per key that expires after the longest window, and nothing for a refusal', async () => {
    const limiter = createRedisQuotaLimiter({ redis, prefix: run.prefix });
    await limiter.reserve('stored', { tokens: 10 }, { tpm: 1_000 });
    const ttlMs = await redis.pttl(`${run.prefix}stored`);
    assert.ok(ttlMs > 55_000 && ttlMs <= 61_000, `expiry ${ttlMs} ms`);
    assert.equal(await redis.type(`${run.prefix}stored`), 'hash');
    const refusal = await limiter.reserve('never-stored', { tokens: 5_000 }, { tpm: 1_000 });
    assert.equal(refusal.admitted, false);
    assert.equal(await redis.exists(`${run.prefix}never-stored`), 0);
    await limiter.close();
  });

  it('runs a script the server has not seen by EVAL, then by EVALSHA', async () => {
    // A script no server has cached: its SHA1 is new, so the first EVALSHA gets NOSCRIPT.
    const script = defineRedisScript(`-- ${randomUUID()}\nreturn tonumber(ARGV[1]) + 1`);
    assert.deepEqual(await redis.script('EXISTS', script.sha1), [0]);
    assert.equal(await script.run(redis, [], [41]), 42);
    assert.deepEqual(await redis.script('EXISTS', script.sha1), [1]);
    assert.equal(await script.run(redis, [], [1]), 2);
  });
});
