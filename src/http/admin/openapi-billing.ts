import { DEPLOYMENT_TYPE_OPTIONS } from '../../spec/index.js';
import { nullableText, nullableTime, text, time, type Operations, type Schema } from './openapi-parts.js';

const microUsd = { type: 'integer', description: 'Integer micro-dollars (1 USD = 1,000,000); negative for a credit.' };
const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' };
const basisPoints = { type: 'integer', minimum: 0, maximum: 10_000 };
const usdPrice = {
  type: ['number', 'string'],
  description: 'US dollars per 1M tokens, at most six decimals (2.5, "0.075").',
};
const usdRate = { type: 'number', minimum: 0, description: 'US dollars per 1M tokens.' };
const rates = {
  type: 'object',
  required: ['input', 'cached_input', 'cache_write_input', 'output', 'reasoning'],
  properties: {
    input: usdRate,
    cached_input: usdRate,
    cache_write_input: usdRate,
    output: usdRate,
    reasoning: usdRate,
  },
};
const nullableRate = { type: ['number', 'null'], minimum: 0 };
const deploymentType = { enum: [...DEPLOYMENT_TYPE_OPTIONS] };
const tokenKind = { enum: ['input', 'cached_input', 'cache_write_input', 'output', 'reasoning'] };

/** Schemas of price overrides, price cards and invoices. */
export const BILLING_SCHEMAS: Record<string, Schema> = {
  PriceOverrideInput: {
    type: 'object',
    required: ['model'],
    additionalProperties: false,
    description: 'Exactly one of usd_per_million_tokens (explicit prices) and discount_basis_points (off the catalog).',
    properties: {
      model: text,
      deployment_type: { enum: [...DEPLOYMENT_TYPE_OPTIONS, null], description: 'Absent or null: every type.' },
      usd_per_million_tokens: {
        type: 'object',
        required: ['input', 'output'],
        additionalProperties: false,
        description: 'cached_input and cache_write_input default to input; reasoning defaults to output.',
        properties: {
          input: usdPrice,
          cached_input: usdPrice,
          cache_write_input: usdPrice,
          output: usdPrice,
          reasoning: usdPrice,
        },
      },
      discount_basis_points: { type: 'integer', minimum: 1, maximum: 10_000, description: '1500 is 15 % off.' },
      effective_from: { ...text, description: 'A date (from 00:00 UTC) or an ISO 8601 time; absent: now.' },
      effective_to: { ...nullableText, description: 'Exclusive; absent or null: until removed.' },
    },
  },
  PriceOverride: {
    type: 'object',
    required: ['object', 'id', 'project', 'model', 'deployment_type', 'usd_per_million_tokens', 'effective_from'],
    properties: {
      object: { const: 'price_override' },
      id: text,
      project: text,
      model: text,
      deployment_type: { enum: [...DEPLOYMENT_TYPE_OPTIONS, null] },
      usd_per_million_tokens: {
        type: ['object', 'null'],
        properties: {
          input: usdRate,
          cached_input: nullableRate,
          cache_write_input: nullableRate,
          output: usdRate,
          reasoning: nullableRate,
        },
      },
      discount_basis_points: { type: ['integer', 'null'], minimum: 1, maximum: 10_000 },
      effective_from: time,
      effective_to: nullableTime,
      created_at: time,
    },
  },
  PriceOverrideDeleted: {
    type: 'object',
    required: ['object', 'project', 'id', 'deleted'],
    properties: { object: { const: 'price_override' }, project: text, id: text, deleted: { const: true } },
  },
  PriceCard: {
    type: 'object',
    required: ['object', 'version', 'origin', 'usd_per_million_tokens', 'tiers'],
    description:
      'The card that prices the project’s requests now: an override, else the catalog’s card for the type (or its ' +
      'fallback, priced_as_deployment_type), else unpriced (0).',
    properties: {
      object: { const: 'price_card' },
      project: text,
      model: text,
      deployment_type: deploymentType,
      at: time,
      version: text,
      origin: { enum: ['catalog', 'override', 'unpriced'] },
      priced_as_deployment_type: nullableText,
      sold_by: nullableText,
      source: nullableText,
      override_id: nullableText,
      effective_from: nullableTime,
      effective_to: nullableTime,
      discount_basis_points: basisPoints,
      usd_per_million_tokens: rates,
      tiers: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['prompt_tokens_above', 'version', 'usd_per_million_tokens'],
          properties: {
            prompt_tokens_above: { type: 'integer', minimum: 0 },
            version: text,
            usd_per_million_tokens: rates,
          },
        },
      },
    },
  },
  InvoiceSummary: {
    type: 'object',
    required: ['object', 'project', 'month', 'status', 'total_micro_usd'],
    properties: {
      object: { const: 'invoice_summary' },
      project: text,
      month,
      status: { enum: ['open', 'closed'] },
      currency: { const: 'USD' },
      total_micro_usd: microUsd,
      closed_at: nullableTime,
    },
  },
  Invoice: {
    type: 'object',
    required: ['object', 'month', 'status', 'lines', 'subtotal_micro_usd', 'tax_micro_usd', 'total_micro_usd'],
    description:
      'With format=csv the answer is text/csv (a row per line, then subtotal, tax and total rows); with format=html, ' +
      'a printable page with inline CSS and no external assets.',
    properties: {
      object: { const: 'invoice' },
      id: { ...nullableText, description: 'Null while the month is open.' },
      project: nullableText,
      month,
      status: { enum: ['open', 'closed'] },
      currency: { const: 'USD' },
      period_start: time,
      period_end: time,
      closed_at: nullableTime,
      lines: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'usage_month', 'deployment_id', 'model', 'items', 'amount_micro_usd'],
          properties: {
            kind: { enum: ['usage', 'adjustment'] },
            usage_month: month,
            deployment: nullableText,
            deployment_id: text,
            model: text,
            deployment_type: text,
            price_card_version: nullableText,
            requests: { type: 'integer' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                required: ['token_kind', 'tokens', 'unit_price_usd_per_million_tokens', 'list_amount_micro_usd'],
                properties: {
                  token_kind: tokenKind,
                  tokens: { type: 'integer' },
                  unit_price_usd_per_million_tokens: usdRate,
                  discount_basis_points: basisPoints,
                  list_amount_micro_usd: microUsd,
                },
              },
            },
            list_amount_micro_usd: { ...microUsd, description: 'The items at the unit prices shown.' },
            amount_micro_usd: { ...microUsd, description: "Billed: the sum of the ledger's per-request costs." },
          },
        },
      },
      subtotal_micro_usd: microUsd,
      tax_rate_basis_points: basisPoints,
      tax_micro_usd: microUsd,
      total_micro_usd: microUsd,
    },
  },
  InvoiceClosing: {
    type: 'object',
    required: ['object', 'month', 'closed', 'already_closed'],
    properties: {
      object: { const: 'invoice_closing' },
      month,
      closed: {
        type: 'array',
        items: {
          type: 'object',
          required: ['project_id', 'total_micro_usd'],
          properties: { project: nullableText, project_id: text, total_micro_usd: microUsd },
        },
      },
      already_closed: { type: 'integer', minimum: 0 },
    },
  },
};

