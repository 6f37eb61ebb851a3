import { microUsdToUsd } from '../../catalog/index.js';
import type { JsonObject } from '../../spec/index.js';
import type { PriceCard, PriceRates } from './price-card.js';
import type { PriceOverride } from './price-override.js';

const isoTime = (milliseconds: number | null) => (milliseconds === null ? null : new Date(milliseconds).toISOString());

/** Rates as the admin API shows prices: dollars per 1M tokens, as JSON numbers (exact: six decimals at most). */
export function renderRates(rates: PriceRates): JsonObject {
  return {
    input: microUsdToUsd(rates.input),
    cached_input: microUsdToUsd(rates.cachedInput),
    cache_write_input: microUsdToUsd(rates.cacheWriteInput),
    output: microUsdToUsd(rates.output),
    reasoning: microUsdToUsd(rates.reasoning),
  };
}

export function renderPriceOverride(override: PriceOverride, projectName: string): JsonObject {
  const rates = override.rates;
  const usd = (microUsd: number | null) => (microUsd === null ? null : microUsdToUsd(microUsd));
  return {
    object: 'price_override',
    id: override.id,
    project: projectName,
    model: override.model,
    deployment_type: override.deploymentType,
    usd_per_million_tokens:
      rates === null
        ? null
        : {
            input: usd(rates.input),
            cached_input: usd(rates.cachedInput),
            cache_write_input: usd(rates.cacheWriteInput),
            output: usd(rates.output),
            reasoning: usd(rates.reasoning),
          },
    discount_basis_points: override.discountBasisPoints,
    effective_from: isoTime(override.effectiveFrom),
    effective_to: isoTime(override.effectiveTo),
    created_at: isoTime(override.createdAt),
  };
}

/** The card in effect with its tiers: what `GET …/prices/effective` answers. */
export function renderEffectivePrice(
  tiers: readonly PriceCard[],
  request: { projectName: string; model: string; deploymentType: string; at: number },
): JsonObject {
  const base = tiers[0];
  if (base === undefined) throw new Error('A price has at least its base tier.');
  return {
    object: 'price_card',
    project: request.projectName,
    model: request.model,
    deployment_type: request.deploymentType,
    at: isoTime(request.at),
    version: base.version,
    origin: base.origin,
    priced_as_deployment_type: base.deploymentType,
    sold_by: base.soldBy,
    source: base.source,
    override_id: base.overrideId,
    effective_from: isoTime(base.effectiveFrom),
    effective_to: isoTime(base.effectiveTo),
    discount_basis_points: base.discountBasisPoints,
    usd_per_million_tokens: renderRates(base.rates),
    tiers: tiers.map((card) => ({
      prompt_tokens_above: card.promptTokensAbove,
      version: card.version,
      usd_per_million_tokens: renderRates(card.rates),
    })),
  };
}
