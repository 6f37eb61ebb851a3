import { nullableText, text, time, type Operations, type Schema } from './openapi-parts.js';

const microUsd = { type: 'integer', minimum: 0, description: 'Integer micro-dollars (1 USD = 1,000,000).' };
const thresholds = {
  type: 'array',
  maxItems: 10,
  items: { type: 'integer', minimum: 1, maximum: 1000 },
  description: 'Percents of the limit at which an alert is raised, once per month each.',
};
const webhookUrl = { type: ['string', 'null'], format: 'uri', description: 'Where alerts are POSTed.' };
const webhookSecret = {
  type: ['string', 'null'],
  minLength: 16,
  maxLength: 512,
  writeOnly: true,
  description: 'Signs each alert: `x-hangar-signature: sha256=<hex HMAC-SHA256 of the body>`.',
};
const limit = { ...microUsd, minimum: 1, maximum: 1e15 };
const hardLimit = {
  type: 'boolean',
  description:
    'Refuse requests whose worst-case cost would pass the limit (429 insufficient_quota); false: alerts only.',
};

/** Schemas of budgets and their events. */
export const BUDGET_SCHEMAS: Record<string, Schema> = {
  BudgetInput: {
    type: 'object',
    required: ['monthly_limit_micro_usd'],
    additionalProperties: false,
    properties: {
      key: {
        ...nullableText,
        description: "A key's name: the budget covers that key only. Absent: the whole project.",
      },
      monthly_limit_micro_usd: limit,
      hard_limit: { ...hardLimit, default: true },
      alert_thresholds: { ...thresholds, default: [50, 80, 100] },
      webhook_url: webhookUrl,
      webhook_secret: webhookSecret,
    },
  },
  BudgetUpdate: {
    type: 'object',
    additionalProperties: false,
    description: 'Absent fields stay as they are; null clears webhook_url or webhook_secret.',
    properties: {
      monthly_limit_micro_usd: limit,
      hard_limit: hardLimit,
      alert_thresholds: thresholds,
      webhook_url: webhookUrl,
      webhook_secret: webhookSecret,
    },
  },
  Budget: {
    type: 'object',
    required: ['object', 'id', 'project', 'key', 'monthly_limit_micro_usd', 'month', 'spend_micro_usd', 'percent'],
    properties: {
      object: { const: 'budget' },
      id: text,
      project: text,
      key: nullableText,
      monthly_limit_micro_usd: microUsd,
      hard_limit: { type: 'boolean' },
      alert_thresholds: thresholds,
      webhook_url: nullableText,
      has_webhook_secret: { type: 'boolean' },
      month: { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'The current month, UTC.' },
      spend_micro_usd: { ...microUsd, description: "This month's settled spend, micro-dollars." },
      reserved_micro_usd: { ...microUsd, description: 'Worst-case cost of requests in progress, micro-dollars.' },
      percent: { type: 'number', description: 'spend / limit × 100, two decimals.' },
      resets_at: time,
      created_at: time,
      updated_at: time,
    },
  },
  BudgetEvent: {
    type: 'object',
    required: ['object', 'id', 'budget', 'month', 'threshold', 'status'],
    properties: {
      object: { const: 'budget_event' },
      id: text,
      budget: text,
      month: text,
      threshold: { type: 'integer' },
      spend_micro_usd: microUsd,
      limit_micro_usd: microUsd,
      status: { enum: ['delivered', 'pending', 'failed', 'no_webhook'] },
      attempts: { type: 'integer', minimum: 0 },
      last_error: nullableText,
      created_at: time,
      delivered_at: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  BudgetDeleted: {
    type: 'object',
    required: ['object', 'project', 'id', 'deleted'],
    properties: { object: { const: 'budget' }, project: text, id: text, deleted: { const: true } },
  },
};

/** A project's budgets: readers see them and their events; contributors set them, as Azure's budgets need. */
export const BUDGET_OPERATIONS: Operations = {
  '/admin/projects/{project}/budgets': {
    get: {
      access: { project: 'reader' },
      summary: "A project's monthly budgets, with this month's spend",
      responses: { '200': 'list:Budget' },
    },
    post: {
      access: { project: 'contributor' },
      summary: 'Set a monthly budget on the project or one of its keys',
      body: 'BudgetInput',
      responses: { '201': 'Budget' },
    },
  },
  '/admin/projects/{project}/budgets/{id}': {
    patch: {
      access: { project: 'contributor' },
      summary: "Change a budget's limit, thresholds or webhook",
      body: 'BudgetUpdate',
      responses: { '200': 'Budget' },
    },
    delete: { access: { project: 'contributor' }, summary: 'Remove a budget', responses: { '200': 'BudgetDeleted' } },
  },
  '/admin/projects/{project}/budgets/{id}/events': {
    get: {
      access: { project: 'reader' },
      summary: 'The alerts a budget raised, newest first, with their webhook delivery',
      responses: { '200': 'list:BudgetEvent' },
    },
  },
};
