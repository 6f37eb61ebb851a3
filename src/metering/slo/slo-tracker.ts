import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SloMinuteRepository, type SloMinuteCounts, type SloMinuteRow, type Tables } from '../../store/index.js';
import { SloCounter } from './slo-counter.js';
import type { ServiceLevelOutcome } from './service-level-outcome.js';
import { SLO_SERIES_STEP_MINUTES, SLO_WINDOWS, toSloView, type SloView, type SloWindow } from './slo-view.js';

export const MINUTE_MS = 60_000;
export const DEFAULT_SLO_FLUSH_EVERY_MS = 5_000;
const CLOSE_ATTEMPTS = 3;
const CLOSE_RETRY_MS = 500;

/** Which deployment a request counted for. */
export interface SloSubject {
  projectId: string;
  deploymentId: string;
  deploymentType: string;
}

export interface SloTrackerOptions {
  db: Kysely<Tables>;
  /** How often minutes that have ended are written. */
  flushEveryMs?: number;
  /** Failures to write (kept and retried); the server logs them as errors. */
  onError: (message: string, error: unknown) => void;
  now?: () => number;
}

export interface SloTracker {
  /** Counts a finished request in the current minute: memory only, so the request path never waits on the database. */
  record(subject: SloSubject, outcome: ServiceLevelOutcome): void;
  /** Writes every minute held in memory, the current one included. */
  flush(): Promise<void>;
  /** Stops the timer and writes everything; call it after the HTTP server drained, before the database closes. */
  close(): Promise<void>;
  /** A deployment's rolling window: the stored rollups plus what memory still holds. */
  view(deploymentId: string, window: SloWindow): Promise<SloView>;
  /** A project's minutes held in memory (not yet stored), summed per deployment and minute, in [from, to). */
  unflushedCounts(projectId: string, fromMinute: number, toMinute: number): SloMinuteCounts[];
}

interface Entry {
  subject: SloSubject;
  counter: SloCounter;
}

/** Minute start (unix ms) → deployment id → counts. */
type Minutes = Map<number, Map<string, Entry>>;

export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/**
 * Per-deployment service-level counts, kept per minute in memory and written as one rollup row per deployment and
 * minute by a timer once the minute has ended (the ledger's pattern: batched, off the request path, flushed at
 * shutdown). Each row's id names this process (a random writer id), the minute, the deployment and the flush, so a
 * write that is retried is stored once and replicas never overwrite each other.
 */
