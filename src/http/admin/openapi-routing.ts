import { ROUTING_STRATEGIES } from '../../spec/index.js';
import { nullableTime, text, type Operations, type Schema } from './openapi-parts.js';

const integer = (minimum: number, maximum: number, description?: string) => ({
  type: 'integer',
  minimum,
  maximum,
  ...(description === undefined ? {} : { description }),
});

/** A deployment's `routing` as a POST or PATCH gives it: every field optional, absent ones keep their defaults. */
export const routingInputSchema: Schema = {
  type: ['object', 'null'],
  additionalProperties: false,
  description: 'Strategy, retries, timeouts and circuit breaker; null or absent: the defaults.',
  properties: {
    strategy: { enum: [...ROUTING_STRATEGIES], default: 'priority' },
    max_attempts: integer(1, 10, 'Upstream attempts per request, retries and failovers together (default 3).'),
    backoff_base_ms: integer(0, 60_000),
    backoff_max_ms: integer(0, 600_000),
    retry_after_cap_ms: integer(0, 600_000, 'A longer retry-after is not waited for (default 10000).'),
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        connect_ms: integer(1, 600_000),
        first_byte_ms: integer(1, 3_600_000),
        idle_ms: integer(1, 3_600_000),
        total_ms: integer(0, 86_400_000),
      },
    },
    breaker: {
      type: 'object',
      additionalProperties: false,
      properties: {
        consecutive_failures: integer(1, 1000),
        failure_rate_percent: integer(1, 100),
        minimum_calls: integer(1, 1_000_000),
        window_ms: integer(100, 86_400_000),
        cool_down_ms: integer(0, 86_400_000),
      },
    },
    health_probe: {
      type: 'object',
      additionalProperties: false,
      required: ['interval_ms'],
      description: 'Probe every backend this often (a model listing), off the request path; absent: no probes.',
      properties: { interval_ms: integer(1_000, 86_400_000) },
    },
  },
};

const count = { type: 'integer' };

export const ROUTING_SCHEMAS: Record<string, Schema> = {
  RoutingPolicy: {
    type: 'object',
    description: 'The effective routing policy: the deployment settings over the defaults.',
    required: ['strategy', 'max_attempts', 'timeouts', 'breaker'],
    properties: {
      strategy: { enum: [...ROUTING_STRATEGIES] },
      max_attempts: count,
      backoff_base_ms: count,
      backoff_max_ms: count,
      retry_after_cap_ms: count,
      timeouts: {
        type: 'object',
        required: ['connect_ms', 'first_byte_ms', 'idle_ms', 'total_ms'],
        properties: {
          connect_ms: count,
          first_byte_ms: { type: ['integer', 'null'], description: "null: the connection's timeout_ms" },
          idle_ms: count,
          total_ms: count,
        },
      },
      breaker: {
        type: 'object',
        properties: {
          consecutive_failures: count,
          failure_rate_percent: count,
          minimum_calls: count,
          window_ms: count,
          cool_down_ms: count,
        },
      },
      health_probe: {
        type: ['object', 'null'],
        required: ['interval_ms'],
        properties: { interval_ms: count },
      },
    },
  },
  DeploymentHealth: {
    type: 'object',
    required: ['object', 'project', 'deployment', 'strategy', 'backends'],
    properties: {
      object: { const: 'deployment_health' },
      project: text,
      deployment: text,
      strategy: { enum: [...ROUTING_STRATEGIES] },
      backends: {
        type: 'array',
        items: {
          type: 'object',
          required: ['connection', 'model', 'breaker', 'latency_ewma_ms', 'in_flight', 'last_probe'],
          properties: {
            connection: text,
            model: text,
            priority: count,
            weight: count,
            breaker: {
              type: 'object',
              required: ['state', 'consecutive_failures', 'window_calls', 'window_failures'],
              properties: {
                state: { enum: ['closed', 'open', 'half-open'] },
                consecutive_failures: count,
                window_calls: count,
                window_failures: count,
                opened_at: nullableTime,
                half_open_at: nullableTime,
              },
            },
            latency_ewma_ms: { type: ['number', 'null'] },
            in_flight: count,
            last_probe: {
              type: ['object', 'null'],
              description:
                "This replica's last active probe of the backend; null before any (or without health_probe).",
              required: ['at', 'ok', 'error'],
              properties: {
                at: { type: 'string', format: 'date-time' },
                ok: { type: 'boolean' },
                error: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    },
  },
};

export const ROUTING_OPERATIONS: Operations = {
  '/admin/projects/{project}/deployments/{name}/health': {
    get: {
      access: { project: 'reader' },
      summary: "This replica's view of a deployment's backends: circuit breaker, latency, requests in flight",
      responses: { '200': 'DeploymentHealth' },
    },
  },
};
