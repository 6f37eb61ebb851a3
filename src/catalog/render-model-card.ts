import type { JsonObject } from '../spec/index.js';
import type { CatalogModel, CatalogPrice, CatalogVendor } from './catalog-types.js';
import { microUsdToUsd } from './usd-decimal.js';

/** A model card as the admin API and `hangar catalog --json` show it: snake_case, prices in dollars. */
export function renderModelCard(model: CatalogModel): JsonObject {
  const parameters: JsonObject = {};
  for (const [name, parameter] of Object.entries(model.parameters)) {
    parameters[name] = { values: [...parameter.values], default: parameter.default };
  }
  return {
    object: 'model_card',
    id: model.id,
    name: model.name,
    vendor: model.vendor,
    family: model.family,
    description: model.description,
    origin: model.origin,
    modalities_in: [...model.modalitiesIn],
    modalities_out: [...model.modalitiesOut],
    context_window: model.contextWindow,
    max_output_tokens: model.maxOutputTokens,
    capabilities: [...model.capabilities],
    parameters,
    licence: model.licence,
    released: model.released,
    retires: model.retires,
    deployment_types: [...model.deploymentTypes],
    prices: model.prices.map(renderPrice),
    ...(model.origin === 'engine'
      ? {
          local: {
            architecture: model.local.architecture,
            parameters: model.local.parameterCount,
            quantisation: model.local.quantisation,
            has_chat_template: model.local.hasChatTemplate,
          },
        }
      : {}),
  };
}

function renderPrice(price: CatalogPrice): JsonObject {
  const { input, cachedInput, cacheWriteInput, output } = price.microUsdPerMillionTokens;
  const usd = (microUsd: number | null) => (microUsd === null ? null : microUsdToUsd(microUsd));
  return {
    deployment_type: price.deploymentType,
    sold_by: price.soldBy,
    prompt_tokens_above: price.promptTokensAbove,
    usd_per_million_tokens: {
      input: usd(input),
      cached_input: usd(cachedInput),
      cache_write_input: usd(cacheWriteInput),
      output: usd(output),
    },
    source: price.source,
    as_of: price.asOf,
    note: price.note,
  };
}

export function renderVendor(vendor: CatalogVendor, modelCount: number): JsonObject {
  return { object: 'vendor', id: vendor.id, name: vendor.name, website: vendor.website, model_count: modelCount };
}