export function createSloTracker(options: SloTrackerOptions): SloTracker {
  const now = options.now ?? Date.now;
  const flushEveryMs = options.flushEveryMs ?? DEFAULT_SLO_FLUSH_EVERY_MS;
  const repository = new SloMinuteRepository(options.db);
  const writer = randomBytes(6).toString('hex');
  const minutes: Minutes = new Map();
  /** Rows taken out of memory whose write failed: written first, unchanged, so a retry is an exact replay. */
  let failed: SloMinuteRow[] = [];
  let flushes = 0;
  let running: Promise<void> | undefined;
  let closed = false;

  const timer = setInterval(() => {
    if (running === undefined) void flushQuietly(minuteOf(now()));
  }, flushEveryMs);
  timer.unref();

  function take(beforeMinute: number): SloMinuteRow[] {
    const rows: SloMinuteRow[] = [];
    const sequence = (flushes += 1);
    for (const [minute, entries] of minutes) {
      if (minute >= beforeMinute) continue;
      minutes.delete(minute);
      for (const [deploymentId, { subject, counter }] of entries) {
        rows.push({
          id: `${writer}:${minute}:${deploymentId}:${sequence}`,
          minute,
          projectId: subject.projectId,
          deploymentId,
          deploymentType: subject.deploymentType,
          eligible: counter.eligible,
          succeeded: counter.succeeded,
          excluded: { ...counter.excluded },
          latencyHistogram: counter.latency.toJson(),
          timeToFirstTokenHistogram: counter.timeToFirstToken.toJson(),
          outputTokens: counter.outputTokens,
          generationMs: counter.generationMs,
        });
      }
    }
    return rows;
  }

  async function write(beforeMinute: number): Promise<void> {
    while (running !== undefined) await running.catch(() => undefined);
    const rows = [...failed, ...take(beforeMinute)];
    failed = [];
    if (rows.length === 0) return;
    running = repository.insert(rows).catch((error: unknown) => {
      failed = rows;
      throw error;
    });
    try {
      await running;
    } finally {
      running = undefined;
    }
  }

  async function flushQuietly(beforeMinute: number): Promise<void> {
    try {
      await write(beforeMinute);
    } catch (error) {
      options.onError(`SLO rollups: writing ${failed.length} rows failed; they are kept and retried`, error);
    }
  }

  /** Memory's rows (failed writes and unwritten minutes) for a filter, as counters by minute and deployment. */
  function held(
    keep: (subject: SloSubject, minute: number) => boolean,
  ): { subject: SloSubject; minute: number; counter: SloCounter }[] {
    const found: { subject: SloSubject; minute: number; counter: SloCounter }[] = [];
    for (const row of failed) {
      if (!keep(row, row.minute)) continue;
      const counter = new SloCounter();
      counter.mergeRow(row);
      found.push({ subject: row, minute: row.minute, counter });
    }
    for (const [minute, entries] of minutes) {
      for (const { subject, counter } of entries.values()) {
        if (keep(subject, minute)) found.push({ subject, minute, counter });
      }
    }
    return found;
  }

  return {
    record(subject, outcome) {
      if (closed) return;
      const minute = minuteOf(now());
      let entries = minutes.get(minute);
      if (entries === undefined) {
        entries = new Map();
        minutes.set(minute, entries);
      }
      let entry = entries.get(subject.deploymentId);
      if (entry === undefined) {
        entry = { subject, counter: new SloCounter() };
        entries.set(subject.deploymentId, entry);
      }
      entry.counter.add(outcome);
    },

    flush: () => write(Number.POSITIVE_INFINITY),

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      for (let attempt = 1; attempt <= CLOSE_ATTEMPTS; attempt += 1) {
        try {
          await write(Number.POSITIVE_INFINITY);
          return;
        } catch (error) {
          if (attempt === CLOSE_ATTEMPTS) {
            options.onError(`SLO rollups: ${failed.length} rows could not be written at shutdown and are lost`, error);
            failed = [];
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, CLOSE_RETRY_MS));
        }
      }
    },

    async view(deploymentId, window) {
      const to = now();
      const from = minuteOf(to) - (SLO_WINDOWS[window] - 1) * MINUTE_MS;
      const total = new SloCounter();
      // Steps sit on the UTC grid (whole 5 minutes, hours, days), so the first and the last may be partial.
      const stepMs = SLO_SERIES_STEP_MINUTES[window] * MINUTE_MS;
      const firstStep = Math.floor(from / stepMs) * stepMs;
      const steps = Array.from(
        { length: (Math.floor(minuteOf(to) / stepMs) * stepMs - firstStep) / stepMs + 1 },
        (_, index) => ({
          from: firstStep + index * stepMs,
          counter: new SloCounter(),
        }),
      );
      const stepOf = (minute: number) =>
        steps[Math.min(steps.length - 1, Math.floor((minute - firstStep) / stepMs))]?.counter;
      // Memory first: a flush that completes meanwhile moves rows from memory to the table, never the other way.
      const inMemory = held((subject, minute) => subject.deploymentId === deploymentId && minute >= from);
      for (const row of await repository.listForDeployment(deploymentId, from, to + MINUTE_MS)) {
        total.mergeRow(row);
        stepOf(row.minute)?.mergeRow(row);
      }
      for (const { minute, counter } of inMemory) {
        total.merge(counter);
        stepOf(minute)?.merge(counter);
      }
      return toSloView(window, from, to, total, steps);
    },

    unflushedCounts(projectId, fromMinute, toMinute) {
      return held(
        (subject, minute) => subject.projectId === projectId && minute >= fromMinute && minute < toMinute,
      ).map(({ subject, minute, counter }) => ({
        deploymentId: subject.deploymentId,
        deploymentType: subject.deploymentType,
        minute,
        eligible: counter.eligible,
        succeeded: counter.succeeded,
      }));
    },
  };
}
