import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCatalogDirectory, loadCatalog } from '../../catalog/index.js';
import type { TokenCounts } from '../usage-record.js';
import { costOfTokens } from './cost-of-tokens.js';
import { createCatalogPricer } from './create-catalog-pricer.js';
import type { PriceOverride } from './price-override.js';
import { pricingCatalog } from './testing/pricing-catalog.js';

const tokens = (counts: Partial<TokenCounts>): TokenCounts => ({
  input: 0,
  cachedInput: 0,
  cacheWriteInput: 0,
  output: 0,
  reasoning: 0,
  ...counts,
});
const at = (iso: string) => Date.parse(iso);
const JUNE = at('2025-06-15T12:00:00Z');

// grok-3-mini's vendor prices: $0.30 input, $0.075 cached input, $0.50 output per 1M tokens.
const catalog = pricingCatalog({
  'mini-model': [{ input: 300_000, cachedInput: 75_000, output: 500_000, asOf: '2025-06-02' }],
  'tiered-model': [
    { input: 1_250_000, cachedInput: 310_000, output: 10_000_000, asOf: '2025-06-17' },
    { promptTokensAbove: 200_000, input: 2_500_000, cachedInput: 625_000, output: 15_000_000, asOf: '2025-06-17' },
  ],
  'repriced-model': [
    { deploymentType: 'global-standard', soldBy: 'azure', input: 1_000_000, output: 4_000_000, asOf: '2025-01-01' },
    { deploymentType: 'global-standard', soldBy: 'azure', input: 2_000_000, output: 8_000_000, asOf: '2025-06-01' },
  ],
  'two-sellers': [
    { deploymentType: 'standard', soldBy: 'vendor', input: 2_000_000, output: 8_000_000 },
    { deploymentType: 'standard', soldBy: 'azure', input: 2_200_000, output: 8_800_000 },
  ],
  'cache-writer': [{ input: 3_000_000, cachedInput: 300_000, cacheWriteInput: 3_750_000, output: 15_000_000 }],
});

const query = (model: string, overrides: Partial<{ deploymentType: string; at: number; projectId: string }> = {}) => ({
  projectId: 'prj_a',
  model,
  deploymentType: 'standard',
  at: JUNE,
  ...overrides,
});

describe('costOfTokens', () => {
  it('is exact for prices below a micro-dollar per token, rounding half up once per record', () => {
    const rates = {
      input: 300_000,
      cachedInput: 75_000,
      cacheWriteInput: 300_000,
      output: 500_000,
      reasoning: 500_000,
    };
    // 1 cached token at $0.075/1M is 0.075 µ$; 6 are 0.45; 7 are 0.525; 20 are exactly 1.5.
    assert.equal(costOfTokens(tokens({ cachedInput: 1 }), rates), 0);
    assert.equal(costOfTokens(tokens({ cachedInput: 6 }), rates), 0);
    assert.equal(costOfTokens(tokens({ cachedInput: 7 }), rates), 1);
    assert.equal(costOfTokens(tokens({ cachedInput: 20 }), rates), 2);
    assert.equal(costOfTokens(tokens({ cachedInput: 19 }), rates), 1);
    // 1234×0.30 + 5678×0.075 + 910×0.50 + 1112×0.50 = 1807.05 µ$ → 1807.
    assert.equal(costOfTokens(tokens({ input: 1234, cachedInput: 5678, output: 910, reasoning: 1112 }), rates), 1807);
  });

  it('stays exact far beyond where doubles lose micro-dollars', () => {
    const rates = { input: 999_999, cachedInput: 1, cacheWriteInput: 1, output: 1, reasoning: 1 };
    // 9,007,199,254 tokens × 999,999 µ$/1M = 9,007,190,247,054,746 / 1e6 = 9,007,190,247.054746 → 9,007,190,247.
    assert.equal(costOfTokens(tokens({ input: 9_007_199_254 }), rates), 9_007_190_247);
  });

  it('takes a discount in basis points inside the same single rounding', () => {
    const rates = { input: 3_000_000, cachedInput: 3_000_000, cacheWriteInput: 3_000_000, output: 0, reasoning: 0 };
    assert.equal(costOfTokens(tokens({ input: 1_000_000 }), rates, 1500), 2_550_000);
    // 1 token at $3/1M is 3 µ$; 33.33% off leaves 2.0001 → 2.
    assert.equal(costOfTokens(tokens({ input: 1 }), { ...rates, input: 3_000_000 }, 3333), 2);
    assert.throws(() => costOfTokens(tokens({ input: -1 }), rates), /at least 0/);
  });
});

