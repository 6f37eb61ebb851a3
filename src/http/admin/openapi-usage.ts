import { nullableText, ref, text, type Operations, type Schema } from './openapi-parts.js';

const count = { type: 'integer', minimum: 0 };
const day = { type: 'string', format: 'date' };

const figures = {
  requests: count,
  input_tokens: count,
  cached_input_tokens: count,
  cache_write_input_tokens: count,
  output_tokens: count,
  reasoning_tokens: count,
  total_tokens: count,
  cost_micro_usd: { type: 'integer', description: 'Integer micro-dollars (1 USD = 1,000,000).' },
  cost_usd: { type: 'string', pattern: '^-?\\d+\\.\\d{6}$', description: 'The same cost as a decimal string.' },
  estimated_requests: count,
  client_abort_requests: count,
  upstream_error_requests: count,
  filtered_requests: count,
};

const auditFigures = {
  zero_cost_records: count,
  zero_cost_tokens: count,
  estimated_records: count,
  estimated_tokens: count,
};

const reportQuery = ['from', 'to', 'group_by', 'format'];

/** Schemas of the usage reports and the billing audit. */
export const USAGE_SCHEMAS: Record<string, Schema> = {
  UsageFigures: {
    type: 'object',
    required: Object.keys(figures),
    properties: figures,
  },
  UsageRow: {
    type: 'object',
    description:
      'One group. Only the dimensions of the grouping are present: day; project; project and deployment; model; ' +
      'project and key. A name is null once the object was removed (its usage stays).',
    required: Object.keys(figures),
    properties: {
      day,
      project_id: text,
      project: nullableText,
      deployment_id: text,
      deployment: nullableText,
      model: text,
      key_id: text,
      key: nullableText,
      ...figures,
    },
  },
  UsageReport: {
    type: 'object',
    required: ['object', 'from', 'to', 'group_by', 'data', 'totals'],
    description: 'With format=csv the answer is text/csv instead: a header row, then one row per group.',
    properties: {
      object: { const: 'list' },
      from: day,
      to: day,
      group_by: { enum: ['day', 'project', 'deployment', 'model', 'key'] },
      data: { type: 'array', items: ref('UsageRow') },
      totals: ref('UsageFigures'),
    },
  },
  UsageReconciliation: {
    type: 'object',
    required: ['object', 'from', 'to', 'days', 'findings', 'totals'],
    properties: {
      object: { const: 'usage_reconciliation' },
      from: day,
      to: day,
      days: {
        type: 'array',
        items: {
          type: 'object',
          required: ['day', 'records', 'rollup_requests', ...Object.keys(auditFigures)],
          properties: { day, records: count, rollup_requests: count, ...auditFigures },
        },
      },
      findings: {
        type: 'array',
        items: {
          type: 'object',
          required: ['day', 'project_id', 'deployment_id', 'model', 'price_card_version', ...Object.keys(auditFigures)],
          properties: {
            day,
            project_id: text,
            project: nullableText,
            deployment_id: text,
            deployment: nullableText,
            model: text,
            price_card_version: text,
            ...auditFigures,
          },
        },
      },
      totals: {
        type: 'object',
        required: ['records', 'rollup_requests', ...Object.keys(auditFigures)],
        properties: { records: count, rollup_requests: count, ...auditFigures },
      },
    },
  },
};

/** Usage by day, project, deployment, model or key, read from the ledger's day rollups; and the billing audit. */
export const USAGE_OPERATIONS: Operations = {
  '/admin/projects/{project}/usage': {
    get: {
      access: { project: 'reader' },
      summary:
        "A project's usage and cost over a range of UTC days (default: this month), grouped by day, deployment, " +
        'model or key; format=csv for a spreadsheet',
      query: reportQuery,
      responses: { '200': 'UsageReport' },
      textMediaTypes: ['text/csv'],
    },
  },
  '/admin/usage': {
    get: {
      access: 'platform-admin',
      summary:
        'Usage and cost of every project over a range of UTC days, grouped by day, project, deployment, model or key',
      query: reportQuery,
      responses: { '200': 'UsageReport' },
      textMediaTypes: ['text/csv'],
    },
  },
  '/admin/usage/reconciliation': {
    get: {
      access: 'platform-admin',
      summary:
        'Billing audit per UTC day (at most 92 days): records with tokens but no cost, estimated records, and ' +
        'whether the rollups count what the records hold',
      query: ['from', 'to'],
      responses: { '200': 'UsageReconciliation' },
    },
  },
};
