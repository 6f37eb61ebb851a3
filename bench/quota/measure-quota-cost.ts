import type { QuotaLimiter, QuotaLimits } from '../../src/quota/index.js';
import { elapsedMs, median, percentileOfSorted } from '../measure/statistics.js';

/** Limits no request in the bench reaches: every reserve is admitted, so every request pays the same path. */
export const UNREACHED_LIMITS: QuotaLimits = { tpm: 1_000_000_000_000, rpm: 1_000_000_000_000 };
/** Requests spread over this many deployment keys, as a gateway's traffic would be. */
const KEYS = Array.from({ length: 100 }, (_, index) => `bench-deployment-${index}`);

export interface LatencyFigures {
  /** Medians over rounds of each round's percentile, in microseconds. */
  reserveP50Us: number;
  reserveP99Us: number;
  settleP50Us: number;
  settleP99Us: number;
  pairP50Us: number;
  pairP99Us: number;
  rounds: number;
  requestsPerRound: number;
}

export interface ThroughputFigures {
  concurrency: number;
  /** Median over runs of reserve+settle pairs completed per second. */
  pairsPerSecond: number;
  /** Median over runs of this process's CPU (user + system) per pair, in microseconds. */
  clientCpuUsPerPair: number;
  /** Median over runs of the Redis server's CPU per pair, in microseconds; undefined in process. */
  serverCpuUsPerPair: number | undefined;
  runs: number;
  secondsPerRun: number;
}

/** One request's quota work: admit an estimate, then settle it to a different actual, as a real request would. */
async function reserveAndSettle(
  limiter: QuotaLimiter,
  sequence: number,
): Promise<{ reserveUs: number; settleUs: number }> {
  const key = KEYS[sequence % KEYS.length] ?? 'bench-deployment';
  const startedAt = process.hrtime.bigint();
  const result = await limiter.reserve(key, { tokens: 600 }, UNREACHED_LIMITS);
  const reservedAt = process.hrtime.bigint();
  if (!result.admitted) throw new Error(`the bench's limits refused a request: ${JSON.stringify(result)}`);
  await limiter.settle(result.reservation, 250);
  const settledAt = process.hrtime.bigint();
  return { reserveUs: elapsedMs(startedAt, reservedAt) * 1000, settleUs: elapsedMs(reservedAt, settledAt) * 1000 };
}

function percentiles(values: number[]): { p50: number; p99: number } {
  values.sort((left, right) => left - right);
  return { p50: percentileOfSorted(values, 50), p99: percentileOfSorted(values, 99) };
}

export async function measureSequentialLatency(
  limiter: QuotaLimiter,
  options: { warmup: number; rounds: number; requestsPerRound: number },
): Promise<LatencyFigures> {
  let sequence = 0;
  for (let index = 0; index < options.warmup; index += 1) await reserveAndSettle(limiter, (sequence += 1));
  const perRound: Array<Record<'reserve' | 'settle' | 'pair', { p50: number; p99: number }>> = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const reserve: number[] = [];
    const settle: number[] = [];
    const pair: number[] = [];
    for (let index = 0; index < options.requestsPerRound; index += 1) {
      const timing = await reserveAndSettle(limiter, (sequence += 1));
      reserve.push(timing.reserveUs);
      settle.push(timing.settleUs);
      pair.push(timing.reserveUs + timing.settleUs);
    }
    perRound.push({ reserve: percentiles(reserve), settle: percentiles(settle), pair: percentiles(pair) });
  }
  const over = (pick: (round: (typeof perRound)[number]) => number) => median(perRound.map(pick));
  return {
    reserveP50Us: over((round) => round.reserve.p50),
    reserveP99Us: over((round) => round.reserve.p99),
    settleP50Us: over((round) => round.settle.p50),
    settleP99Us: over((round) => round.settle.p99),
    pairP50Us: over((round) => round.pair.p50),
    pairP99Us: over((round) => round.pair.p99),
    rounds: options.rounds,
    requestsPerRound: options.requestsPerRound,
  };
}

async function runConcurrently(limiter: QuotaLimiter, concurrency: number, durationMs: number): Promise<number> {
  const deadline = performance.now() + durationMs;
  let completed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      let sequence = worker;
      while (performance.now() < deadline) {
        await reserveAndSettle(limiter, (sequence += concurrency));
        completed += 1;
      }
    }),
  );
  return completed;
}

export async function measureThroughput(
  limiter: QuotaLimiter,
  options: {
    concurrency: number;
    warmupMs: number;
    runs: number;
    secondsPerRun: number;
    /** CPU seconds the store has used so far (the Redis server's), read before and after each run. */
    readServerCpuSeconds?: () => Promise<number>;
  },
): Promise<ThroughputFigures> {
  await runConcurrently(limiter, options.concurrency, options.warmupMs);
  const rates: number[] = [];
  const clientCpu: number[] = [];
  const serverCpu: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const serverBefore = await options.readServerCpuSeconds?.();
    const cpuBefore = process.cpuUsage();
    const startedAt = process.hrtime.bigint();
    const completed = await runConcurrently(limiter, options.concurrency, options.secondsPerRun * 1000);
    const seconds = elapsedMs(startedAt) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = await options.readServerCpuSeconds?.();
    rates.push(completed / seconds);
    clientCpu.push((cpu.user + cpu.system) / completed);
    if (serverBefore !== undefined && serverAfter !== undefined) {
      serverCpu.push(((serverAfter - serverBefore) * 1e6) / completed);
    }
  }
  return {
    concurrency: options.concurrency,
    pairsPerSecond: median(rates),
    clientCpuUsPerPair: median(clientCpu),
    serverCpuUsPerPair: serverCpu.length > 0 ? median(serverCpu) : undefined,
    runs: options.runs,
    secondsPerRun: options.secondsPerRun,
  };
}
