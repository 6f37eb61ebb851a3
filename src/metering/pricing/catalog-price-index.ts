import type { Catalog, ListedPrice } from '../../catalog/index.js';
import type { PriceCard, PriceRates } from './price-card.js';

/** The deployment types tried, in order, when the catalog has no price for the request's own type. */
const FALLBACK_TYPES = ['global-standard', 'standard'] as const;
/** Local compute: a catalog model served by this Hangar's engine is never billed at a vendor's price. */
const NEVER_FALLS_BACK = new Set(['managed']);
/** Only these sellers' choices are remembered, so a caller's arbitrary string cannot grow the cache. */
const KNOWN_SELLERS = new Set(['azure', 'vendor']);

/** One price of the catalog, ready to apply. */
interface CatalogCard extends PriceCard {
  effectiveFrom: number;
}

/** One long-prompt tier of a model, type and seller: its cards, oldest first. */
interface Tier {
  promptTokensAbove: number;
  timeline: CatalogCard[];
}

/**
 * The catalog's prices by model, deployment type and seller, with each price effective from 00:00 UTC of its
 * `as_of` date. Built once per catalog; the type and seller a request resolves to are remembered, so a lookup is
 * a map read and a walk over a few cards.
 */
export class CatalogPriceIndex {
  /** model → deployment type → seller → tiers, highest threshold first. */
  readonly #models = new Map<string, Map<string, Map<string, Tier[]>>>();
  readonly #firstListedType = new Map<string, string>();
  readonly #resolved = new Map<string, Tier[] | null>();

  constructor(catalog: Pick<Catalog, 'models'>) {
    for (const model of catalog.models) {
      const byType = new Map<string, Map<string, Tier[]>>();
      for (const price of model.prices) {
        if (!this.#firstListedType.has(model.id)) this.#firstListedType.set(model.id, price.deploymentType);
        const bySeller = byType.get(price.deploymentType) ?? new Map<string, Tier[]>();
        byType.set(price.deploymentType, bySeller);
        const tiers = bySeller.get(price.soldBy) ?? [];
        bySeller.set(price.soldBy, tiers);
        let tier = tiers.find((candidate) => candidate.promptTokensAbove === price.promptTokensAbove);
        if (tier === undefined) {
          tier = { promptTokensAbove: price.promptTokensAbove, timeline: [] };
          tiers.push(tier);
        }
        tier.timeline.push(toCard(model.id, price));
      }
      for (const bySeller of byType.values()) {
        const ambiguous = bySeller.size > 1;
        for (const tiers of bySeller.values()) {
          tiers.sort((a, b) => b.promptTokensAbove - a.promptTokensAbove);
          for (const tier of tiers) {
            if (ambiguous) tier.timeline = tier.timeline.map(withSellerInVersion);
            tier.timeline.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
          }
        }
      }
      this.#models.set(model.id, byType);
    }
  }

  /**
   * The catalog card for a request: the request's deployment type, else global-standard, else standard, else the
   * type of the first price the model lists (`managed` never falls back). Among sellers of that type, the one
   * asked for, else Azure (Hangar's deployment types are Azure's), else the vendor. In each tier, the card with
   * the latest effective date at or before `at` applies (the oldest one before any), and the tier is the highest
   * whose `prompt_tokens_above` the prompt exceeds, as vendors price a long prompt's whole request.
   */
  find(
    model: string,
    deploymentType: string,
    at: number,
    promptTokens: number,
    seller?: string,
  ): PriceCard | undefined {
    const tiers = this.#tiers(model, deploymentType, seller);
    if (tiers === undefined) return undefined;
    for (const tier of tiers) {
      if (tier.promptTokensAbove === 0 || promptTokens > tier.promptTokensAbove) return inEffect(tier.timeline, at);
    }
    return undefined;
  }

  /** Every tier's card in effect at `at` for the same choice of type and seller, base tier first. */
  tiersAt(model: string, deploymentType: string, at: number, seller?: string): PriceCard[] {
    const tiers = this.#tiers(model, deploymentType, seller) ?? [];
    return tiers.map((tier) => inEffect(tier.timeline, at)).reverse();
  }

  has(model: string): boolean {
    return (this.#models.get(model)?.size ?? 0) > 0;
  }

  #tiers(model: string, deploymentType: string, seller: string | undefined): Tier[] | undefined {
    const remember = seller === undefined || KNOWN_SELLERS.has(seller);
    const key = `${model}\u0000${deploymentType}\u0000${seller ?? ''}`;
    const known = remember ? this.#resolved.get(key) : undefined;
    if (known !== undefined) return known ?? undefined;
    const resolved = this.#resolve(model, deploymentType, seller);
    // Unknown models are not remembered either: any model id a caller sends would otherwise stay in memory.
    if (remember && this.#models.has(model)) this.#resolved.set(key, resolved ?? null);
    return resolved;
  }

  #resolve(model: string, deploymentType: string, seller: string | undefined): Tier[] | undefined {
    const byType = this.#models.get(model);
    if (byType === undefined) return undefined;
    const candidates = NEVER_FALLS_BACK.has(deploymentType)
      ? [deploymentType]
      : [deploymentType, ...FALLBACK_TYPES, this.#firstListedType.get(model) ?? deploymentType];
    for (const type of candidates) {
      const bySeller = byType.get(type);
      if (bySeller === undefined) continue;
      const tiers =
        (seller === undefined ? undefined : bySeller.get(seller)) ?? bySeller.get('azure') ?? bySeller.get('vendor');
      if (tiers !== undefined) return tiers;
    }
    return undefined;
  }
}

function inEffect(timeline: readonly CatalogCard[], at: number): CatalogCard {
  let current = timeline[0]!;
  for (const card of timeline) {
    if (card.effectiveFrom <= at) current = card;
    else break;
  }
  return current;
}

function toCard(model: string, price: ListedPrice): CatalogCard {
  const { input, cachedInput, cacheWriteInput, output } = price.microUsdPerMillionTokens;
  const rates: PriceRates = {
    input,
    cachedInput: cachedInput ?? input,
    cacheWriteInput: cacheWriteInput ?? input,
    output: output ?? 0,
    reasoning: output ?? 0,
  };
  const tier = price.promptTokensAbove > 0 ? `:above-${price.promptTokensAbove}` : '';
  return {
    version: `catalog:${model}:${price.deploymentType}${tier}@${price.asOf}`,
    origin: 'catalog',
    model,
    deploymentType: price.deploymentType,
    soldBy: price.soldBy,
    source: price.source,
    effectiveFrom: Date.parse(`${price.asOf}T00:00:00Z`),
    effectiveTo: null,
    promptTokensAbove: price.promptTokensAbove,
    rates,
    discountBasisPoints: 0,
    overrideId: null,
  };
}

/** When Azure and the vendor both sell a type, the version names the seller so the two stay apart. */
function withSellerInVersion(card: CatalogCard): CatalogCard {
  const at = card.version.lastIndexOf('@');
  return { ...card, version: `${card.version.slice(0, at)}:${card.soldBy ?? ''}${card.version.slice(at)}` };
}
