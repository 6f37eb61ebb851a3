// `node --import tsx bench/budgets/run-budget-bench.ts [--quick]`: what a budget check costs per request, in process
// and on Redis — the limiter's reserve + settle on one counter, and the whole admission (a project and a key budget,
// the worst case priced, both reserved, then settled) — sequential latency and throughput at concurrency 50, and the
// 100-concurrent / 10-admitted check. Writes bench/results/budgets-latest.md.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { BudgetBook, budgetCounter, type HeldBudget } from '../../src/metering/budgets/budget-book.js';
import { createBudgetGuard, type BudgetGuard } from '../../src/metering/budgets/budget-guard.js';
import { fixedPricer } from '../../src/metering/budgets/testing/fixed-pricer.js';
import {
  createMemoryBudgetLimiter,
  createRedisBudgetLimiter,
  type BudgetCounter,
  type BudgetLimiter,
} from '../../src/metering/index.js';
import { elapsedMs, median, percentileOfSorted } from '../measure/statistics.js';
import { describeMachine } from '../report/machine-info.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const PROJECTS = 100;
const UNREACHED_LIMIT = 1e15;
const TOKENS = { input: 300, cachedInput: 0, cacheWriteInput: 0, output: 250, reasoning: 0 };
const WORST_CASE = { ...TOKENS, output: 4096 };

function log(message: string): void {
  process.stderr.write(`budget bench: ${message}\n`);
}

const counters: BudgetCounter[] = Array.from({ length: PROJECTS }, (_, index) => ({
  key: `project:bench-${index}`,
  openingSpend: () => Promise.resolve(0),
}));

/** One request's budget work on the limiter alone: reserve a worst case, settle to a smaller actual cost. */
async function limiterPair(limiter: BudgetLimiter, sequence: number): Promise<void> {
  const counter = counters[sequence % PROJECTS] ?? counters[0];
  if (counter === undefined) throw new Error('no counter');
  const result = await limiter.reserve(counter, { costMicroUsd: 42_000, limitMicroUsd: UNREACHED_LIMIT });
  if (!result.admitted) throw new Error('the bench limit refused a request');
  await limiter.settle(result.reservation, 3_100);
}

/** A guard whose every caller has a project budget and a key budget, as the worst case of admission. */
function benchGuard(limiter: BudgetLimiter): BudgetGuard {
  const ledgerSpend = () => Promise.resolve(0);
  const budgets: HeldBudget[] = [];
  for (let index = 0; index < PROJECTS; index += 1) {
    for (const keyId of [null, `key-${index}`]) {
      budgets.push({
        id: `bdg_${index}_${keyId ?? 'project'}`,
        projectId: `prj-${index}`,
        projectName: `project-${index}`,
        keyId,
        keyName: keyId,
        limitMicroUsd: UNREACHED_LIMIT,
        hardLimit: true,
        alertThresholds: [50, 80, 100],
        webhookUrl: null,
        webhookSecret: null,
        counter: budgetCounter(ledgerSpend, `prj-${index}`, keyId),
      });
    }
  }
  const book = new BudgetBook();
  book.replace(budgets);
  return createBudgetGuard({
    book,
    limiter,
    pricer: fixedPricer({ perInputTokenMicroUsd: 3, perOutputTokenMicroUsd: 10 }),
  });
}

async function guardPair(guard: BudgetGuard, sequence: number): Promise<void> {
  const index = sequence % PROJECTS;
  const ticket = await guard.admit({
    projectId: `prj-${index}`,
    keyId: `key-${index}`,
    model: 'gpt-4o',
    deploymentType: 'global-standard',
    worstCase: () => WORST_CASE,
  });
  ticket.settle(TOKENS);
  await guard.idle();
}

interface Figures {
  p50Us: number;
  p99Us: number;
  perSecond: number;
  cpuUsPerRequest: number;
}

async function measure(
  pair: (sequence: number) => Promise<void>,
  sizes: { warmup: number; rounds: number; perRound: number; seconds: number },
): Promise<Figures> {
  let sequence = 0;
  for (let index = 0; index < sizes.warmup; index += 1) await pair((sequence += 1));
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let round = 0; round < sizes.rounds; round += 1) {
    const times: number[] = [];
    for (let index = 0; index < sizes.perRound; index += 1) {
      const startedAt = process.hrtime.bigint();
      await pair((sequence += 1));
      times.push(elapsedMs(startedAt) * 1000);
    }
    times.sort((left, right) => left - right);
    p50s.push(percentileOfSorted(times, 50));
    p99s.push(percentileOfSorted(times, 99));
  }
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const deadline = performance.now() + sizes.seconds * 1000;
    let completed = 0;
    const cpuBefore = process.cpuUsage();
    const startedAt = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (performance.now() < deadline) {
          await pair((sequence += 1));
          completed += 1;
        }
      }),
    );
    const used = process.cpuUsage(cpuBefore);
    rates.push(completed / (elapsedMs(startedAt) / 1000));
    cpu.push((used.user + used.system) / completed);
  }
  return { p50Us: median(p50s), p99Us: median(p99s), perSecond: median(rates), cpuUsPerRequest: median(cpu) };
}

