import type { TokenCounts } from '../usage-record.js';

export interface PriceQuery {
  projectId: string;
  /** Catalog model id. */
  model: string;
  deploymentType: string;
  /** The request's time: the price card in effect then applies. */
  at: number;
  /**
   * Who sold the tokens, `azure` or `vendor`, when the catalog has both prices for the deployment type; absent:
   * Azure's, since Hangar's deployment types are Azure's.
   */
  seller?: string;
}

export interface PricedUsage {
  costMicroUsd: number;
  /** Names the card and its version, so a record says how it was priced. */
  priceCardVersion: string;
}

/** Turns token counts into money with the price card in effect for the project, model and deployment type. */
export interface Pricer {
  price(query: PriceQuery, tokens: TokenCounts): PricedUsage;
}
