/** Explicit rates of an override, in integer micro-dollars per 1M tokens; null buckets fall back as documented. */
export interface OverrideRates {
  input: number;
  /** Null: the override's input rate. */
  cachedInput: number | null;
  /** Null: the override's input rate. */
  cacheWriteInput: number | null;
  output: number;
  /** Null: the override's output rate. */
  reasoning: number | null;
}

/**
 * A project's own price for a model, replacing the catalog card while it is in effect: either explicit rates or
 * a discount off the catalog card (which then still picks the long-prompt tier).
 */
export interface PriceOverride {
  id: string;
  projectId: string;
  model: string;
  /** Null: every deployment type of the model. */
  deploymentType: string | null;
  /** Exactly one of `rates` and `discountBasisPoints` is set. */
  rates: OverrideRates | null;
  discountBasisPoints: number | null;
  /** Unix ms. */
  effectiveFrom: number;
  /** Unix ms, exclusive; null: until replaced or removed. */
  effectiveTo: number | null;
  createdAt: number;
}
