import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type HangarDatabase } from '../../../src/store/index.js';

const CHILD = fileURLToPath(new URL('./ledger-under-load.ts', import.meta.url));

export interface KillWindowOptions {
  /** Postgres when a URL is given (in a fresh schema), else SQLite in a temporary folder. */
  postgresUrl?: string;
  callsPerSecond: number;
  flushEveryMs: number;
  /** How long calls run before the SIGKILL. */
  runMs: number;
}

export interface KillWindowResult {
  recorded: number;
  stored: number;
  lost: number;
  /** Time from the oldest lost record's `at` to the SIGKILL; 0 when nothing was lost. */
  oldestLostAgeMs: number;
  /** The longest batch commit the child reported. */
  longestFlushMs: number;
  flushes: number;
  /** Stored records that were never announced, and the requests the rollups count: both checks of consistency. */
  unannounced: number;
  rollupRequests: number;
}

/**
 * Runs the ledger in a child process under a steady stream of calls, SIGKILLs it, then compares what the child said
 * it recorded with what the database holds.
 */
export async function measureKillWindow(options: KillWindowOptions): Promise<KillWindowResult> {
  const directory = await mkdtemp(join(tmpdir(), 'hangar-ledger-kill-'));
  const sqlitePath = join(directory, 'ledger.db');
  const schema = `hangar_kill_${randomBytes(6).toString('hex')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      LEDGER_SQLITE_PATH: sqlitePath,
      ...(options.postgresUrl === undefined ? {} : { LEDGER_DATABASE_URL: options.postgresUrl, LEDGER_SCHEMA: schema }),
      LEDGER_CALLS_PER_SECOND: String(options.callsPerSecond),
      LEDGER_FLUSH_EVERY_MS: String(options.flushEveryMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let killedAt = 0;
  try {
    const deadline = Date.now() + 30_000;
    while (!output.includes('READY\n')) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the ledger child did not start: ${errors.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, options.runMs));
    killedAt = Date.now();
    child.kill('SIGKILL');
    await exited;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  // A line cut by the kill has no line end; only whole lines count.
  const lines = output.slice(0, output.lastIndexOf('\n')).split('\n');
  const recordedAt = new Map<string, number>();
  let longestFlushMs = 0;
  let flushes = 0;
  for (const line of lines) {
    const [kind, first, second] = line.split(' ');
    if (kind === 'A') recordedAt.set(`kill_${first}`, Number(second));
    if (kind === 'F') {
      flushes += 1;
      longestFlushMs = Math.max(longestFlushMs, Number(second));
    }
  }

  let database: HangarDatabase | undefined;
  try {
    database = await openDatabase({
      sqlitePath,
      ...(options.postgresUrl === undefined ? {} : { url: options.postgresUrl, schema }),
    });
    const stored = new Set(
      (await database.db.selectFrom('usage_records').select('request_id').execute()).map((row) => row.request_id),
    );
    const rollup = await database.db
      .selectFrom('usage_daily')
      .select((expression) => expression.fn.sum<number | string>('requests').as('requests'))
      .executeTakeFirst();
    let lost = 0;
    let oldestLostAt = Number.POSITIVE_INFINITY;
    for (const [requestId, at] of recordedAt) {
      if (stored.has(requestId)) continue;
      lost += 1;
      oldestLostAt = Math.min(oldestLostAt, at);
    }
    return {
      recorded: recordedAt.size,
      stored: stored.size,
      lost,
      oldestLostAgeMs: lost === 0 ? 0 : killedAt - oldestLostAt,
      longestFlushMs,
      flushes,
      unannounced: [...stored].filter((requestId) => !recordedAt.has(requestId)).length,
      rollupRequests: Number(rollup?.requests ?? 0),
    };
  } finally {
    if (database !== undefined && options.postgresUrl !== undefined) {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
    }
    await database?.close();
    await rm(directory, { recursive: true, force: true });
  }
}
