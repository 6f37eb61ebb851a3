import type { Pricer } from '../../pricing/pricer.js';

export interface FixedPrices {
  /** Charged once for any request that used tokens. */
  perRequestMicroUsd?: number;
  /** Per prompt token, whatever its bucket. */
  perInputTokenMicroUsd?: number;
  /** Per generated token, reasoning included. */
  perOutputTokenMicroUsd?: number;
}

/** A pricer for tests, whose figures can be worked out by hand; every call is remembered. */
export function fixedPricer(prices: FixedPrices): Pricer & { calls: number } {
  const pricer = {
    calls: 0,
    price(
      _query: unknown,
      tokens: { input: number; cachedInput: number; cacheWriteInput: number; output: number; reasoning: number },
    ) {
      pricer.calls += 1;
      const input = tokens.input + tokens.cachedInput + tokens.cacheWriteInput;
      const output = tokens.output + tokens.reasoning;
      const used = input + output > 0;
      return {
        costMicroUsd:
          (used ? (prices.perRequestMicroUsd ?? 0) : 0) +
          input * (prices.perInputTokenMicroUsd ?? 0) +
          output * (prices.perOutputTokenMicroUsd ?? 0),
        priceCardVersion: 'test:fixed',
      };
    },
  };
  return pricer;
}
