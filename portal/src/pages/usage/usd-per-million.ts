/** A price per 1M tokens as the catalog writes it: `$2.50`, `$0.075`, up to six decimals. */
export function usdPerMillion(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}
