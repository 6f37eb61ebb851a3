const MICRO_PER_USD = 1_000_000;

/**
 * Micro-dollars as an exact decimal of dollars: `-1234500` → "-1.2345", with at least `minimumDecimals` places
 * and never more than six, so nothing is rounded away. `grouped` adds thousands separators for people.
 */
export function formatUsd(microUsd: number, minimumDecimals = 2, grouped = false): string {
  const sign = microUsd < 0 ? '-' : '';
  const magnitude = Math.abs(microUsd);
  const whole = Math.floor(magnitude / MICRO_PER_USD);
  const fraction = String(magnitude % MICRO_PER_USD)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(minimumDecimals, '0');
  const wholeText = grouped ? whole.toLocaleString('en-US') : String(whole);
  return `${sign}${wholeText}${fraction === '' ? '' : `.${fraction}`}`;
}
