/**
 * Rates of every token bucket, in integer micro-dollars per 1M tokens (numerically pico-dollars per token), with
 * the catalog's nulls already resolved: a card always says what each bucket costs.
 */
export interface PriceRates {
  input: number;
  /** The catalog's cached-input price; the input rate when the card has none (no cache discount). */
  cachedInput: number;
  /** The catalog's cache-write price; the input rate when the card has none. */
  cacheWriteInput: number;
  /** 0 for embedding models, which produce no output tokens. */
  output: number;
  /** The output rate unless a card (an override) prices reasoning on its own. */
  reasoning: number;
}

export const TOKEN_KINDS = ['input', 'cachedInput', 'cacheWriteInput', 'output', 'reasoning'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** The spelling of each bucket on the wire (admin API, CSV). */
export const TOKEN_KIND_WIRE_NAMES: Readonly<Record<TokenKind, string>> = {
  input: 'input',
  cachedInput: 'cached_input',
  cacheWriteInput: 'cache_write_input',
  output: 'output',
  reasoning: 'reasoning',
};

/** The price that applies to a request: where it comes from, since when, and its rates. */
export interface PriceCard {
  /** Recorded with every priced usage record: `catalog:grok-3:global-standard@2025-05-19`, `override:<id>`. */
  version: string;
  origin: 'catalog' | 'override' | 'unpriced';
  model: string;
  /**
   * The deployment type the prices were published for, which differs from the request's when the catalog has
   * no price for that type and a fallback applied; null for an override that covers every type, or no price.
   */
  deploymentType: string | null;
  /** `vendor` or `azure` for catalog prices; null otherwise. */
  soldBy: string | null;
  /** The pricing page a catalog price was read from. */
  source: string | null;
  /** Unix ms the card applies from (a catalog card: 00:00 UTC of its `as_of` date); null: always. */
  effectiveFrom: number | null;
  /** Unix ms it stops applying (overrides only); null: open-ended. */
  effectiveTo: number | null;
  /** The long-prompt tier: the card applies when the prompt has more tokens than this; 0 is the base tier. */
  promptTokensAbove: number;
  /** List rates; the discount below comes off them. */
  rates: PriceRates;
  /** Basis points (1/100 of a percent) off every rate; 0 for most cards. */
  discountBasisPoints: number;
  /** The override's id when `origin` is `override`. */
  overrideId: string | null;
}

export const ZERO_RATES: PriceRates = { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 };

/** What models without any price are priced with: nothing, visibly (`unpriced:<model>`), never silently. */
export function unpricedCard(model: string): PriceCard {
  return {
    version: `unpriced:${model}`,
    origin: 'unpriced',
    model,
    deploymentType: null,
    soldBy: null,
    source: null,
    effectiveFrom: null,
    effectiveTo: null,
    promptTokensAbove: 0,
    rates: ZERO_RATES,
    discountBasisPoints: 0,
    overrideId: null,
  };
}
