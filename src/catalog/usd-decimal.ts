const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;
const MICRO_DIGITS = 6;
/** Far above any per-token price, and far below where integers stop being exact. */
const MAX_MICRO_USD = 1e12;

export type UsdDecimalResult = { ok: true; microUsd: number } | { ok: false; problem: string };

/**
 * A price in US dollars (a YAML number or a decimal string) as integer micro-dollars. Only decimals with at
 * most six places are accepted, so the conversion is exact: `0.075` is 75000, never 74999.99999999999.
 */
export function parseUsdDecimal(value: unknown): UsdDecimalResult {
  if (typeof value !== 'number' && typeof value !== 'string') {
    return { ok: false, problem: 'must be a price in US dollars, a number such as 2.5 or a string such as "2.50"' };
  }
  // String(number) is the shortest text that reads back as the same double, so 0.075 stays "0.075".
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (/^-/.test(text)) return { ok: false, problem: 'must not be negative' };
  if (/e-/i.test(text)) return { ok: false, problem: `must have at most ${MICRO_DIGITS} decimal places` };
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return { ok: false, problem: 'must be a price in US dollars, a number such as 2.5 or a string such as "2.50"' };
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > MICRO_DIGITS) {
    return {
      ok: false,
      problem: `must have at most ${MICRO_DIGITS} decimal places, so it converts to whole micro-dollars`,
    };
  }
  const microUsd = Number(whole) * 10 ** MICRO_DIGITS + Number(fraction.padEnd(MICRO_DIGITS, '0'));
  if (!Number.isSafeInteger(microUsd) || microUsd > MAX_MICRO_USD) {
    return { ok: false, problem: 'is too large for a price per 1M tokens' };
  }
  return { ok: true, microUsd };
}

/** 2500000 → "2.5", 75000 → "0.075", 10000000 → "10": the shortest exact decimal. */
export function formatMicroUsd(microUsd: number): string {
  const whole = Math.trunc(microUsd / 10 ** MICRO_DIGITS);
  const fraction = String(microUsd % 10 ** MICRO_DIGITS)
    .padStart(MICRO_DIGITS, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** As prices are written, with at least cents: 2000000 → "2.00", 75000 → "0.075". */
export function formatPriceUsd(microUsd: number): string {
  const [whole, fraction = ''] = formatMicroUsd(microUsd).split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** The same amount as a JSON number of dollars; exact, since the decimal has at most six places. */
export function microUsdToUsd(microUsd: number): number {
  return Number(formatMicroUsd(microUsd));
}
