// `node --import tsx bench/slo/run-slo-bench.ts [--quick]`: what SLO recording costs per request — the service-level
// hook on the request path (ticket opened in startCall, settled once), the flush of per-minute rollups, and reading
// the rolling views — on SQLite and on Postgres (DATABASE_URL). Writes bench/results/slo-latest.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { ResolvedDeployment } from '../../src/control/registry-types.js';
import { answeredOutcome, openServiceLevelTicket } from '../../src/http/inference/service-level-ticket.js';
import { createSloTracker, MINUTE_MS, type SloTracker } from '../../src/metering/index.js';
import { openDatabase, type HangarDatabase } from '../../src/store/index.js';
import { EMPTY_USAGE } from '../../src/spec/index.js';
import { percentile } from '../measure/statistics.js';
import { describeMachine } from '../report/machine-info.js';
import { markdownTable } from '../report/markdown-table.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const quick = process.argv.includes('--quick');
const BLOCK = 1000;
const BLOCKS = quick ? 200 : 2000;
const DEPLOYMENTS = 20;
/** Minutes of one deployment read by the 24 h view. */
const VIEW_MINUTES = 1440;

function log(message: string): void {
  process.stderr.write(`slo bench: ${message}\n`);
}

function deployments(): ResolvedDeployment[] {
  return Array.from({ length: DEPLOYMENTS }, (_, index) => ({
    id: `dep_${index}`,
    projectId: `prj_${index % 4}`,
    name: `chat-${index}`,
    model: 'gpt-4o',
    type: 'global-standard',
    backends: [],
    limits: null,
    contentFilter: null,
    sharedCapacity: null,
    createdAt: 0,
  }));
}

/** Nanoseconds per request of the request-path hook: blocks of BLOCK requests, each timed as a whole. */
function measureHook(tracker: SloTracker): { p50Ns: number; p99Ns: number } {
  const targets = deployments();
  const usage = { ...EMPTY_USAGE, output: 120, raw: null };
  const perRequestNs: number[] = [];
  for (let block = 0; block < BLOCKS; block += 1) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < BLOCK; index += 1) {
      const ticket = openServiceLevelTicket(tracker, targets[index % DEPLOYMENTS]!);
      const latencyMs = 200 + ((index * 37) % 3000);
      ticket?.settle(answeredOutcome(latencyMs, usage, false, index % 2 === 0 ? latencyMs / 4 : undefined));
    }
    perRequestNs.push(Number(process.hrtime.bigint() - started) / BLOCK);
  }
  return { p50Ns: percentile(perRequestNs, 50), p99Ns: percentile(perRequestNs, 99) };
}

interface DatabaseFigures {
  hookP50Ns: number;
  hookP99Ns: number;
  /** One flush of DEPLOYMENTS deployment-minutes with full histograms. */
  flushMsPerMinute: number;
  view1hMs: number;
  view24hMs: number;
}

async function measure(database: HangarDatabase): Promise<DatabaseFigures> {
  let now = Date.parse('2026-11-20T10:00:00Z');
  const tracker = createSloTracker({
    db: database.db,
    now: () => now,
    flushEveryMs: 3_600_000,
    onError: (message) => log(message),
  });
  // The hook on a tracker with the real clock (Date.now() is part of the cost): warm up, then time, with the flush
  // kept out of the blocks.
  const clocked = createSloTracker({ db: database.db, flushEveryMs: 3_600_000, onError: (message) => log(message) });
  measureHook(clocked);
  await clocked.flush();
  const hook = measureHook(clocked);
  await clocked.close();
  // A day of minutes for every deployment, each minute with a few hundred requests spread over the histogram.
  const flushMs: number[] = [];
  const targets = deployments();
  const usage = { ...EMPTY_USAGE, output: 120, raw: null };
  for (let minute = 0; minute < VIEW_MINUTES; minute += 1) {
    now += MINUTE_MS;
    for (let index = 0; index < 300; index += 1) {
      const latencyMs = 100 + ((index * 7919 + minute) % 8000);
      openServiceLevelTicket(tracker, targets[index % DEPLOYMENTS]!)?.settle(
        answeredOutcome(latencyMs, usage, false, latencyMs / 5),
      );
    }
    const started = performance.now();
    await tracker.flush();
    flushMs.push(performance.now() - started);
  }
  const view = async (window: '1h' | '24h') => {
    const times: number[] = [];
    for (let round = 0; round < (quick ? 3 : 10); round += 1) {
      const started = performance.now();
      await tracker.view('dep_0', window);
      times.push(performance.now() - started);
    }
    return percentile(times, 50);
  };
  const figures = {
    hookP50Ns: hook.p50Ns,
    hookP99Ns: hook.p99Ns,
    flushMsPerMinute: percentile(flushMs, 50),
    view1hMs: await view('1h'),
    view24hMs: await view('24h'),
  };
  await tracker.close();
  return figures;
}

async function onSqlite(): Promise<DatabaseFigures> {
  const directory = mkdtempSync(join(tmpdir(), 'hangar-slo-bench-'));
  const database = await openDatabase({ sqlitePath: join(directory, 'hangar.db') });
  try {
    return await measure(database);
  } finally {
    await database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function onPostgres(url: string): Promise<DatabaseFigures> {
  const schema = `hangar_slo_bench_${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ url, sqlitePath: join(tmpdir(), 'unused.db'), schema });
  try {
    return await measure(database);
  } finally {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
    await database.close();
  }
}

const postgresUrl = process.env.DATABASE_URL ?? process.env.HANGAR_DATABASE_URL;
log('SQLite');
const sides: [string, DatabaseFigures][] = [['SQLite', await onSqlite()]];
if (postgresUrl !== undefined) {
  log('Postgres');
  sides.push(['Postgres', await onPostgres(postgresUrl)]);
}
const round = (value: number, digits: number) => value.toFixed(digits);
const table = markdownTable(
  ['per request / per flush', ...sides.map(([name]) => name)],
  [
    ['hook on the request path, p50 (ns/request)', ...sides.map(([, figures]) => round(figures.hookP50Ns, 0))],
    ['hook, p99 of 1,000-request blocks (ns/request)', ...sides.map(([, figures]) => round(figures.hookP99Ns, 0))],
    [
      `flush of one minute, ${DEPLOYMENTS} deployments (ms)`,
      ...sides.map(([, figures]) => round(figures.flushMsPerMinute, 2)),
    ],
    ['1 h view of one deployment (ms)', ...sides.map(([, figures]) => round(figures.view1hMs, 2))],
    [
      `24 h view of one deployment, ${VIEW_MINUTES} rows (ms)`,
      ...sides.map(([, figures]) => round(figures.view24hMs, 1)),
    ],
  ],
);
const machine = describeMachine(undefined);
const report = `# SLO recording\n\n${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart.toFixed(2)} at start\n\n${quick ? 'Quick run.\n\n' : ''}${table}\n`;
mkdirSync(RESULTS_DIRECTORY, { recursive: true });
writeFileSync(join(RESULTS_DIRECTORY, 'slo-latest.md'), report);
process.stdout.write(report);
