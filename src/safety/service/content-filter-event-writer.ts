import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ContentFilterResults } from '../../spec/index.js';
import {
  ContentFilterEventRepository,
  isForeignKeyViolation,
  type ContentFilterEventRecord,
  type Tables,
} from '../../store/index.js';

/** A request whose prompt or completion a content filter refused, redacted or annotated. */
export interface ContentFilterEvent {
  /** Unix ms; absent: when it is recorded. */
  at?: number;
  projectId: string;
  deploymentId: string;
  deploymentName: string;
  requestId: string;
  stage: 'prompt' | 'completion';
  action: 'blocked' | 'redacted' | 'annotated';
  policyName: string;
  /** The annotations in Azure's shape; never the text. */
  results: ContentFilterResults;
}

export interface EventWriterOptions {
  db: Kysely<Tables>;
  /** How often buffered events are written; 1 s by default. */
  flushEveryMs?: number;
  /** Events per insert; a buffer this full is written without waiting for the interval. */
  maxBatch?: number;
  /** Events held while the database refuses writes; beyond it the oldest are dropped, and said so. */
  maxBuffered?: number;
  now?: () => number;
  /** Where a failed write (kept for the next try) or dropped events are reported. */
  onError?: (error: unknown, what: string) => void;
}

export interface EventWriter {
  /** A push into memory: never waits, never throws. */
  record(event: ContentFilterEvent): void;
  /** Writes what is buffered; a failure is reported and the events stay for the next try. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
}

const DEFAULT_FLUSH_EVERY_MS = 1_000;
const DEFAULT_MAX_BATCH = 100;
const DEFAULT_MAX_BUFFERED = 10_000;

/**
 * Filter events are written off the request path, in small batches, at most a second late. A batch that hits a
 * removed project (its foreign key) is written one by one so the others are kept; any other failure keeps the
 * batch, first in line, for the next tick.
 */
export function createEventWriter(options: EventWriterOptions): EventWriter {
  const repository = new ContentFilterEventRepository(options.db);
  const now = options.now ?? Date.now;
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED;
  const report = (error: unknown, what: string) => {
    try {
      options.onError?.(error, what);
    } catch {
      // A reporter that throws must not reach the request path either.
    }
  };
  let buffer: ContentFilterEventRecord[] = [];
  let dropped = 0;
  let writing: Promise<void> = Promise.resolve();
  /** A flush is queued that has not started draining: a full buffer need not queue another. */
  let queued = false;

  async function writeBatch(batch: ContentFilterEventRecord[]): Promise<void> {
    try {
      await repository.insertMany(batch);
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      for (const record of batch) {
        await repository.insertMany([record]).catch((single: unknown) => {
          // The project was removed after the request: its events go with it.
          if (!isForeignKeyViolation(single)) throw single;
        });
      }
    }
  }

  async function drain(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, maxBatch);
      buffer = buffer.slice(batch.length);
      try {
        await writeBatch(batch);
      } catch (error) {
        buffer = [...batch, ...buffer];
        report(error, `could not write ${buffer.length} content-filter events; they are kept for the next try`);
        return;
      }
    }
  }

  const flush = () => {
    queued = true;
    writing = writing.then(() => {
      queued = false;
      return drain();
    });
    return writing;
  };

  const timer = setInterval(() => {
    if (buffer.length > 0) void flush();
  }, options.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS);
  timer.unref();

  return {
    record(event) {
      try {
        buffer.push({
          id: `cfe_${randomUUID().replaceAll('-', '')}`,
          at: event.at ?? now(),
          projectId: event.projectId,
          deploymentId: event.deploymentId,
          deploymentName: event.deploymentName,
          requestId: event.requestId,
          stage: event.stage,
          action: event.action,
          policyName: event.policyName,
          results: JSON.stringify(event.results),
        });
        if (buffer.length > maxBuffered) {
          const excess = buffer.length - maxBuffered;
          buffer = buffer.slice(excess);
          dropped += excess;
          report(new Error('content-filter event buffer full'), `dropped ${dropped} content-filter events so far`);
        }
        if (buffer.length >= maxBatch && !queued) void flush();
      } catch (error) {
        report(error, 'could not record a content-filter event');
      }
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
