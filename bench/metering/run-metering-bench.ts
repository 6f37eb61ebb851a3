// `node --import tsx bench/metering/run-metering-bench.ts [--quick]`: what the usage ledger costs per request —
// `record()` on the request path, and the flush that writes records and day rollups in batches — on SQLite and on
// Postgres (DATABASE_URL), and what a SIGKILL loses, measured by killing a child process that runs the ledger under
// a steady stream of calls. Writes bench/results/metering-latest.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEFAULT_FLUSH_EVERY_MS, DEFAULT_MAX_BATCH } from '../../src/metering/index.js';
import { openDatabase, type HangarDatabase } from '../../src/store/index.js';
import { measureKillWindow, type KillWindowResult } from '../../test/support/ledger-kill/measure-kill-window.js';
import { startForeignCpuWatch } from '../measure/process-stats.js';
import { describeMachine } from '../report/machine-info.js';
import { markdownTable } from '../report/markdown-table.js';
import { measureLedgerCost, type LedgerCostFigures } from './measure-ledger-cost.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const USAGE = `node --import tsx bench/metering/run-metering-bench.ts [--quick]
Postgres: DATABASE_URL (or HANGAR_DATABASE_URL); its rows are left out when it is not set.`;

function log(message: string): void {
  process.stderr.write(`metering bench: ${message}\n`);
}

interface Side {
  name: string;
  cost: LedgerCostFigures;
  kills: { callsPerSecond: number; results: KillWindowResult[] }[];
}

async function withDatabase<T>(
  postgresUrl: string | undefined,
  work: (database: HangarDatabase) => Promise<T>,
): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'hangar-metering-bench-'));
  const schema = `hangar_bench_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({
    sqlitePath: join(directory, 'hangar.db'),
    ...(postgresUrl === undefined ? {} : { url: postgresUrl, schema }),
  });
  try {
    return await work(database);
  } finally {
    if (postgresUrl !== undefined) await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
    await database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const whole = (value: number) => Math.round(value).toLocaleString('en-US');

function render(sides: Side[], header: string[]): string {
  const costRows = sides.map((side) => [
    side.name,
    `${whole(side.cost.recordP50Ns)} / ${whole(side.cost.recordP99Ns)} ns`,
    `${whole(side.cost.flushRecordsPerSecond)} /s`,
    `${fixed(side.cost.flushCpuUsPerRecord, 1)} µs`,
    `${fixed(side.cost.batchP50Ms, 1)} / ${fixed(side.cost.batchP99Ms, 1)} ms`,
    `${whole(side.cost.records)} records, ${side.cost.rollupGroups} rollup rows`,
  ]);
  const killRows = sides.flatMap((side) =>
    side.kills.map(({ callsPerSecond, results }) => {
      const ages = results.map((result) => result.oldestLostAgeMs);
      const lost = results.map((result) => result.lost);
      return [
        side.name,
        `${whole(callsPerSecond)} /s`,
        String(results.length),
        `${Math.min(...lost)}–${Math.max(...lost)}`,
        `${whole(Math.max(...ages))} ms`,
        `${fixed(Math.max(...results.map((result) => result.longestFlushMs)), 1)} ms`,
        results.every((result) => result.rollupRequests === result.stored && result.unannounced === 0) ? 'yes' : 'NO',
      ];
    }),
  );
  return [
    ...header,
    '',
    markdownTable(
      [
        'database',
        '`record()` p50 / p99',
        'flush throughput',
        'flush CPU per record',
        '500-record commit p50 / p99',
        'volume',
      ],
      costRows,
    ),
    '',
    `SIGKILL after 1.5–3.5 s of calls (flush every ${DEFAULT_FLUSH_EVERY_MS} ms, batches of ${DEFAULT_MAX_BATCH}):`,
    '',
    markdownTable(
      ['database', 'calls', 'kills', 'records lost', 'oldest lost record, max', 'longest commit', 'rollups = records'],
      killRows,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((argument) => argument !== '--quick')) throw new Error(USAGE);
  const quick = argv.includes('--quick');
  const startedAt = Date.now();
  const machine = describeMachine(undefined);
  const foreignShare = startForeignCpuWatch(() => [process.pid]);
  const postgresUrl = process.env.HANGAR_DATABASE_URL ?? process.env.DATABASE_URL;
  const databases: [string, string | undefined][] = [['SQLite', undefined]];
  if (postgresUrl !== undefined) databases.push(['Postgres', postgresUrl]);
  const costOptions = quick ? { rounds: 2, blocksPerRound: 20 } : { rounds: 5, blocksPerRound: 100 };
  const trials = quick ? 2 : 6;

  const sides: Side[] = [];
  for (const [name, url] of databases) {
    log(`${name}: record() and flush`);
    const cost = await withDatabase(url, (database) => measureLedgerCost(database, costOptions));
    const kills: Side['kills'] = [];
    // 400/s fills less than a batch per interval, so the interval decides; 5,000/s fills batches, which decide.
    for (const callsPerSecond of [400, 5000]) {
      const results: KillWindowResult[] = [];
      for (let trial = 0; trial < trials; trial += 1) {
        log(`${name}: SIGKILL at ${callsPerSecond} calls/s, trial ${trial + 1} of ${trials}`);
        results.push(
          await measureKillWindow({
            ...(url === undefined ? {} : { postgresUrl: url }),
            callsPerSecond,
            flushEveryMs: DEFAULT_FLUSH_EVERY_MS,
            runMs: 1500 + Math.random() * 2000,
          }),
        );
      }
      kills.push({ callsPerSecond, results });
    }
    sides.push({ name, cost, kills });
  }
  const foreign = foreignShare();
  const report = render(sides, [
    '# Usage ledger: cost per request and the SIGKILL window',
    '',
    `Run ${new Date(startedAt).toISOString()} (${quick ? 'quick' : 'full'} mode, ${Math.round((Date.now() - startedAt) / 1000)} s), ` +
      `Hangar ${machine.hangarCommit}, Node ${machine.node}.`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGib} GiB, ${machine.system}` +
      (foreign === undefined ? '.' : `; other work used ${(foreign * 100).toFixed(0)} % of the CPU during the run.`),
  ]);
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const file = quick ? 'metering-latest-quick.md' : 'metering-latest.md';
  writeFileSync(join(RESULTS_DIRECTORY, file), report);
  process.stdout.write(report);
  log(`written to bench/results/${file}`);
}

await main();
