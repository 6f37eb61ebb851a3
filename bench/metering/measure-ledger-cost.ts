import type { HangarDatabase } from '../../src/store/index.js';
import { createLedger, UNPRICED } from '../../src/metering/index.js';
import type { UsageEvent } from '../../src/metering/index.js';
import { EMPTY_USAGE } from '../../src/spec/index.js';
import { percentile } from '../measure/statistics.js';

export interface LedgerCostFigures {
  /** `record()` as the request path calls it, per call: p50 and p99 over blocks of BLOCK calls, in nanoseconds. */
  recordP50Ns: number;
  recordP99Ns: number;
  /** Records written per second of flushing (wall clock), batches of 500. */
  flushRecordsPerSecond: number;
  /** This process's CPU (user + system) per record written, in microseconds. */
  flushCpuUsPerRecord: number;
  /** Commit time of one 500-record batch: p50 and p99, in milliseconds. */
  batchP50Ms: number;
  batchP99Ms: number;
  records: number;
  rollupGroups: number;
}

const BLOCK = 1000;
/** Calls spread over 10 projects × 2 keys × 2 deployments: 40 rollup rows per day, as a small gateway's traffic. */
const GROUPS = { projects: 10, keys: 2, deployments: 2 };

function events(count: number, round: number): UsageEvent[] {
  const at = Date.parse('2026-11-20T10:00:00Z');
  return Array.from({ length: count }, (_, index) => {
    const project = index % GROUPS.projects;
    return {
      requestId: `req_bench_${round}_${index}`,
      attempt: 0,
      at: at + index,
      projectId: `prj_${project}`,
      keyId: `key_${project}_${Math.floor(index / GROUPS.projects) % GROUPS.keys}`,
      deploymentId: `dep_${project}_${Math.floor(index / (GROUPS.projects * GROUPS.keys)) % GROUPS.deployments}`,
      model: 'gpt-4o',
      deploymentType: 'global-standard',
      backend: 'vendor/gpt-4o',
      dialect: 'openai',
      operation: 'chat',
      streamed: index % 2 === 0,
      outcome: 'ok',
      usage: { ...EMPTY_USAGE, input: 200 + (index % 50), output: 40 + (index % 7), raw: { prompt_tokens: 200 } },
      estimated: false,
      latencyMs: 12.5,
      ...(index % 2 === 0 ? { timeToFirstTokenMs: 3.25 } : {}),
    };
  });
}

/**
 * The ledger's cost on one database: blocks of BLOCK `record()` calls timed alone, each followed by a flush of
 * what they buffered (timed apart, with this process's CPU), as a gateway alternates requests and flushes.
 */
export async function measureLedgerCost(
  database: HangarDatabase,
  options: { rounds: number; blocksPerRound: number },
): Promise<LedgerCostFigures> {
  const blockNs: number[] = [];
  const batchMs: number[] = [];
  let flushWallMs = 0;
  let flushCpuUs = 0;
  let written = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    const ledger = createLedger({
      db: database.db,
      pricer: UNPRICED,
      // The bench decides when to flush: the timer never fires during a round.
      flushEveryMs: 3_600_000,
      onError: (message, problem) => {
        throw new Error(message, { cause: problem.err });
      },
      onFlush: (result) => batchMs.push(result.durationMs),
    });
    const calls = events(BLOCK * options.blocksPerRound, round);
    for (let block = 0; block < options.blocksPerRound; block += 1) {
      const startedAt = process.hrtime.bigint();
      for (let index = block * BLOCK; index < (block + 1) * BLOCK; index += 1) ledger.record(calls[index]!);
      blockNs.push(Number(process.hrtime.bigint() - startedAt) / BLOCK);
      const cpuBefore = process.cpuUsage();
      const flushStartedAt = performance.now();
      await ledger.flush();
      flushWallMs += performance.now() - flushStartedAt;
      const cpu = process.cpuUsage(cpuBefore);
      flushCpuUs += cpu.user + cpu.system;
      written += BLOCK;
    }
    await ledger.close();
    if (ledger.stats().inserted !== BLOCK * options.blocksPerRound) throw new Error('the bench lost records');
  }
  const groups = await database.db
    .selectFrom('usage_daily')
    .select((expression) => expression.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return {
    recordP50Ns: percentile(blockNs, 50),
    recordP99Ns: percentile(blockNs, 99),
    flushRecordsPerSecond: written / (flushWallMs / 1000),
    flushCpuUsPerRecord: flushCpuUs / written,
    batchP50Ms: percentile(batchMs, 50),
    batchP99Ms: percentile(batchMs, 99),
    records: written,
    rollupGroups: Number(groups.count),
  };
}
