import { nullableText, text, time, type Operations, type Schema } from './openapi-parts.js';

const count = { type: 'integer', minimum: 0 };
const nullablePercent = { type: ['number', 'null'], minimum: 0, maximum: 100 };
const percent = { type: 'number', minimum: 0, maximum: 100 };
const nullableMs = { type: ['number', 'null'], minimum: 0 };
const percentiles = {
  type: 'object',
  required: ['p50', 'p90', 'p95', 'p99'],
  description: 'Milliseconds, from a log-linear histogram accurate to 1 %; null without any successful request.',
  properties: { p50: nullableMs, p90: nullableMs, p95: nullableMs, p99: nullableMs },
};

/** Schemas of the SLO view and the SLA report. */
export const SLO_SCHEMAS: Record<string, Schema> = {
  DeploymentSlo: {
    type: 'object',
    required: ['object', 'deployment', 'window', 'eligible_requests', 'successful_requests', 'availability_percent'],
    description:
      'A rolling window of whole minutes ending now. Availability is successful over eligible requests; client ' +
      'errors, quota and budget refusals, content filtering and client aborts are not eligible (docs/operations.md).',
    properties: {
      object: { const: 'deployment_slo' },
      project: text,
      deployment: text,
      deployment_id: text,
      deployment_type: text,
      window: { enum: ['1h', '24h', '30d'] },
      from: time,
      to: time,
      eligible_requests: count,
      successful_requests: count,
      failed_requests: count,
      availability_percent: { ...nullablePercent, description: 'Null when no request was eligible.' },
      excluded_requests: {
        type: 'object',
        required: ['client_error', 'quota', 'budget', 'content_filter', 'client_abort'],
        properties: { client_error: count, quota: count, budget: count, content_filter: count, client_abort: count },
      },
      latency_ms: percentiles,
      time_to_first_token_ms: { ...percentiles, description: 'Streamed requests only.' },
      output_tokens_per_second: { type: ['number', 'null'], minimum: 0 },
      series: {
        type: 'array',
        description:
          'The window in steps on the UTC grid, oldest first (5 minutes for 1h, an hour for 24h, a day for 30d); ' +
          'the first and last steps are partial.',
        items: {
          type: 'object',
          required: ['from', 'eligible_requests', 'successful_requests', 'availability_percent', 'latency_ms'],
          properties: {
            from: time,
            eligible_requests: count,
            successful_requests: count,
            availability_percent: nullablePercent,
            latency_ms: percentiles,
            time_to_first_token_ms: percentiles,
          },
        },
      },
    },
  },
  SlaReport: {
    type: 'object',
    required: ['object', 'month', 'deployments', 'total_credit_micro_usd'],
    description:
      "Per deployment: the month's availability against its type's target, downtime minutes, and the service " +
      "credit the ladder gives, as a share of the deployment's amount on the month's invoice.",
    properties: {
      object: { const: 'sla_report' },
      project: nullableText,
      month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
      period_start: time,
      period_end: { ...time, description: "The month's end, or now while it runs." },
      downtime_error_rate_percent: { ...percent, description: 'A minute is down when more of it failed.' },
      deployments: {
        type: 'array',
        items: {
          type: 'object',
          required: ['deployment_id', 'target_percent', 'availability_percent', 'credit_percent', 'credit_micro_usd'],
          properties: {
            deployment: { ...nullableText, description: 'Null when the deployment was removed since.' },
            deployment_id: text,
            deployment_type: text,
            target_percent: percent,
            eligible_requests: count,
            successful_requests: count,
            availability_percent: nullablePercent,
            met: { type: 'boolean' },
            downtime_minutes: count,
            active_minutes: count,
            credit_percent: percent,
            invoice_amount_micro_usd: { type: 'integer' },
            credit_micro_usd: { type: 'integer', description: 'invoice amount × credit percent, rounded half up.' },
          },
        },
      },
      total_credit_micro_usd: { type: 'integer' },
    },
  },
};

/** Service levels: project readers see their deployments' SLO and the monthly SLA report. */
export const SLO_OPERATIONS: Operations = {
  '/admin/projects/{project}/deployments/{name}/slo': {
    get: {
      access: { project: 'reader' },
      summary:
        "A deployment's availability, latency and time-to-first-token percentiles, and tokens/s over 1h, 24h or 30d",
      query: ['window'],
      responses: { '200': 'DeploymentSlo' },
    },
  },
  '/admin/projects/{project}/sla': {
    get: {
      access: { project: 'reader' },
      summary: "A month's SLA report (YYYY-MM, UTC; this month unless told): availability, downtime and credits",
      query: ['month'],
      responses: { '200': 'SlaReport' },
    },
  },
};
