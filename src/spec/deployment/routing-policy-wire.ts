import type { RoutingPolicy, RoutingPolicyInput, RoutingStrategy } from './routing-policy.js';

/** A deployment's `routing` as the admin API and the YAML file spell it; every field optional on input. */
export interface RoutingPolicyWire {
  strategy?: RoutingStrategy;
  max_attempts?: number;
  backoff_base_ms?: number;
  backoff_max_ms?: number;
  retry_after_cap_ms?: number;
  timeouts?: { connect_ms?: number; first_byte_ms?: number; idle_ms?: number; total_ms?: number };
  breaker?: {
    consecutive_failures?: number;
    failure_rate_percent?: number;
    minimum_calls?: number;
    window_ms?: number;
    cool_down_ms?: number;
  };
  health_probe?: { interval_ms: number };
}

export function routingPolicyFromWire(wire: RoutingPolicyWire): RoutingPolicyInput {
  return dropUndefined({
    strategy: wire.strategy,
    maxAttempts: wire.max_attempts,
    backoffBaseMs: wire.backoff_base_ms,
    backoffMaxMs: wire.backoff_max_ms,
    retryAfterCapMs: wire.retry_after_cap_ms,
    timeouts:
      wire.timeouts === undefined
        ? undefined
        : dropUndefined({
            connectMs: wire.timeouts.connect_ms,
            firstByteMs: wire.timeouts.first_byte_ms,
            idleMs: wire.timeouts.idle_ms,
            totalMs: wire.timeouts.total_ms,
          }),
    breaker:
      wire.breaker === undefined
        ? undefined
        : dropUndefined({
            consecutiveFailures: wire.breaker.consecutive_failures,
            failureRatePercent: wire.breaker.failure_rate_percent,
            minimumCalls: wire.breaker.minimum_calls,
            windowMs: wire.breaker.window_ms,
            coolDownMs: wire.breaker.cool_down_ms,
          }),
    healthProbe: wire.health_probe === undefined ? undefined : { intervalMs: wire.health_probe.interval_ms },
  });
}

/** The effective policy, every field filled; `first_byte_ms` is null when the connection's timeout applies. */
export interface RoutingPolicyView {
  strategy: RoutingStrategy;
  max_attempts: number;
  backoff_base_ms: number;
  backoff_max_ms: number;
  retry_after_cap_ms: number;
  timeouts: { connect_ms: number; first_byte_ms: number | null; idle_ms: number; total_ms: number };
  breaker: {
    consecutive_failures: number;
    failure_rate_percent: number;
    minimum_calls: number;
    window_ms: number;
    cool_down_ms: number;
  };
  /** null: no active probes. */
  health_probe: { interval_ms: number } | null;
}

export function routingPolicyView(policy: RoutingPolicy): RoutingPolicyView {
  return {
    strategy: policy.strategy,
    max_attempts: policy.maxAttempts,
    backoff_base_ms: policy.backoffBaseMs,
    backoff_max_ms: policy.backoffMaxMs,
    retry_after_cap_ms: policy.retryAfterCapMs,
    timeouts: {
      connect_ms: policy.timeouts.connectMs,
      first_byte_ms: policy.timeouts.firstByteMs ?? null,
      idle_ms: policy.timeouts.idleMs,
      total_ms: policy.timeouts.totalMs,
    },
    breaker: {
      consecutive_failures: policy.breaker.consecutiveFailures,
      failure_rate_percent: policy.breaker.failureRatePercent,
      minimum_calls: policy.breaker.minimumCalls,
      window_ms: policy.breaker.windowMs,
      cool_down_ms: policy.breaker.coolDownMs,
    },
    health_probe: policy.healthProbe === undefined ? null : { interval_ms: policy.healthProbe.intervalMs },
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
