import { z } from 'zod';
import { ROUTING_STRATEGIES } from '../spec/index.js';

/** Accepts digit strings too, since `${NAME}` substitutions in the YAML file are strings. */
const milliseconds = (minimum: number, maximum: number) => {
  const message = `must be an integer ${minimum}-${maximum} (milliseconds)`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
    z
      .number({ error: message })
      .int({ error: message })
      .min(minimum, { error: message })
      .max(maximum, { error: message }),
  );
};
const count = (minimum: number, maximum: number) => {
  const message = `must be an integer ${minimum}-${maximum}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
    z
      .number({ error: message })
      .int({ error: message })
      .min(minimum, { error: message })
      .max(maximum, { error: message }),
  );
};

const HOUR_MS = 3_600_000;

/**
 * A deployment's `routing`, the same in the YAML file and the admin API: how backends are chosen, retried,
 * timed out and cut off. Every field is optional; an absent one keeps its default (docs/configuration.md).
 */
export const routingSchema = z
  .object({
    strategy: z.enum(ROUTING_STRATEGIES).optional(),
    max_attempts: count(1, 10).optional(),
    backoff_base_ms: milliseconds(0, 60_000).optional(),
    backoff_max_ms: milliseconds(0, 600_000).optional(),
    retry_after_cap_ms: milliseconds(0, 600_000).optional(),
    timeouts: z
      .object({
        connect_ms: milliseconds(1, 600_000).optional(),
        first_byte_ms: milliseconds(1, HOUR_MS).optional(),
        idle_ms: milliseconds(1, HOUR_MS).optional(),
        total_ms: milliseconds(0, 24 * HOUR_MS).optional(),
      })
      .strict()
      .optional(),
    breaker: z
      .object({
        consecutive_failures: count(1, 1000).optional(),
        failure_rate_percent: count(1, 100).optional(),
        minimum_calls: count(1, 1_000_000).optional(),
        window_ms: milliseconds(100, 24 * HOUR_MS).optional(),
        cool_down_ms: milliseconds(0, 24 * HOUR_MS).optional(),
      })
      .strict()
      .optional(),
    health_probe: z
      .object({ interval_ms: milliseconds(1_000, 24 * HOUR_MS) })
      .strict()
      .optional(),
  })
  .strict();
