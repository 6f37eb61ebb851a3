/**
 * How a deployment picks among its backends for one request:
 * - `priority`: lowest priority first; backends of one priority in a weighted random order (the default).
 * - `weighted`: every backend in one weighted random order, priorities ignored.
 * - `least-latency`: lowest moving average of time to first byte first; a backend not yet measured goes first.
 * - `least-busy`: fewest requests in flight on this replica first.
 * The last two break ties by priority, then position.
 */
export const ROUTING_STRATEGIES = ['priority', 'weighted', 'least-latency', 'least-busy'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** When a backend's circuit opens, and for how long it is left alone. */
export interface BreakerPolicy {
  /** Opens after this many failures in a row. */
  consecutiveFailures: number;
  /** Opens when this percent of the calls in the window failed… */
  failureRatePercent: number;
  /** …once the window holds at least this many calls. */
  minimumCalls: number;
  windowMs: number;
  /** How long an open circuit stays open before one probe request may try the backend (half-open). */
  coolDownMs: number;
}

/** Per-attempt and per-request deadlines. */
export interface TimeoutPolicy {
  /** TCP and TLS set-up of a new upstream connection. */
  connectMs: number;
  /** Until the upstream's response headers; absent: the connection's `timeout_ms`, else the server's default. */
  firstByteMs?: number;
  /** Longest silence between two chunks of an upstream body. */
  idleMs: number;
  /** The whole request across attempts and backoff, the streamed body included; 0: no limit. */
  totalMs: number;
}

export interface RoutingPolicy {
  strategy: RoutingStrategy;
  /** Upstream attempts one request may make, across backends and retries together. */
  maxAttempts: number;
  /** Backoff before the n-th retry of a backend is a random delay in [0, min(maxMs, baseMs × 2ⁿ)) (full jitter). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A retry-after longer than this is not waited for: the request fails over, or gives up. */
  retryAfterCapMs: number;
  timeouts: TimeoutPolicy;
  breaker: BreakerPolicy;
  /** Active probes of every backend, off the request path; absent: none (breakers learn from traffic only). */
  healthProbe?: HealthProbePolicy;
}

/** How often this replica asks each backend whether it answers (a cheap listing, no generation). */
export interface HealthProbePolicy {
  intervalMs: number;
}

export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  strategy: 'priority',
  maxAttempts: 3,
  backoffBaseMs: 200,
  backoffMaxMs: 5_000,
  retryAfterCapMs: 10_000,
  timeouts: { connectMs: 10_000, idleMs: 300_000, totalMs: 0 },
  breaker: { consecutiveFailures: 5, failureRatePercent: 50, minimumCalls: 20, windowMs: 60_000, coolDownMs: 30_000 },
};

/** The settings a deployment names; every other one keeps its default. */
export interface RoutingPolicyInput {
  strategy?: RoutingStrategy;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  retryAfterCapMs?: number;
  timeouts?: Partial<TimeoutPolicy>;
  breaker?: Partial<BreakerPolicy>;
  healthProbe?: HealthProbePolicy;
}

export function resolveRoutingPolicy(input: RoutingPolicyInput | null | undefined): RoutingPolicy {
  if (input === null || input === undefined) return DEFAULT_ROUTING_POLICY;
  const defaults = DEFAULT_ROUTING_POLICY;
  return {
    strategy: input.strategy ?? defaults.strategy,
    maxAttempts: input.maxAttempts ?? defaults.maxAttempts,
    backoffBaseMs: input.backoffBaseMs ?? defaults.backoffBaseMs,
    backoffMaxMs: input.backoffMaxMs ?? defaults.backoffMaxMs,
    retryAfterCapMs: input.retryAfterCapMs ?? defaults.retryAfterCapMs,
    timeouts: { ...defaults.timeouts, ...withoutUndefined(input.timeouts) },
    breaker: { ...defaults.breaker, ...withoutUndefined(input.breaker) },
    ...(input.healthProbe === undefined ? {} : { healthProbe: input.healthProbe }),
  };
}

function withoutUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