/** 100 concurrent $1 requests against a $10 budget: how many are admitted (must be 10). */
async function hundredAgainstTen(limiters: BudgetLimiter[]): Promise<number> {
  const counter: BudgetCounter = { key: `project:crowd-${randomUUID()}`, openingSpend: () => Promise.resolve(0) };
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, client) =>
      (limiters[client % limiters.length] ?? memoryFallback(limiters)).reserve(counter, {
        costMicroUsd: 1_000_000,
        limitMicroUsd: 10_000_000,
      }),
    ),
  );
  return results.filter((result) => result.admitted).length;
}

function memoryFallback(limiters: BudgetLimiter[]): BudgetLimiter {
  const first = limiters[0];
  if (first === undefined) throw new Error('no limiter');
  return first;
}

const format = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits });

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const startedAt = Date.now();
  const memorySizes = quick
    ? { warmup: 20_000, rounds: 3, perRound: 20_000, seconds: 1 }
    : { warmup: 200_000, rounds: 7, perRound: 50_000, seconds: 3 };
  const redisSizes = quick
    ? { warmup: 1_000, rounds: 3, perRound: 1_000, seconds: 1 }
    : { warmup: 5_000, rounds: 7, perRound: 3_000, seconds: 3 };
  const rows: string[] = [];

  log('in process');
  const memory = createMemoryBudgetLimiter();
  const memoryLimiter = await measure((sequence) => limiterPair(memory, sequence), memorySizes);
  const memoryGuardUnderTest = benchGuard(memory);
  const memoryGuard = await measure((sequence) => guardPair(memoryGuardUnderTest, sequence), {
    ...memorySizes,
    warmup: memorySizes.warmup / 10,
    perRound: memorySizes.perRound / 10,
  });
  const memoryCrowd = await hundredAgainstTen([memory]);
  rows.push(row('in process', 'limiter: reserve + settle, one counter', memoryLimiter, memoryCrowd));
  rows.push(row('in process', 'admission: price, 2 budgets reserved, settled', memoryGuard, memoryCrowd));
  await memory.close();

  const redisUrl = process.env.HANGAR_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let redisVersion = 'unavailable';
  try {
    await redis.connect();
    redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
    const prefix = `hangar-bench:budget:${randomUUID()}:`;
    const extra = Array.from({ length: 3 }, () => new Redis(redisUrl, { maxRetriesPerRequest: 1 }));
    try {
      log('Redis');
      const limiter = createRedisBudgetLimiter({ redis, prefix });
      const redisLimiter = await measure((sequence) => limiterPair(limiter, sequence), redisSizes);
      const guard = benchGuard(limiter);
      const redisGuard = await measure((sequence) => guardPair(guard, sequence), redisSizes);
      const replicas = [limiter, ...extra.map((connection) => createRedisBudgetLimiter({ redis: connection, prefix }))];
      const crowd = await hundredAgainstTen(replicas);
      rows.push(row(`Redis ${redisVersion}`, 'limiter: reserve + settle, one counter', redisLimiter, crowd));
      rows.push(row(`Redis ${redisVersion}`, 'admission: price, 2 budgets reserved, settled', redisGuard, crowd));
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await Promise.all(extra.map((connection) => connection.quit()));
    }
  } catch (error) {
    log(`Redis left out: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    redis.disconnect();
  }

  const machine = describeMachine(undefined);
  const report = [
    '# Budget check: in process and on Redis',
    '',
    `Run ${new Date(startedAt).toISOString()} (${quick ? 'quick' : 'full'} mode, ${Math.round((Date.now() - startedAt) / 1000)} s), Node ${process.version}.`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGib} GiB, ${machine.system}; load average ` +
      `${machine.loadAverageAtStart.toFixed(2)} at start; Hangar ${machine.hangarCommit}.`,
    '',
    'Limiter: `reserve` of a $0.042 worst case then `settle` to $0.0031 on one of 100 project counters. Admission: a',
    'caller with a project budget and a key budget — the worst case (300 prompt + 4,096 output tokens) priced, reserved',
    'on both counters in parallel, then the actual usage priced and both settled (`guard.idle()` awaited). Limits are',
    'never reached. Sequential: p50/p99 per round, median over rounds. Throughput: 50 in flight, median of 3 runs; CPU',
    'is this process only (not the Redis server). Crowd: 100 concurrent $1 reserves on a $10 budget (on Redis spread',
    'over 4 connections): how many were admitted.',
    '',
    '| implementation | what | p50 µs | p99 µs | per second, 50 in flight | CPU µs per request | crowd: admitted of 100 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const file = quick ? 'budgets-latest-quick.md' : 'budgets-latest.md';
  writeFileSync(`${RESULTS_DIRECTORY}${file}`, report);
  process.stdout.write(report);
  log(`written to bench/results/${file}`);
}

function row(implementation: string, what: string, figures: Figures, crowd: number): string {
  return `| ${implementation} | ${what} | ${format(figures.p50Us, 2)} | ${format(figures.p99Us, 2)} | ${format(figures.perSecond, 0)} | ${format(figures.cpuUsPerRequest, 2)} | ${crowd} |`;
}

await main();
