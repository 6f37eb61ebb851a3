import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectivePricePath, estimateCostMicroUsd, type PriceCard, type PriceRates } from './cost-estimate';

const rates = (input: number, output: number): PriceRates => ({
  input,
  cached_input: input / 2,
  cache_write_input: input,
  output,
  reasoning: output,
});

const CARD: PriceCard = {
  origin: 'catalog',
  version: 'catalog:gpt-4o:global-standard@2025-01-01',
  discount_basis_points: 0,
  usd_per_million_tokens: rates(2.5, 10),
  tiers: [
    { prompt_tokens_above: 0, usd_per_million_tokens: rates(2.5, 10) },
    { prompt_tokens_above: 200_000, usd_per_million_tokens: rates(5, 20) },
  ],
};

describe('estimateCostMicroUsd', () => {
  it('prices prompt and completion tokens at the card’s rates (USD per 1M = micro-dollars per token)', () => {
    assert.equal(estimateCostMicroUsd(CARD, { prompt_tokens: 1000, completion_tokens: 100 }), 1000 * 2.5 + 100 * 10);
  });

  it('prices cached prompt tokens at the cached rate and reasoning at the reasoning rate', () => {
    const card = {
      ...CARD,
      tiers: [{ prompt_tokens_above: 0, usd_per_million_tokens: { ...rates(2, 8), reasoning: 4 } }],
    };
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 50,
      prompt_tokens_details: { cached_tokens: 40 },
      completion_tokens_details: { reasoning_tokens: 20 },
    };
    assert.equal(estimateCostMicroUsd(card, usage), 60 * 2 + 40 * 1 + 30 * 8 + 20 * 4);
  });

  it('uses the long-prompt tier above its threshold, and takes the discount off', () => {
    assert.equal(estimateCostMicroUsd(CARD, { prompt_tokens: 200_001, completion_tokens: 0 }), 200_001 * 5);
    assert.equal(
      estimateCostMicroUsd({ ...CARD, discount_basis_points: 1500 }, { prompt_tokens: 1000, completion_tokens: 0 }),
      2500 * 0.85,
    );
  });

  it('has no estimate for an unpriced model', () => {
    assert.equal(
      estimateCostMicroUsd({ ...CARD, origin: 'unpriced' }, { prompt_tokens: 1, completion_tokens: 1 }),
      null,
    );
  });

  it('asks for the card of the model and deployment type', () => {
    assert.equal(
      effectivePricePath('my team', 'gpt-4o', 'global-standard'),
      '/admin/projects/my%20team/prices/effective?model=gpt-4o&deployment_type=global-standard',
    );
  });
});
