/** Nearest-rank percentile (0-100) of values already sorted ascending. */
export function percentileOfSorted(sorted: readonly number[], percentile: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function percentile(values: readonly number[], percentileWanted: number): number {
  return percentileOfSorted(
    [...values].sort((left, right) => left - right),
    percentileWanted,
  );
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Fisher-Yates on a copy: each round visits the targets in a new order, so drift does not favour one. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** Milliseconds between two `process.hrtime.bigint()` readings. */
export function elapsedMs(startedAt: bigint, endedAt: bigint = process.hrtime.bigint()): number {
  return Number(endedAt - startedAt) / 1e6;
}
