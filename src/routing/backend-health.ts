import type { BackendTarget, RoutingPolicy } from '../spec/index.js';
import { CircuitBreaker, type BreakerSnapshot } from './circuit-breaker.js';

/** How much one new latency sample moves the moving average: recent calls count, one outlier does not rule. */
const LATENCY_SMOOTHING = 0.2;

export interface BackendHealthSnapshot {
  connection: string;
  model: string;
  breaker: BreakerSnapshot;
  /** Moving average of the time to the first byte (streams) or to the answer, in ms; null before any success. */
  latencyEwmaMs: number | null;
  inFlight: number;
  /** The last active probe of this backend on this replica; null before any. */
  lastProbe: ProbeOutcome | null;
}

/** What one active probe found: when it ended, whether the backend answered, and if not, why. */
export interface ProbeOutcome {
  /** Unix ms. */
  at: number;
  ok: boolean;
  error: string | null;
}

/** What this replica knows of one backend of one deployment: its circuit, its latency, its load. */
export class BackendHealth {
  readonly breaker: CircuitBreaker;
  inFlight = 0;
  latencyEwmaMs: number | null = null;
  lastProbe: ProbeOutcome | null = null;

  constructor(
    readonly backend: BackendTarget,
    policy: () => RoutingPolicy,
    now: () => number,
  ) {
    this.breaker = new CircuitBreaker(() => policy().breaker, now);
  }

  recordLatency(latencyMs: number): void {
    this.latencyEwmaMs =
      this.latencyEwmaMs === null
        ? latencyMs
        : this.latencyEwmaMs + LATENCY_SMOOTHING * (latencyMs - this.latencyEwmaMs);
  }

  snapshot(): BackendHealthSnapshot {
    return {
      connection: this.backend.connection.name,
      model: this.backend.model,
      breaker: this.breaker.snapshot(),
      latencyEwmaMs: this.latencyEwmaMs === null ? null : Math.round(this.latencyEwmaMs * 10) / 10,
      inFlight: this.inFlight,
      lastProbe: this.lastProbe,
    };
  }
}

/** The health of one deployment's backends, keyed by connection and upstream model. */
export class DeploymentHealth {
  #policy: RoutingPolicy;
  readonly #backends = new Map<string, BackendHealth>();

  constructor(
    policy: RoutingPolicy,
    private readonly now: () => number,
  ) {
    this.#policy = policy;
  }

  get policy(): RoutingPolicy {
    return this.#policy;
  }

  /** A deployment edited in place keeps its breakers; the new settings apply from the next call. */
  configure(policy: RoutingPolicy): void {
    this.#policy = policy;
  }

  of(backend: BackendTarget): BackendHealth {
    const key = backendKey(backend);
    let health = this.#backends.get(key);
    if (health === undefined) {
      health = new BackendHealth(backend, () => this.#policy, this.now);
      this.#backends.set(key, health);
    }
    return health;
  }

  /** What is known of a backend, by connection name and upstream model; undefined before its first call. */
  find(connection: string, model: string): BackendHealth | undefined {
    return this.#backends.get(`${connection}/${model}`);
  }

  /** Every backend called so far. */
  backends(): BackendHealth[] {
    return [...this.#backends.values()];
  }
}

export function backendKey(backend: BackendTarget): string {
  return `${backend.connection.name}/${backend.model}`;
}

/** A backend never called on this replica: closed, unmeasured, idle. */
export function unknownBackendSnapshot(connection: string, model: string): BackendHealthSnapshot {
  return {
    connection,
    model,
    breaker: {
      state: 'closed',
      consecutiveFailures: 0,
      windowCalls: 0,
      windowFailures: 0,
      openedAt: null,
      halfOpenAt: null,
    },
    latencyEwmaMs: null,
    inFlight: 0,
    lastProbe: null,
  };
}
