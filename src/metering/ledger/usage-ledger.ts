import type { Kysely } from 'kysely';
import { inTransaction, UsageDailyRepository, UsageRecordRepository, type Tables } from '../../store/index.js';
import type { Pricer, PricedUsage } from '../pricing/pricer.js';
import type { UsageEvent } from '../usage-event.js';
import type { UsageRecord } from '../usage-record.js';
import type { UsageRecorder } from '../usage-recorder.js';
import { rollUpUsage } from './roll-up-usage.js';
import { tokenCounts, toUsageRecord } from './to-usage-record.js';

export const DEFAULT_FLUSH_EVERY_MS = 1000;
export const DEFAULT_MAX_BATCH = 500;
export const DEFAULT_MAX_BUFFERED = 100_000;
/** A flush at shutdown is tried this many times, this far apart, before its records are given up. */
const CLOSE_ATTEMPTS = 3;
const CLOSE_RETRY_MS = 500;
/** The price card version of a record whose pricing threw; it costs 0 and the reconciliation report lists it. */
export const PRICE_ERROR_VERSION = 'price-error';

export interface LedgerProblem {
  /** The error behind it, when there is one. */
  err?: unknown;
  /** Records held in memory, not yet written. */
  buffered: number;
  /** Records given up since the ledger started (buffer full, or not written at shutdown). */
  dropped: number;
}

export interface FlushResult {
  /** Records in the batch, and how many of them were new (the rest were already stored). */
  records: number;
  inserted: number;
  durationMs: number;
}

export interface LedgerOptions {
  db: Kysely<Tables>;
  pricer: Pricer;
  /** How often buffered records are written; a SIGKILL loses at most this long of records (plus one flush). */
  flushEveryMs?: number;
  /** Records per transaction; a buffer this full is written without waiting for the interval. */
  maxBatch?: number;
  /** Records held while the database refuses writes; beyond it new records are dropped, and said so. */
  maxBuffered?: number;
  /** Where failures go (a flush that failed and will be retried, records dropped); the server logs them as errors. */
  onError: (message: string, problem: LedgerProblem) => void;
  /** Told after each batch is written: for tests and benchmarks. */
  onFlush?: (result: FlushResult) => void;
}

export interface LedgerStats {
  buffered: number;
  /** Records stored by this ledger (new ids only). */
  inserted: number;
  /** Records whose id was already stored: a replay, counted once. */
  duplicates: number;
  dropped: number;
  flushes: number;
  failedFlushes: number;
}

export interface UsageLedger extends UsageRecorder {
  /** Notes a finished call: a push into memory, nothing else, so the request path never waits on the database. */
  record(event: UsageEvent): void;
  /** Writes everything recorded so far; rejects (keeping the records for the next try) when the database fails. */
  flush(): Promise<void>;
  /** Stops the timer and writes everything; call it once the HTTP server has drained, before closing the database. */
  close(): Promise<void>;
  stats(): LedgerStats;
}

/**
 * The usage ledger. Calls are buffered in memory and written in batches, each batch one transaction: the records
 * are inserted unless their id is stored already, and the day rollups are increased by the records actually
 * inserted, one row per group, so a batch written twice (a flush that committed but was reported failed) counts
 * once. A failed batch stays in memory, first in line, and is tried again at the next tick.
 */
