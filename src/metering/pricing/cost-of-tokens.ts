import type { TokenCounts } from '../usage-record.js';
import { TOKEN_KINDS, type PriceRates } from './price-card.js';

const TOKENS_PER_PRICE_UNIT = 1_000_000n;
const BASIS_POINTS_PER_WHOLE = 10_000n;

/**
 * The cost of one request in integer micro-dollars, computed exactly:
 *
 *   cost = round_half_up( Σ tokens[kind] × rate[kind] × (10000 − discount) / (1,000,000 × 10000) )
 *
 * with rates in micro-dollars per 1M tokens and the discount in basis points. Every product is a BigInt, so prices
 * far below a micro-dollar per token (0.075 USD per 1M tokens) never pass through a float; the one division rounds
 * half up, once per record. Summing rounded records is what the
 * ledger and invoices do, so an invoice equals the sum of its records to the micro-dollar.
 */
export function costOfTokens(tokens: TokenCounts, rates: PriceRates, discountBasisPoints = 0): number {
  if (!Number.isInteger(discountBasisPoints) || discountBasisPoints < 0 || discountBasisPoints > 10_000) {
    throw new RangeError(`A discount must be 0 to 10000 basis points, not ${discountBasisPoints}.`);
  }
  let numerator = 0n;
  for (const kind of TOKEN_KINDS) {
    const count = tokens[kind];
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`Token count ${kind} must be a whole number of at least 0, not ${count}.`);
    }
    numerator += BigInt(count) * BigInt(rates[kind]);
  }
  numerator *= BASIS_POINTS_PER_WHOLE - BigInt(discountBasisPoints);
  return Number(divideRoundingHalfUp(numerator, TOKENS_PER_PRICE_UNIT * BASIS_POINTS_PER_WHOLE));
}

/** tokens × rate / 1M, rounded half up: what one bucket of one line costs at a list rate. */
export function amountOfTokens(tokens: number, microUsdPerMillionTokens: number, discountBasisPoints = 0): number {
  return Number(
    divideRoundingHalfUp(
      BigInt(tokens) * BigInt(microUsdPerMillionTokens) * (BASIS_POINTS_PER_WHOLE - BigInt(discountBasisPoints)),
      TOKENS_PER_PRICE_UNIT * BASIS_POINTS_PER_WHOLE,
    ),
  );
}

/** For a numerator of either sign: half away from zero, so a refund rounds like the charge it undoes. */
export function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}
