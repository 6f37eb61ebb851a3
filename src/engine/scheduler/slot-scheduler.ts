import { GatewayError } from '../../spec/index.js';
import { createMovingAverage } from './moving-average.js';
import { ProjectRoundRobinQueue } from './project-round-robin-queue.js';

export interface SlotSchedulerOptions {
  /** Parallel sequences the loaded model serves at once. */
  slots: number;
  /** Requests that may wait for a slot; one more is refused with a 429. */
  maxQueue: number;
  /** Clock in milliseconds; tests pass a fake one. */
  now?: () => number;
}

export interface AcquireOptions {
  /** Slots are shared fairly between projects, in turn. */
  projectId: string;
  /** Aborting it while the request waits takes it out of the queue at once. */
  signal?: AbortSignal;
}

export interface SlotLease {
  /** Which sequence of the model to run on, 0 to slots - 1. */
  slot: number;
  /** Time spent in the queue; 0 when a slot was free. */
  waitedMs: number;
  /** Gives the slot to the next waiter at once. Safe to call more than once. */
  release(): void;
}

export interface SlotSchedulerStats {
  slots: number;
  busy: number;
  queued: number;
  /** Only projects with a waiting request appear. */
  queuedByProject: Record<string, number>;
}

export interface SlotScheduler {
  acquire(options: AcquireOptions): Promise<SlotLease>;
  stats(): SlotSchedulerStats;
}

/** Hold time assumed for the retry-after estimate before any lease has been released. */
const DEFAULT_HOLD_MS = 1000;
/** Leases the hold-time average looks back over. */
const HOLD_TIME_WINDOW = 16;

interface Waiter {
  projectId: string;
  enqueuedAt: number;
  grant(slot: number, waitedMs: number): void;
}

/**
 * Hands a model's parallel sequences to requests. Everything happens synchronously inside acquire() and
 * release(), with no timers: a cancelled generation frees its slot for the next waiter in the same tick.
 */
export function createSlotScheduler(options: SlotSchedulerOptions): SlotScheduler {
  const { slots, maxQueue } = options;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots must be a positive integer, got ${slots}.`);
  if (!Number.isInteger(maxQueue) || maxQueue < 0) {
    throw new RangeError(`maxQueue must be a non-negative integer, got ${maxQueue}.`);
  }

  // Free slots as a stack of indices, lowest on top, so an idle model keeps reusing slot 0.
  const freeSlots = Array.from({ length: slots }, (_, index) => slots - 1 - index);
  const waiters = new ProjectRoundRobinQueue<Waiter>();
  const holdTime = createMovingAverage(HOLD_TIME_WINDOW);

  function createLease(slot: number, waitedMs: number): SlotLease {
    const grantedAt = now();
    let released = false;
    return {
      slot,
      waitedMs,
      release() {
        if (released) return;
        released = true;
        holdTime.add(Math.max(0, now() - grantedAt));
        const next = waiters.shift();
        if (next === undefined) freeSlots.push(slot);
        else next.grant(slot, Math.max(0, now() - next.enqueuedAt));
      },
    };
  }

  function queueFullError(): GatewayError {
    const queued = waiters.size;
    // The refused request would have waited behind everyone queued, plus one turn of its own.
    const retryAfterMs = Math.max(1, Math.ceil(((holdTime.value() ?? DEFAULT_HOLD_MS) * (queued + 1)) / slots));
    return new GatewayError(
      'rate_limit_exceeded',
      `The model is busy: all ${slots} of its slots are in use and ${queued} requests are already queued. ` +
        'Retry after the time given in retry-after.',
      { retryAfterMs },
    );
  }

  function cancelledError(reason: unknown): GatewayError {
    return new GatewayError('client_closed_request', 'The request was cancelled while it waited for a free slot.', {
      cause: reason,
    });
  }

  function acquire({ projectId, signal }: AcquireOptions): Promise<SlotLease> {
    if (signal?.aborted === true) return Promise.reject(cancelledError(signal.reason));
    const freeSlot = waiters.size === 0 ? freeSlots.pop() : undefined;
    if (freeSlot !== undefined) return Promise.resolve(createLease(freeSlot, 0));
    if (waiters.size >= maxQueue) return Promise.reject(queueFullError());

    return new Promise<SlotLease>((resolve, reject) => {
      const onAbort = (): void => {
        if (waiters.remove(projectId, waiter)) reject(cancelledError(signal?.reason));
      };
      const waiter: Waiter = {
        projectId,
        enqueuedAt: now(),
        grant(slot, waitedMs) {
          // Once granted, the caller owns the lease and releases it itself, aborted or not.
          signal?.removeEventListener('abort', onAbort);
          resolve(createLease(slot, waitedMs));
        },
      };
      waiters.push(projectId, waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function stats(): SlotSchedulerStats {
    return {
      slots,
      busy: slots - freeSlots.length,
      queued: waiters.size,
      queuedByProject: waiters.sizeByProject(),
    };
  }

  return { acquire, stats };
}
