export type {
  Capability,
  Catalog,
  CatalogFileModel,
  CatalogModel,
  CatalogPrice,
  CatalogVendor,
  DeploymentType,
  InputModality,
  ListedPrice,
  LocalModelCard,
  MicroUsdPerMillionTokens,
  ModelParameter,
  OutputModality,
  SelfHostedPrice,
  Seller,
} from './catalog-types.js';
export {
  CAPABILITIES,
  DEPLOYMENT_TYPES,
  INPUT_MODALITIES,
  LOCAL_VENDOR_ID,
  OUTPUT_MODALITIES,
  SELLERS,
} from './catalog-types.js';
export { CatalogError } from './catalog-error.js';
export { defaultCatalogDirectory } from './default-catalog-directory.js';
export { loadCatalog } from './load-catalog.js';
export type { LocalModelInput } from './local-model-cards.js';
export { LOCAL_VENDOR, localModelCards } from './local-model-cards.js';
export { renderModelCard, renderVendor } from './render-model-card.js';
export type { CatalogQuery } from './search-catalog.js';
export { cheapestPrice, searchCatalog } from './search-catalog.js';
export type { UsdDecimalResult } from './usd-decimal.js';
export { formatMicroUsd, formatPriceUsd, microUsdToUsd, parseUsdDecimal } from './usd-decimal.js';
