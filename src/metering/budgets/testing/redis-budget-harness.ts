import { redisUnavailableReason, startRedisTestRun } from '../../../quota/testing/redis-test-harness.js';
import { createRedisBudgetLimiter } from '../redis-budget-limiter.js';
import type { BudgetLimiterHarness } from './budget-limiter-suite.js';

/** Replicas the Redis run spreads its concurrent clients over, each with its own connection. */
const REPLICAS = 4;

export async function redisBudgetLimiterHarness(): Promise<BudgetLimiterHarness> {
  const skip = await redisUnavailableReason();
  const run = skip === undefined ? startRedisTestRun() : undefined;
  return {
    name: 'Redis',
    skip,
    open(now) {
      if (run === undefined) throw new Error(skip);
      return Promise.resolve(
        Array.from({ length: REPLICAS }, () =>
          createRedisBudgetLimiter({ redis: run.connect(), prefix: run.prefix, now }),
        ),
      );
    },
    dispose: () => run?.dispose() ?? Promise.resolve(),
  };
}
