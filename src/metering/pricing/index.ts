export type { PricedUsage, PriceQuery, Pricer } from './pricer.js';
export type { PriceCard, PriceRates, TokenKind } from './price-card.js';
export { TOKEN_KINDS, TOKEN_KIND_WIRE_NAMES, unpricedCard } from './price-card.js';
export type { OverrideRates, PriceOverride } from './price-override.js';
export { costOfTokens } from './cost-of-tokens.js';
export { createCatalogPricer, type CatalogPricer } from './create-catalog-pricer.js';
export {
  createPriceOverrideService,
  type PriceChangeNotices,
  type PriceOverrideService,
  type PriceOverrideServiceOptions,
} from './price-override-service.js';
