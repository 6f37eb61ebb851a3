import type { Catalog } from '../../catalog/index.js';
import type { TokenCounts } from '../usage-record.js';
import { CatalogPriceIndex } from './catalog-price-index.js';
import { costOfTokens } from './cost-of-tokens.js';
import { unpricedCard, type PriceCard } from './price-card.js';
import type { OverrideRates, PriceOverride } from './price-override.js';
import type { PricedUsage, PriceQuery, Pricer } from './pricer.js';

/** The pricer the gateway runs: the catalog's cards, with each project's overrides held in memory. */
export interface CatalogPricer extends Pricer {
  /** The card that prices a request of `promptTokens` prompt tokens (which picks a long-prompt tier). */
  cardFor(query: PriceQuery, promptTokens?: number): PriceCard;
  /** The card in effect with every long-prompt tier of it, base tier first (one card when there are no tiers). */
  tiersFor(query: PriceQuery): PriceCard[];
  /** Whether the catalog prices the model at all (a discount needs a list price to come off). */
  hasCatalogPrice(model: string): boolean;
  /** Replaces every override held in memory: after a change, or another replica's notice. */
  replaceOverrides(overrides: readonly PriceOverride[]): void;
}

/**
 * Prices requests without touching the database: the catalog is indexed once, overrides are replaced as a
 * whole when they change. An override in effect for the project and model wins over the catalog; see
 * docs/operations.md (Billing) for every rule.
 */
export function createCatalogPricer(
  catalog: Pick<Catalog, 'models'>,
  overrides: readonly PriceOverride[] = [],
): CatalogPricer {
  const index = new CatalogPriceIndex(catalog);
  let byProjectAndModel = groupOverrides(overrides);

  /** The first in rank order that is in effect and covers the type: the override that applies. */
  const overrideFor = (query: PriceQuery): PriceOverride | undefined => {
    const candidates = byProjectAndModel.get(overrideKey(query.projectId, query.model));
    if (candidates === undefined) return undefined;
    for (const override of candidates) {
      if (override.deploymentType !== null && override.deploymentType !== query.deploymentType) continue;
      if (override.effectiveFrom > query.at) continue;
      if (override.effectiveTo !== null && override.effectiveTo <= query.at) continue;
      return override;
    }
    return undefined;
  };

  const catalogCard = (query: PriceQuery, promptTokens: number) =>
    index.find(query.model, query.deploymentType, query.at, promptTokens, query.seller);

  const cardFor = (query: PriceQuery, promptTokens = 0): PriceCard => {
    const override = overrideFor(query);
    if (override === undefined) return catalogCard(query, promptTokens) ?? unpricedCard(query.model);
    if (override.rates !== null) return explicitCard(override, override.rates);
    const listed = catalogCard(query, promptTokens);
    return listed === undefined ? unpricedCard(query.model) : discountCard(override, listed);
  };

  return {
    price(query: PriceQuery, tokens: TokenCounts): PricedUsage {
      const card = cardFor(query, tokens.input + tokens.cachedInput + tokens.cacheWriteInput);
      return {
        costMicroUsd: costOfTokens(tokens, card.rates, card.discountBasisPoints),
        priceCardVersion: card.version,
      };
    },
    cardFor,
    tiersFor(query) {
      const override = overrideFor(query);
      if (override !== undefined && override.rates !== null) return [explicitCard(override, override.rates)];
      const tiers = index.tiersAt(query.model, query.deploymentType, query.at, query.seller);
      if (tiers.length === 0) return [unpricedCard(query.model)];
      return override === undefined ? tiers : tiers.map((card) => discountCard(override, card));
    },
    hasCatalogPrice: (model) => index.has(model),
    replaceOverrides(next) {
      byProjectAndModel = groupOverrides(next);
    },
  };
}

function overrideKey(projectId: string, model: string): string {
  return `${projectId}\u0000${model}`;
}

/** Overrides by project and model, each list in rank order, so a lookup stops at the first that applies. */
function groupOverrides(overrides: readonly PriceOverride[]): Map<string, PriceOverride[]> {
  const grouped = new Map<string, PriceOverride[]>();
  for (const override of overrides) {
    const key = overrideKey(override.projectId, override.model);
    const list = grouped.get(key) ?? [];
    list.push(override);
    grouped.set(key, list);
  }
  for (const list of grouped.values()) list.sort((a, b) => (outranks(a, b) ? -1 : 1));
  return grouped;
}

/** One deployment type beats every type; then the latest start; then the latest made; ids break ties. */
function outranks(candidate: PriceOverride, current: PriceOverride): boolean {
  const candidateSpecific = candidate.deploymentType !== null;
  if (candidateSpecific !== (current.deploymentType !== null)) return candidateSpecific;
  if (candidate.effectiveFrom !== current.effectiveFrom) return candidate.effectiveFrom > current.effectiveFrom;
  if (candidate.createdAt !== current.createdAt) return candidate.createdAt > current.createdAt;
  return candidate.id > current.id;
}

function explicitCard(override: PriceOverride, rates: OverrideRates): PriceCard {
  return {
    version: `override:${override.id}`,
    origin: 'override',
    model: override.model,
    deploymentType: override.deploymentType,
    soldBy: null,
    source: null,
    effectiveFrom: override.effectiveFrom,
    effectiveTo: override.effectiveTo,
    promptTokensAbove: 0,
    rates: {
      input: rates.input,
      cachedInput: rates.cachedInput ?? rates.input,
      cacheWriteInput: rates.cacheWriteInput ?? rates.input,
      output: rates.output,
      reasoning: rates.reasoning ?? rates.output,
    },
    discountBasisPoints: 0,
    overrideId: override.id,
  };
}

/** The catalog card with the discount on it; the version names both, so a record says what it came off. */
function discountCard(override: PriceOverride, listed: PriceCard): PriceCard {
  return {
    ...listed,
    version: `override:${override.id}+${listed.version}`,
    origin: 'override',
    effectiveFrom: override.effectiveFrom,
    effectiveTo: override.effectiveTo,
    discountBasisPoints: override.discountBasisPoints ?? 0,
    overrideId: override.id,
  };
}
