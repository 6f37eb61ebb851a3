import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { startRedisTestRun, type RedisTestRun } from '../../quota/testing/redis-test-harness.js';
import { createRedisBudgetLimiter } from './redis-budget-limiter.js';
import { runBudgetLimiterSuite } from './testing/budget-limiter-suite.js';
import { redisBudgetLimiterHarness } from './testing/redis-budget-harness.js';

const harness = await redisBudgetLimiterHarness();
runBudgetLimiterSuite(harness);

describe('Redis budget limiter storage', { skip: harness.skip }, () => {
  let run: RedisTestRun;
  let redis: Redis;
  const now = () => Date.UTC(2026, 1, 10);
  before(() => {
    run = startRedisTestRun();
    redis = run.connect();
  });
  after(() => run.dispose());

  it('keeps one hash per key and month, expiring a day after the month ends', async () => {
    const limiter = createRedisBudgetLimiter({ redis, prefix: run.prefix, now });
    await limiter.reserve(
      { key: 'project:p1', openingSpend: () => Promise.resolve(42) },
      { costMicroUsd: 8, limitMicroUsd: 100 },
    );
    const hash = `${run.prefix}project:p1:2026-02`;
    assert.deepEqual(await redis.hgetall(hash), { spent: '42', reserved: '8' });
    // Time to live on the limiter's clock: from Feb 10 to a day after the month ends, Mar 2.
    const ttlMs = await redis.pttl(hash);
    const expectedMs = Date.UTC(2026, 2, 2) - now();
    assert.ok(ttlMs > expectedMs - 5_000 && ttlMs <= expectedMs, `time to live ${ttlMs} ms`);
    await limiter.close();
  });

  it('lets the first replica to start a month decide its opening figure', async () => {
    // Two replicas read the ledger a moment apart and see different figures; both must count from one of them.
    const first = createRedisBudgetLimiter({ redis, prefix: run.prefix, now });
    const second = createRedisBudgetLimiter({ redis: run.connect(), prefix: run.prefix, now });
    let releaseFirst: () => void = () => undefined;
    const firstRead = new Promise<number>((resolve) => (releaseFirst = () => resolve(1_000)));
    const slow = first.reserve(
      { key: 'project:p2', openingSpend: () => firstRead },
      { costMicroUsd: 1, limitMicroUsd: null },
    );
    const fast = await second.reserve(
      { key: 'project:p2', openingSpend: () => Promise.resolve(1_500) },
      { costMicroUsd: 1, limitMicroUsd: null },
    );
    releaseFirst();
    assert.equal(fast.spentMicroUsd, 1_500);
    assert.equal((await slow).spentMicroUsd, 1_500, 'the slower replica found the month already started');
    await Promise.all([first.close(), second.close()]);
  });

  it('keeps amounts above 10^14 micro-dollars exact', async () => {
    const limiter = createRedisBudgetLimiter({ redis, prefix: run.prefix, now });
    const counter = { key: 'project:p3', openingSpend: () => Promise.resolve(123_456_789_012_345) };
    const result = await limiter.reserve(counter, { costMicroUsd: 1, limitMicroUsd: 223_456_789_012_345 });
    assert.ok(result.admitted);
    assert.deepEqual(await limiter.settle(result.reservation, 3), {
      outcome: 'settled',
      spentBeforeMicroUsd: 123_456_789_012_345,
      spentAfterMicroUsd: 123_456_789_012_348,
    });
    await limiter.close();
  });
});