describe('createCatalogPricer', () => {
  it('prices every bucket, reasoning at the output rate, with the card named', () => {
    const pricer = createCatalogPricer(catalog);
    const priced = pricer.price(
      query('mini-model'),
      tokens({ input: 1234, cachedInput: 5678, output: 910, reasoning: 1112 }),
    );
    assert.deepEqual(priced, { costMicroUsd: 1807, priceCardVersion: 'catalog:mini-model:standard@2025-06-02' });
    // A cache write is priced at its own rate: 1000 × 3.75 + 1000 × 0.30 + 1000 × 3.00 = 7050 µ$.
    assert.equal(
      pricer.price(query('cache-writer'), tokens({ input: 1000, cachedInput: 1000, cacheWriteInput: 1000 }))
        .costMicroUsd,
      7050,
    );
  });

  it('picks the long-prompt tier by the whole prompt, and prices the whole request with it', () => {
    const pricer = createCatalogPricer(catalog);
    const base = pricer.price(query('tiered-model'), tokens({ input: 200_000, output: 1000 }));
    // 200,000 × 1.25 + 1000 × 10 = 260,000 µ$: exactly 200K is not above 200K.
    assert.deepEqual(base, { costMicroUsd: 260_000, priceCardVersion: 'catalog:tiered-model:standard@2025-06-17' });
    const long = pricer.price(query('tiered-model'), tokens({ input: 200_000, cachedInput: 1, output: 1000 }));
    // 200,000 × 2.50 + 1 × 0.625 + 1000 × 15 = 515,000.625 µ$ → 515,001.
    assert.deepEqual(long, {
      costMicroUsd: 515_001,
      priceCardVersion: 'catalog:tiered-model:standard:above-200000@2025-06-17',
    });
    assert.deepEqual(
      pricer.tiersFor(query('tiered-model')).map((card) => card.promptTokensAbove),
      [0, 200_000],
    );
  });

  it('applies the card in effect at the request time, the oldest before any', () => {
    const pricer = createCatalogPricer(catalog);
    const million = tokens({ input: 1_000_000 });
    const priceAt = (iso: string) =>
      pricer.price(query('repriced-model', { deploymentType: 'global-standard', at: at(iso) }), million);
    assert.deepEqual(priceAt('2025-05-31T23:59:59.999Z'), {
      costMicroUsd: 1_000_000,
      priceCardVersion: 'catalog:repriced-model:global-standard@2025-01-01',
    });
    assert.deepEqual(priceAt('2025-06-01T00:00:00.000Z'), {
      costMicroUsd: 2_000_000,
      priceCardVersion: 'catalog:repriced-model:global-standard@2025-06-01',
    });
    assert.equal(priceAt('2024-03-01T00:00:00Z').costMicroUsd, 1_000_000);
  });

  it('falls back to the global-standard price for a type the catalog does not price, but never for managed', () => {
    const pricer = createCatalogPricer(catalog);
    const million = tokens({ input: 1_000_000 });
    assert.equal(
      pricer.price(query('repriced-model', { deploymentType: 'provisioned' }), million).priceCardVersion,
      'catalog:repriced-model:global-standard@2025-06-01',
    );
    assert.equal(
      pricer.price(query('mini-model', { deploymentType: 'global-standard' }), million).priceCardVersion,
      'catalog:mini-model:standard@2025-06-02',
    );
    assert.deepEqual(pricer.price(query('repriced-model', { deploymentType: 'managed' }), million), {
      costMicroUsd: 0,
      priceCardVersion: 'unpriced:repriced-model',
    });
  });

  it('prices a model without any price at 0, visibly unpriced', () => {
    const pricer = createCatalogPricer(catalog);
    assert.deepEqual(pricer.price(query('llama-local', { deploymentType: 'managed' }), tokens({ input: 5000 })), {
      costMicroUsd: 0,
      priceCardVersion: 'unpriced:llama-local',
    });
  });

  it("takes Azure's price where Azure and the vendor both sell a type, unless the seller is given", () => {
    const pricer = createCatalogPricer(catalog);
    const million = tokens({ input: 1_000_000 });
    assert.deepEqual(pricer.price(query('two-sellers'), million), {
      costMicroUsd: 2_200_000,
      priceCardVersion: 'catalog:two-sellers:standard:azure@2025-01-01',
    });
    assert.deepEqual(pricer.price({ ...query('two-sellers'), seller: 'vendor' }, million), {
      costMicroUsd: 2_000_000,
      priceCardVersion: 'catalog:two-sellers:standard:vendor@2025-01-01',
    });
  });
});

