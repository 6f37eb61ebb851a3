// `node --import tsx bench/quota/run-quota-bench.ts [--quick]`: what a quota check costs per request, in process
// and on Redis — reserve at admission plus settle at the end, sequential latency and throughput at concurrency 50
// — and how exact admission is under 200 concurrent clients. Writes bench/results/quota-latest.md.
import { waitForQuiet } from '../measure/wait-for-quiet.js';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createMemoryQuotaLimiter, createRedisQuotaLimiter } from '../../src/quota/index.js';
import { startForeignCpuWatch } from '../measure/process-stats.js';
import { describeMachine } from '../report/machine-info.js';
import { measureExactness } from './measure-quota-exactness.js';
import { measureSequentialLatency, measureThroughput } from './measure-quota-cost.js';
import { renderQuotaReport, type QuotaBenchSide } from './render-quota-report.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const USAGE = `node --import tsx bench/quota/run-quota-bench.ts [--quick] [--wait-for-quiet]
  --quick           a short run for checking the harness; writes bench/results/quota-latest-quick.md
  --wait-for-quiet  on a shared machine, start only once other work leaves the CPU idle (waits up to 15 min)
Redis: REDIS_URL (default redis://127.0.0.1:6379); the Redis rows are left out, with the reason, when it does not answer.`;

function log(message: string): void {
  process.stderr.write(`quota bench: ${message}\n`);
}

async function connectRedis(url: string): Promise<Redis | string> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    return `Redis at ${url} does not answer (${error instanceof Error ? error.message : String(error)})`;
  }
}

function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

async function serverCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return Number(infoField(info, 'used_cpu_user') ?? 0) + Number(infoField(info, 'used_cpu_sys') ?? 0);
}

async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** On a shared machine, starts when the rest of it has been quiet for a moment (up to 15 minutes). */

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((argument) => argument !== '--quick' && argument !== '--wait-for-quiet')) throw new Error(USAGE);
  const quick = argv.includes('--quick');
  if (argv.includes('--wait-for-quiet')) await waitForQuiet(log);
  const startedAt = Date.now();
  const machine = describeMachine(undefined);
  // The Redis server's pid joins this one once known: the CPU of both is the bench's own, the rest is other work.
  const ownPids = [process.pid];
  const foreignShare = startForeignCpuWatch(() => ownPids);
  const sequential = quick
    ? {
        memory: { warmup: 20_000, rounds: 3, requestsPerRound: 20_000 },
        redis: { warmup: 1_000, rounds: 3, requestsPerRound: 1_000 },
      }
    : {
        memory: { warmup: 200_000, rounds: 7, requestsPerRound: 50_000 },
        redis: { warmup: 5_000, rounds: 7, requestsPerRound: 3_000 },
      };
  const throughput = quick
    ? { concurrency: 50, warmupMs: 500, runs: 2, secondsPerRun: 2 }
    : { concurrency: 50, warmupMs: 2_000, runs: 3, secondsPerRun: 5 };
  const exactnessTrials = quick ? 5 : 20;
  const sides: QuotaBenchSide[] = [];

  log('in process: sequential');
  const memory = createMemoryQuotaLimiter();
  const memoryLatency = await measureSequentialLatency(memory, sequential.memory);
  log('in process: concurrency 50');
  const memoryThroughput = await measureThroughput(memory, throughput);
  await memory.close();
  log('in process: exactness');
  const memoryExactness = await measureExactness((now) => [createMemoryQuotaLimiter({ now })], {
    trials: exactnessTrials,
  });
  sides.push({
    name: 'in process',
    detail: '`createMemoryQuotaLimiter()`, `Date.now`',
    latency: memoryLatency,
    throughput: memoryThroughput,
    exactness: memoryExactness,
  });

  const redisUrl = process.env.HANGAR_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await connectRedis(redisUrl);
  let redisNote: string | undefined;
  if (typeof redis === 'string') {
    redisNote = redis;
    log(redis);
  } else {
    const prefix = `hangar-bench:quota:${randomUUID()}:`;
    const extraConnections: Redis[] = [];
    try {
      const server = await redis.info('server');
      const version = infoField(server, 'redis_version') ?? 'unknown';
      const serverPid = Number(infoField(server, 'process_id'));
      // Only a server on this machine is the bench's own load; a remote one's pid means nothing here.
      if (Number.isInteger(serverPid) && /^redis:\/\/(127\.0\.0\.1|localhost)[:/]/.test(redisUrl)) {
        ownPids.push(serverPid);
      }
      const limiter = createRedisQuotaLimiter({ redis, prefix });
      log('Redis: sequential');
      const latency = await measureSequentialLatency(limiter, sequential.redis);
      log('Redis: concurrency 50');
      const redisThroughput = await measureThroughput(limiter, {
        ...throughput,
        readServerCpuSeconds: () => serverCpuSeconds(redis),
      });
      await limiter.close();
      log('Redis: exactness');
      const exactness = await measureExactness(
        (now) =>
          Array.from({ length: 4 }, () => {
            const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
            extraConnections.push(connection);
            return createRedisQuotaLimiter({ redis: connection, prefix, now });
          }),
        { trials: exactnessTrials },
      );
      sides.push({
        name: 'Redis',
        detail: `\`createRedisQuotaLimiter()\` on Redis ${version} over loopback (one ioredis connection, server clock)`,
        latency,
        throughput: redisThroughput,
        exactness,
      });
    } finally {
      await removeKeys(redis, prefix);
      await Promise.all([redis, ...extraConnections].map((connection) => connection.quit()));
    }
  }

  const report = renderQuotaReport({
    startedAt: new Date(startedAt).toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    mode: quick ? 'quick' : 'full',
    machine,
    foreignCpuShare: foreignShare(),
    sides,
    redisNote,
  });
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const file = join(RESULTS_DIRECTORY, quick ? 'quota-latest-quick.md' : 'quota-latest.md');
  writeFileSync(file, report);
  process.stdout.write(report);
  log(`written to bench/results/${quick ? 'quota-latest-quick.md' : 'quota-latest.md'}`);
}

await main();