export function createLedger(options: LedgerOptions): UsageLedger {
  const flushEveryMs = options.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS;
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED;
  /** Calls not yet priced, in arrival order. */
  let pending: UsageEvent[] = [];
  /** Priced records of a batch that failed to write: written first, unchanged, so a retry is an exact replay. */
  let failed: UsageRecord[] = [];
  let running: Promise<void> | undefined;
  let sizeFlushScheduled = false;
  let overflowing = false;
  let closed = false;
  const stats: Omit<LedgerStats, 'buffered'> = {
    inserted: 0,
    duplicates: 0,
    dropped: 0,
    flushes: 0,
    failedFlushes: 0,
  };

  const buffered = () => pending.length + failed.length;
  const problem = (err?: unknown): LedgerProblem => ({
    ...(err === undefined ? {} : { err }),
    buffered: buffered(),
    dropped: stats.dropped,
  });

  const timer = setInterval(() => {
    if (running === undefined && buffered() > 0) void flushQuietly();
  }, flushEveryMs);
  timer.unref();

  function nextBatch(): UsageRecord[] {
    if (failed.length > 0) {
      const batch = failed.slice(0, maxBatch);
      failed = failed.slice(batch.length);
      return batch;
    }
    const events = pending.length <= maxBatch ? pending : pending.slice(0, maxBatch);
    pending = pending.length <= maxBatch ? [] : pending.slice(maxBatch);
    let unpriced = 0;
    let lastError: unknown;
    const batch = events.map((event) => {
      let priced: PricedUsage;
      try {
        priced = options.pricer.price(
          { projectId: event.projectId, model: event.model, deploymentType: event.deploymentType, at: event.at },
          tokenCounts(event.usage),
        );
      } catch (error) {
        unpriced += 1;
        lastError = error;
        priced = { costMicroUsd: 0, priceCardVersion: PRICE_ERROR_VERSION };
      }
      return toUsageRecord(event, priced);
    });
    if (unpriced > 0) {
      options.onError(
        `usage ledger: ${unpriced} records could not be priced; they are stored at cost 0 with price card ` +
          `'${PRICE_ERROR_VERSION}' and listed by GET /admin/usage/reconciliation`,
        problem(lastError),
      );
    }
    return batch;
  }

  async function writeBatch(batch: UsageRecord[]): Promise<void> {
    const startedAt = performance.now();
    const inserted = await inTransaction(options.db, async (transaction) => {
      const insertedIds = await new UsageRecordRepository(transaction).insertNew(batch);
      // `delete` consumes each id once, so a record that appears twice in one batch is rolled up once.
      const fresh = batch.filter((record) => insertedIds.delete(record.id));
      await new UsageDailyRepository(transaction).add(rollUpUsage(fresh));
      return fresh.length;
    });
    stats.flushes += 1;
    stats.inserted += inserted;
    stats.duplicates += batch.length - inserted;
    options.onFlush?.({ records: batch.length, inserted, durationMs: performance.now() - startedAt });
  }

  async function drain(): Promise<void> {
    while (buffered() > 0) {
      const batch = nextBatch();
      try {
        await writeBatch(batch);
      } catch (error) {
        failed = failed.length === 0 ? batch : [...batch, ...failed];
        stats.failedFlushes += 1;
        throw error;
      }
    }
    if (overflowing) {
      overflowing = false;
      options.onError(
        `usage ledger: the database accepts writes again; ${stats.dropped} records were dropped while the buffer was full`,
        problem(),
      );
    }
  }

  async function flush(): Promise<void> {
    // One flush at a time; a caller that arrives during one waits for it, then writes what came since.
    while (running !== undefined) await running.catch(() => undefined);
    if (buffered() === 0) return;
    running = drain();
    try {
      await running;
    } finally {
      running = undefined;
    }
  }

  async function flushQuietly(): Promise<void> {
    try {
      await flush();
    } catch (error) {
      options.onError(
        `usage ledger: writing usage records failed; ${buffered()} records are kept and retried in ${flushEveryMs} ms`,
        problem(error),
      );
    }
  }

  return {
    record(event) {
      if (closed) {
        options.onError(
          `usage ledger: a call finished after shutdown and was not stored (request ${event.requestId})`,
          problem(),
        );
        return;
      }
      if (buffered() >= maxBuffered) {
        stats.dropped += 1;
        if (!overflowing) {
          overflowing = true;
          options.onError(
            `usage ledger: ${maxBuffered} records wait for the database, which refuses writes; new records are ` +
              'dropped (not billed) until it accepts them again',
            problem(),
          );
        }
        return;
      }
      pending.push(event);
      if (pending.length >= maxBatch && running === undefined && !sizeFlushScheduled) {
        // Written after this request's own work, never inside it.
        sizeFlushScheduled = true;
        setImmediate(() => {
          sizeFlushScheduled = false;
          void flushQuietly();
        });
      }
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      for (let attempt = 1; attempt <= CLOSE_ATTEMPTS; attempt += 1) {
        try {
          await flush();
          return;
        } catch (error) {
          if (attempt === CLOSE_ATTEMPTS) {
            const lost = buffered();
            stats.dropped += lost;
            pending = [];
            failed = [];
            options.onError(
              `usage ledger: ${lost} records could not be written at shutdown and are lost; the database failed ` +
                `${CLOSE_ATTEMPTS} times`,
              problem(error),
            );
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, CLOSE_RETRY_MS));
        }
      }
    },
    stats: () => ({ ...stats, buffered: buffered() }),
  };
}
