import type { BreakerPolicy } from '../spec/index.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What a request may do with a backend right now. */
export type BreakerAdmission = 'allowed' | 'probe' | 'refused';

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** Calls and failures in the current window. */
  windowCalls: number;
  windowFailures: number;
  /** Unix ms the circuit last opened; null while it never did. */
  openedAt: number | null;
  /** Unix ms an open circuit lets its probe through; null unless open. */
  halfOpenAt: number | null;
}

/** The window is kept as this many buckets, so old calls leave it in steps of a tenth of the window. */
const BUCKETS = 10;

interface Bucket {
  start: number;
  calls: number;
  failures: number;
}

/**
 * One backend's circuit, in memory on this replica. Closed, it counts failures: so many in a row, or a failure
 * rate over the window once the window holds enough calls, open it. Open, it refuses every request until the
 * cool-down has passed; then one request is let through as a probe (half-open) while others are still refused.
 * The probe's success closes the circuit and forgets the past; its failure opens it for another cool-down.
 * The policy is read on every call, so a deployment change applies at once.
 */
export class CircuitBreaker {
  #state: 'closed' | 'open' = 'closed';
  #consecutiveFailures = 0;
  #openedAt: number | null = null;
  #probeInFlight = false;
  #buckets: Bucket[] = [];

  constructor(
    private readonly policy: () => BreakerPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.#state === 'closed') return 'closed';
    return this.#coolDownOver() ? 'half-open' : 'open';
  }

  /** Whether a request would be refused now, without taking the probe. */
  get refusing(): boolean {
    const state = this.state;
    return state === 'open' || (state === 'half-open' && this.#probeInFlight);
  }

  /** Asks to send one request; in half-open the first caller takes the one probe and must report its outcome. */
  admit(): BreakerAdmission {
    const state = this.state;
    if (state === 'closed') return 'allowed';
    if (state === 'open' || this.#probeInFlight) return 'refused';
    this.#probeInFlight = true;
    return 'probe';
  }

  /** A probe that ended without an outcome (the client left) lets the next request probe instead. */
  releaseProbe(): void {
    this.#probeInFlight = false;
  }

  recordSuccess(): void {
    if (this.#state === 'open') {
      // A success while open comes from the probe or from a call started before the circuit opened: either way
      // the backend answers again.
      this.#close();
      return;
    }
    this.#consecutiveFailures = 0;
    this.#currentBucket().calls += 1;
  }

  recordFailure(): void {
    if (this.#state === 'open') {
      // Only the probe's failure restarts the cool-down; late failures of calls sent earlier say nothing new.
      if (this.#probeInFlight) this.#open();
      return;
    }
    this.#consecutiveFailures += 1;
    const bucket = this.#currentBucket();
    bucket.calls += 1;
    bucket.failures += 1;
    const policy = this.policy();
    if (this.#consecutiveFailures >= policy.consecutiveFailures) {
      this.#open();
      return;
    }
    const { calls, failures } = this.#windowTotals();
    if (calls >= policy.minimumCalls && failures * 100 >= policy.failureRatePercent * calls) this.#open();
  }

  /**
   * An active probe answered: an open or half-open circuit closes at once, without waiting for traffic. A closed
   * one is left as it is, so probes do not dilute the failure rate that real calls measure.
   */
  recordProbeSuccess(): void {
    if (this.#state === 'open') this.#close();
  }

  /**
   * An active probe failed: in a closed circuit it counts like any failure; an open one whose cool-down is over
   * opens again for another cool-down (the backend still does not answer), one still cooling down is left alone.
   */
  recordProbeFailure(): void {
    if (this.#state === 'closed') {
      this.recordFailure();
      return;
    }
    if (this.#coolDownOver() && !this.#probeInFlight) this.#open();
  }

  snapshot(): BreakerSnapshot {
    const { calls, failures } = this.#windowTotals();
    const state = this.state;
    return {
      state,
      consecutiveFailures: this.#consecutiveFailures,
      windowCalls: calls,
      windowFailures: failures,
      openedAt: this.#openedAt,
      halfOpenAt: state === 'closed' || this.#openedAt === null ? null : this.#openedAt + this.policy().coolDownMs,
    };
  }

  #coolDownOver(): boolean {
    return this.#openedAt !== null && this.now() >= this.#openedAt + this.policy().coolDownMs;
  }

  #open(): void {
    this.#state = 'open';
    this.#openedAt = this.now();
    this.#probeInFlight = false;
  }

  #close(): void {
    this.#state = 'closed';
    this.#probeInFlight = false;
    this.#consecutiveFailures = 0;
    this.#buckets = [];
  }

  #currentBucket(): Bucket {
    const width = Math.max(1, Math.floor(this.policy().windowMs / BUCKETS));
    const start = Math.floor(this.now() / width) * width;
    const last = this.#buckets.at(-1);
    if (last !== undefined && last.start === start) return last;
    const bucket = { start, calls: 0, failures: 0 };
    this.#buckets.push(bucket);
    this.#dropExpired();
    return bucket;
  }

  #windowTotals(): { calls: number; failures: number } {
    this.#dropExpired();
    let calls = 0;
    let failures = 0;
    for (const bucket of this.#buckets) {
      calls += bucket.calls;
      failures += bucket.failures;
    }
    return { calls, failures };
  }

  #dropExpired(): void {
    const oldest = this.now() - this.policy().windowMs;
    while (this.#buckets.length > 0 && this.#buckets[0]!.start < oldest) this.#buckets.shift();
  }
}
