import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisQuotaLimiter } from '../redis-quota-limiter.js';
import type { QuotaLimiterHarness } from './quota-limiter-suite.js';
import { TEST_REDIS_URL } from '../../../test/support/test-redis.js';

/** Replicas the Redis run spreads its concurrent clients over, each with its own connection. */
const REPLICAS = 4;

const redisUrl = TEST_REDIS_URL;

/** Why the Redis run cannot happen here, or undefined when a server answers at REDIS_URL. */
export async function redisUnavailableReason(): Promise<string | undefined> {
  if (redisUrl === undefined || redisUrl === '') return 'REDIS_URL is not set (e.g. redis://127.0.0.1:6379)';
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis at REDIS_URL does not answer: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    probe.disconnect();
  }
}

export interface RedisTestRun {
  /** The run's own prefix: nothing else on the server shares it, and dispose() removes it. */
  prefix: string;
  connect(): Redis;
  dispose(): Promise<void>;
}

export function startRedisTestRun(): RedisTestRun {
  const prefix = `hangar-test:quota:${randomUUID()}:`;
  const connections: Redis[] = [];
  return {
    prefix,
    connect() {
      if (redisUrl === undefined) throw new Error('REDIS_URL is not set');
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      connections.push(connection);
      return connection;
    },
    async dispose() {
      const cleaner = connections[0];
      if (cleaner !== undefined) {
        let cursor = '0';
        do {
          const [next, keys] = await cleaner.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          if (keys.length > 0) await cleaner.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      }
      await Promise.all(connections.splice(0).map((connection) => connection.quit()));
    },
  };
}

export async function redisQuotaLimiterHarness(): Promise<QuotaLimiterHarness> {
  const skip = await redisUnavailableReason();
  const run = skip === undefined ? startRedisTestRun() : undefined;
  return {
    name: 'Redis',
    skip,
    open(now) {
      if (run === undefined) throw new Error(skip);
      return Promise.resolve(
        Array.from({ length: REPLICAS }, () =>
          createRedisQuotaLimiter({ redis: run.connect(), prefix: run.prefix, now }),
        ),
      );
    },
    dispose: () => run?.dispose() ?? Promise.resolve(),
  };
}
