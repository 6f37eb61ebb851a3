import type { ModelCardInput, PriceInput } from './catalog-file-schema.js';
import type { CatalogFileModel, ListedPrice, ModelParameter } from './catalog-types.js';

/** A validated card from a file (snake_case) as the typed model the rest of Hangar reads. */
export function toCatalogFileModel(card: ModelCardInput, vendor: string, file: string): CatalogFileModel {
  const parameters: Record<string, ModelParameter> = {};
  for (const [name, parameter] of Object.entries(card.parameters ?? {})) {
    parameters[name] = { values: parameter.values, default: parameter.default ?? null };
  }
  return {
    origin: 'catalog',
    id: card.id,
    name: card.name,
    vendor,
    family: card.family,
    description: card.description,
    modalitiesIn: card.modalities_in,
    modalitiesOut: card.modalities_out,
    contextWindow: card.context_window,
    maxOutputTokens: card.max_output_tokens,
    capabilities: card.capabilities,
    parameters,
    licence: card.licence,
    released: card.released,
    retires: card.retires,
    deploymentTypes: card.deployment_types,
    prices: card.prices.map(toListedPrice),
    file,
  };
}

function toListedPrice(price: PriceInput): ListedPrice {
  return {
    deploymentType: price.deployment_type,
    soldBy: price.sold_by,
    promptTokensAbove: price.prompt_tokens_above ?? 0,
    microUsdPerMillionTokens: {
      input: price.input,
      cachedInput: price.cached_input,
      cacheWriteInput: price.cache_write_input,
      output: price.output,
    },
    source: price.source,
    asOf: price.as_of,
    note: price.note ?? null,
  };
}
