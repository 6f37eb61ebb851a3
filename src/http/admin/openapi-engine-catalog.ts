import { nullableText, ref, text, time, type Schema } from './openapi-parts.js';

const integer = { type: 'integer' };
const nullableInteger = { type: ['integer', 'null'] };
const nullableNumber = { type: ['number', 'null'] };
const date = { type: ['string', 'null'], format: 'date' };
const strings = { type: 'array', items: text };

/** Schemas of the local engine's routes and of the model catalog. */
export const ENGINE_AND_CATALOG_SCHEMAS: Record<string, Schema> = {
  Engine: {
    type: 'object',
    required: ['object', 'threads', 'gpu', 'loaded'],
    properties: {
      object: { const: 'engine' },
      threads: integer,
      gpu: { type: ['string', 'boolean'] },
      accelerator: nullableText,
      memory_budget_bytes: integer,
      memory_used_bytes: integer,
      loaded: { type: 'array', items: ref('LoadedModel') },
    },
  },
  LocalModel: {
    type: 'object',
    required: ['object', 'name', 'size_bytes', 'loaded'],
    properties: {
      object: { const: 'local_model' },
      name: text,
      file: text,
      size_bytes: integer,
      sha256: nullableText,
      source: nullableText,
      added_at: time,
      architecture: nullableText,
      parameters: nullableInteger,
      quantisation: nullableText,
      context_length: nullableInteger,
      has_chat_template: { type: 'boolean' },
      loaded: { type: 'boolean' },
    },
  },
  ModelPullInput: {
    type: 'object',
    required: ['source'],
    additionalProperties: false,
    properties: {
      source: {
        type: 'string',
        description: 'hf:OWNER/REPO/FILE.gguf, hf:OWNER/REPO[@REVISION]:QUANTISATION or a URL',
      },
      name: { type: 'string', description: 'Defaults to the file name without .gguf' },
      sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
      stream: { type: 'boolean', default: true },
    },
  },
  ModelPull: {
    type: 'object',
    required: ['object', 'id', 'source', 'status', 'completed_bytes', 'total_bytes', 'started_at'],
    properties: {
      object: { const: 'model_pull' },
      id: text,
      source: text,
      name: nullableText,
      resolved_source: nullableText,
      status: { enum: ['resolving', 'downloading', 'verifying', 'success', 'error', 'cancelled'] },
      completed_bytes: integer,
      total_bytes: nullableInteger,
      started_at: time,
      model: { ...ref('LocalModel'), description: 'Once status is success.' },
      sha256_verified: { type: 'boolean' },
      resumed_from_bytes: integer,
      error: {
        type: 'object',
        description: 'Once status is error or cancelled.',
        required: ['message', 'type', 'code'],
        properties: { message: text, type: text, param: nullableText, code: text },
      },
    },
  },
  LoadedModel: {
    type: 'object',
    required: ['object', 'name', 'memory_bytes', 'context_size', 'slots'],
    properties: {
      object: { const: 'loaded_model' },
      name: text,
      path: text,
      memory_bytes: integer,
      context_size: integer,
      slots: integer,
      busy_slots: integer,
      queued: integer,
      in_use: integer,
      loaded_at: time,
      load_duration_ms: { type: 'number' },
      chat_template: text,
      keep_alive_ms: integer,
      expires_at: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  UnloadedModel: {
    type: 'object',
    required: ['object', 'name', 'unloaded', 'unloads_when_idle'],
    properties: {
      object: { const: 'loaded_model' },
      name: text,
      unloaded: { type: 'boolean' },
      unloads_when_idle: { type: 'boolean' },
    },
  },
  ModelCard: {
    type: 'object',
    required: ['object', 'id', 'vendor', 'family', 'capabilities', 'prices'],
    properties: {
      object: { const: 'model_card' },
      id: text,
      name: text,
      vendor: text,
      family: text,
      description: nullableText,
      origin: { enum: ['catalog', 'engine'] },
      modalities_in: strings,
      modalities_out: strings,
      context_window: nullableInteger,
      max_output_tokens: nullableInteger,
      capabilities: strings,
      parameters: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { values: strings, default: nullableText },
        },
      },
      licence: nullableText,
      released: date,
      retires: date,
      deployment_types: strings,
      prices: { type: 'array', items: ref('Price') },
      local: {
        type: 'object',
        description: 'Only on models the local engine registers.',
        properties: {
          architecture: nullableText,
          parameters: nullableInteger,
          quantisation: nullableText,
          has_chat_template: { type: 'boolean' },
        },
      },
    },
  },
  Price: {
    type: 'object',
    required: ['deployment_type', 'usd_per_million_tokens', 'source'],
    properties: {
      deployment_type: text,
      sold_by: nullableText,
      prompt_tokens_above: nullableInteger,
      usd_per_million_tokens: {
        type: 'object',
        properties: {
          input: nullableNumber,
          cached_input: nullableNumber,
          cache_write_input: nullableNumber,
          output: nullableNumber,
        },
      },
      source: { type: ['string', 'null'], format: 'uri' },
      as_of: date,
      note: nullableText,
    },
  },
  Vendor: {
    type: 'object',
    required: ['object', 'id', 'name'],
    properties: { object: { const: 'vendor' }, id: text, name: text, website: nullableText, model_count: integer },
  },
};
