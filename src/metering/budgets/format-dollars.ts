/** Micro-dollars as dollars for people: `$12.50`, `$0.000125` — cents always, more digits only when present. */
export function formatDollars(microUsd: number): string {
  const sign = microUsd < 0 ? '-' : '';
  const absolute = Math.abs(Math.round(microUsd));
  const dollars = Math.floor(absolute / 1_000_000);
  const fraction = String(absolute % 1_000_000)
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${sign}$${dollars.toLocaleString('en-US')}.${fraction.padEnd(2, '0')}`;
}
