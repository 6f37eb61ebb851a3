import type { ModelCard, Vendor } from './catalog-types';

/** Catalog answers for the component tests, shaped like GET /admin/catalog/models. */
export const GPT_4O: ModelCard = {
  object: 'model_card',
  id: 'gpt-4o',
  name: 'GPT-4o',
  vendor: 'openai',
  family: 'gpt-4o',
  description: 'Multimodal model for chat, tools and vision.',
  origin: 'catalog',
  modalities_in: ['text', 'image'],
  modalities_out: ['text'],
  context_window: 128_000,
  max_output_tokens: 16_384,
  capabilities: ['tools', 'json_schema', 'vision'],
  licence: 'proprietary',
  released: '2024-05-13',
  retires: '2099-03-01',
  deployment_types: ['global-standard', 'standard'],
  prices: [
    {
      deployment_type: 'global-standard',
      sold_by: 'azure',
      prompt_tokens_above: 0,
      usd_per_million_tokens: { input: 2.5, cached_input: 1.25, cache_write_input: null, output: 10 },
      source: null,
      as_of: '2025-06-01',
      note: null,
    },
  ],
};

export const GEMINI_FLASH: ModelCard = {
  object: 'model_card',
  id: 'gemini-2.5-flash',
  name: 'Gemini 2.5 Flash',
  vendor: 'google',
  family: 'gemini-2.5',
  description: 'Fast thinking model with a 1M-token context.',
  origin: 'catalog',
  modalities_in: ['text', 'image', 'audio', 'video'],
  modalities_out: ['text'],
  context_window: 1_048_576,
  max_output_tokens: 65_536,
  capabilities: ['tools', 'reasoning'],
  licence: 'proprietary',
  released: '2025-06-17',
  retires: null,
  deployment_types: ['standard', 'batch'],
  prices: [
    {
      deployment_type: 'standard',
      sold_by: 'vendor',
      prompt_tokens_above: 0,
      usd_per_million_tokens: { input: 0.3, cached_input: 0.075, cache_write_input: null, output: 2.5 },
      source: null,
      as_of: '2025-06-17',
      note: null,
    },
  ],
};

export const PHI: ModelCard = {
  object: 'model_card',
  id: 'phi-4',
  name: 'Phi-4',
  vendor: 'microsoft',
  family: 'phi-4',
  description: 'Small open model.',
  origin: 'catalog',
  modalities_in: ['text'],
  modalities_out: ['text'],
  context_window: 16_384,
  max_output_tokens: 16_384,
  capabilities: [],
  licence: 'MIT',
  released: '2024-12-12',
  retires: null,
  deployment_types: ['global-standard'],
  prices: [],
};

export const VENDORS: Vendor[] = [
  { object: 'vendor', id: 'openai', name: 'OpenAI', model_count: 1 },
  { object: 'vendor', id: 'google', name: 'Google', model_count: 1 },
  { object: 'vendor', id: 'microsoft', name: 'Microsoft', model_count: 1 },
];

export const list = <T>(data: T[]) => ({ object: 'list', data });