/** Price overrides (platform admins set them, project readers see them) and invoices. */
export const BILLING_OPERATIONS: Operations = {
  '/admin/projects/{project}/prices': {
    get: {
      access: { project: 'reader' },
      summary: "A project's price overrides",
      responses: { '200': 'list:PriceOverride' },
    },
    post: {
      access: 'platform-admin',
      summary: 'Give a project its own price for a model: explicit prices or a discount off the catalog',
      body: 'PriceOverrideInput',
      responses: { '201': 'PriceOverride' },
    },
  },
  '/admin/projects/{project}/prices/effective': {
    get: {
      access: { project: 'reader' },
      summary: "The price card in effect now for the project's requests to a model",
      query: ['model', 'deployment_type'],
      responses: { '200': 'PriceCard' },
    },
  },
  '/admin/projects/{project}/prices/{id}': {
    delete: {
      access: 'platform-admin',
      summary: 'Remove a price override',
      responses: { '200': 'PriceOverrideDeleted' },
    },
  },
  '/admin/projects/{project}/invoices': {
    get: {
      access: { project: 'reader' },
      summary: "A project's invoices by month, open and closed",
      responses: { '200': 'list:InvoiceSummary' },
    },
  },
  '/admin/projects/{project}/invoices/{month}': {
    get: {
      access: { project: 'reader' },
      summary: "A month's invoice (YYYY-MM, UTC) as JSON, CSV or printable HTML",
      query: ['format'],
      responses: { '200': 'Invoice' },
      textMediaTypes: ['text/csv', 'text/html'],
    },
  },
  '/admin/invoices/close': {
    post: {
      access: 'platform-admin',
      summary: "Close a month that has ended: freeze every project's invoice for it",
      query: ['month'],
      responses: { '200': 'InvoiceClosing' },
    },
  },
};