describe('createCatalogPricer with overrides', () => {
  const override = (fields: Partial<PriceOverride> & Pick<PriceOverride, 'id'>): PriceOverride => ({
    projectId: 'prj_a',
    model: 'mini-model',
    deploymentType: null,
    rates: null,
    discountBasisPoints: null,
    effectiveFrom: at('2025-06-01T00:00:00Z'),
    effectiveTo: null,
    createdAt: at('2025-05-01T00:00:00Z'),
    ...fields,
  });
  const explicit = override({
    id: 'prc_explicit',
    rates: { input: 100_000, cachedInput: null, cacheWriteInput: null, output: 200_000, reasoning: null },
  });

  it('prices with explicit rates, filling cached input from input and reasoning from output', () => {
    const pricer = createCatalogPricer(catalog, [explicit]);
    // 1000 × 0.10 + 1000 × 0.10 (cached) + 1000 × 0.20 + 1000 × 0.20 (reasoning) = 600 µ$.
    assert.deepEqual(
      pricer.price(query('mini-model'), tokens({ input: 1000, cachedInput: 1000, output: 1000, reasoning: 1000 })),
      { costMicroUsd: 600, priceCardVersion: 'override:prc_explicit' },
    );
    assert.equal(
      pricer.price(query('mini-model', { projectId: 'prj_other' }), tokens({ input: 1000 })).priceCardVersion,
      'catalog:mini-model:standard@2025-06-02',
      'another project keeps the catalog price',
    );
    assert.equal(
      pricer.price(query('mini-model', { at: at('2025-05-31T23:59:59Z') }), tokens({ input: 1000 })).priceCardVersion,
      'catalog:mini-model:standard@2025-06-02',
      'before effective_from the catalog applies',
    );
  });

  it('takes a discount off the catalog card, tier included, and names both', () => {
    const discount = override({ id: 'prc_discount', model: 'tiered-model', discountBasisPoints: 1500 });
    const pricer = createCatalogPricer(catalog, [discount]);
    // 1000 × 1.25 × 0.85 = 1062.5 µ$ → 1063.
    assert.deepEqual(pricer.price(query('tiered-model'), tokens({ input: 1_000 })), {
      costMicroUsd: 1063,
      priceCardVersion: 'override:prc_discount+catalog:tiered-model:standard@2025-06-17',
    });
    assert.equal(
      pricer.price(query('tiered-model'), tokens({ input: 300_000 })).costMicroUsd,
      637_500, // 300,000 × 2.50 × 0.85
    );
  });

  it('prefers a type-specific override, then the latest start, and stops at effective_to', () => {
    const typed = override({
      id: 'prc_typed',
      deploymentType: 'standard',
      rates: { input: 50_000, cachedInput: null, cacheWriteInput: null, output: 50_000, reasoning: 70_000 },
    });
    const later = override({ id: 'prc_later', effectiveFrom: at('2025-06-10T00:00:00Z'), discountBasisPoints: 0 });
    const ended = override({
      id: 'prc_ended',
      deploymentType: 'global-standard',
      discountBasisPoints: 5000,
      effectiveTo: at('2025-06-15T12:00:00Z'),
    });
    const pricer = createCatalogPricer(catalog, [explicit, typed, later, ended]);
    assert.equal(pricer.cardFor(query('mini-model')).version, 'override:prc_typed');
    assert.equal(
      pricer.price(query('mini-model'), tokens({ reasoning: 1_000_000 })).costMicroUsd,
      70_000,
      'an override may price reasoning on its own',
    );
    assert.equal(
      pricer.cardFor(query('mini-model', { deploymentType: 'provisioned' })).version,
      'override:prc_later+catalog:mini-model:standard@2025-06-02',
    );
    assert.equal(
      pricer.cardFor(query('mini-model', { deploymentType: 'global-standard' })).version,
      'override:prc_later+catalog:mini-model:standard@2025-06-02',
      'effective_to is exclusive',
    );
    assert.equal(
      pricer.cardFor(query('mini-model', { deploymentType: 'global-standard', at: JUNE - 1 })).version,
      'override:prc_ended+catalog:mini-model:standard@2025-06-02',
    );
  });

  it('replaces its overrides in memory', () => {
    const pricer = createCatalogPricer(catalog, [explicit]);
    pricer.replaceOverrides([]);
    assert.equal(pricer.cardFor(query('mini-model')).origin, 'catalog');
    pricer.replaceOverrides([explicit]);
    assert.equal(pricer.cardFor(query('mini-model')).origin, 'override');
  });
});

describe('createCatalogPricer on the shipped catalog', () => {
  it('prices every model and deployment type it lists with a catalog card', async () => {
    const shipped = await loadCatalog(defaultCatalogDirectory());
    const pricer = createCatalogPricer(shipped);
    for (const model of shipped.models) {
      for (const deploymentType of model.deploymentTypes) {
        const priced = pricer.price(
          { projectId: 'prj', model: model.id, deploymentType, at: Date.now() },
          tokens({ input: 1000, output: model.maxOutputTokens === null ? 0 : 1000 }),
        );
        assert.match(priced.priceCardVersion, /^catalog:/, `${model.id} ${deploymentType}`);
        assert.ok(priced.costMicroUsd > 0, `${model.id} ${deploymentType} costs something`);
      }
    }
  });
});
