import type {
  Capability,
  CatalogModel,
  CatalogPrice,
  DeploymentType,
  InputModality,
  OutputModality,
} from './catalog-types.js';
import { parseUsdDecimal } from './usd-decimal.js';

export interface CatalogQuery {
  /** Words that must all appear (any case) in the id, name, vendor, family or description. */
  q?: string;
  vendor?: string;
  /** Every capability listed must be present. */
  capability?: Capability | readonly Capability[];
  /** US dollars per 1M tokens, at most six decimals (`2.5`, `"0.075"`). */
  maxInputPrice?: number | string;
  maxOutputPrice?: number | string;
  deploymentType?: DeploymentType;
  /** Taken in or given out. */
  modality?: InputModality | OutputModality;
}

/**
 * The models that match every given filter, in catalog order. Price filters (and `deploymentType` with them)
 * look at one price at a time: a model matches when a single base-tier price, of that deployment type if one
 * is given, is within both limits, so a cheap batch input never pairs with a dear standard output.
 */
export function searchCatalog<Model extends CatalogModel>(
  catalog: { models: readonly Model[] },
  query: CatalogQuery = {},
): Model[] {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const capabilities = query.capability === undefined ? [] : [query.capability].flat();
  const maxInput = priceLimit('maxInputPrice', query.maxInputPrice);
  const maxOutput = priceLimit('maxOutputPrice', query.maxOutputPrice);
  return catalog.models.filter((model) => {
    if (query.vendor !== undefined && model.vendor !== query.vendor.toLowerCase()) return false;
    if (!capabilities.every((capability) => model.capabilities.includes(capability))) return false;
    if (query.modality !== undefined && !hasModality(model, query.modality)) return false;
    if (query.deploymentType !== undefined && !model.deploymentTypes.includes(query.deploymentType)) return false;
    if (words.length > 0) {
      const haystack = [model.id, model.name, model.vendor, model.family, model.description].join(' ').toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    if (maxInput === undefined && maxOutput === undefined) return true;
    return model.prices.some((price: CatalogPrice) => {
      if (price.promptTokensAbove !== 0) return false;
      if (query.deploymentType !== undefined && price.deploymentType !== query.deploymentType) return false;
      const { input, output } = price.microUsdPerMillionTokens;
      return (maxInput === undefined || input <= maxInput) && (maxOutput === undefined || (output ?? 0) <= maxOutput);
    });
  });
}

/** Compared in micro-dollars, as the prices are; a limit that is not a price is the caller's bug. */
function priceLimit(name: string, value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseUsdDecimal(value);
  if (!parsed.ok) throw new RangeError(`${name} ${parsed.problem}`);
  return parsed.microUsd;
}

function hasModality(model: CatalogModel, modality: InputModality | OutputModality): boolean {
  return (
    (model.modalitiesIn as readonly string[]).includes(modality) ||
    (model.modalitiesOut as readonly string[]).includes(modality)
  );
}

/** The base-tier price with the lowest input price, for one-line listings. */
export function cheapestPrice<Price extends CatalogPrice>(
  prices: readonly Price[],
  deploymentType?: DeploymentType,
): Price | undefined {
  let cheapest: Price | undefined;
  for (const price of prices) {
    if (price.promptTokensAbove !== 0) continue;
    if (deploymentType !== undefined && price.deploymentType !== deploymentType) continue;
    if (cheapest === undefined || price.microUsdPerMillionTokens.input < cheapest.microUsdPerMillionTokens.input) {
      cheapest = price;
    }
  }
  return cheapest;
}
