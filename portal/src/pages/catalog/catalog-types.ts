/** The catalog's answers (GET /admin/catalog/models, /vendors), as the admin API spells them. */
export interface CatalogPrice {
  deployment_type: string;
  sold_by: string | null;
  /** A tier: the price applies to prompts longer than this many tokens (0: every prompt). */
  prompt_tokens_above: number | null;
  usd_per_million_tokens: {
    input?: number | null;
    cached_input?: number | null;
    cache_write_input?: number | null;
    output?: number | null;
  };
  source: string | null;
  as_of: string | null;
  note: string | null;
}

export interface ModelCard {
  object: 'model_card';
  id: string;
  name?: string;
  vendor: string;
  family: string;
  description?: string | null;
  origin?: 'catalog' | 'engine';
  modalities_in?: string[];
  modalities_out?: string[];
  context_window?: number | null;
  max_output_tokens?: number | null;
  capabilities: string[];
  licence?: string | null;
  released?: string | null;
  retires?: string | null;
  deployment_types?: string[];
  prices: CatalogPrice[];
}

export interface Vendor {
  object: 'vendor';
  id: string;
  name: string;
  website?: string | null;
  model_count?: number;
}

/** The filters GET /admin/catalog/models takes (src/catalog/catalog-types.ts lists the values). */
export const CAPABILITIES = ['tools', 'json_schema', 'reasoning', 'vision', 'embeddings'] as const;
export const CATALOG_DEPLOYMENT_TYPES = [
  'global-standard',
  'data-zone-standard',
  'standard',
  'provisioned',
  'batch',
  'managed',
] as const;
export const MODALITIES = ['text', 'image', 'audio', 'video', 'embedding'] as const;

const CAPABILITY_NAMES: Record<string, string> = {
  tools: 'Tools',
  json_schema: 'JSON schema',
  reasoning: 'Reasoning',
  vision: 'Vision',
  embeddings: 'Embeddings',
};

export function capabilityName(capability: string): string {
  return CAPABILITY_NAMES[capability] ?? capability;
}

export function modelTitle(model: ModelCard): string {
  return model.name ?? model.id;
}

/** Token counts as people say them: 131072 → "128K", 1048576 → "1M", 128000 → "128K". */
export function tokens(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const round = (amount: number) => String(Math.round(amount * 10) / 10);
  // Vendors write both 128,000 and 131,072 as "128K": a round decimal count is read as decimal, else as binary.
  if (value >= 1_000_000) {
    return `${round(value % 1_000_000 !== 0 && value % 1_048_576 === 0 ? value / 1_048_576 : value / 1_000_000)}M`;
  }
  if (value >= 1000) return `${round(value % 1000 !== 0 && value % 1024 === 0 ? value / 1024 : value / 1000)}K`;
  return String(value);
}

/** Dollars per million tokens as the catalog gives them (a number of dollars, not micro-dollars). */
export function perMillion(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}

/** "global-standard (Azure)", "standard (vendor), prompts over 200K". */
export function priceLabel(price: CatalogPrice): string {
  const seller = price.sold_by === null ? '' : ` (${price.sold_by === 'azure' ? 'Azure' : price.sold_by})`;
  const tier =
    price.prompt_tokens_above !== null && price.prompt_tokens_above > 0
      ? `, prompts over ${tokens(price.prompt_tokens_above)}`
      : '';
  return `${price.deployment_type}${seller}${tier}`;
}

/** A date (YYYY-MM-DD) as "1 Dec 2026"; UTC, as the catalog's dates are. */
export function day(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
}

/** True when the date has passed (the model is retired). */
export function isPast(iso: string, now = Date.now()): boolean {
  return Date.parse(`${iso}T00:00:00Z`) <= now;
}
