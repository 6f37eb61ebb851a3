/**
 * How many tokens byte-pair encoding makes of one piece of text: the pair with the lowest rank is merged until no
 * adjacent pair is in the vocabulary, as tiktoken does. `ranks` is keyed by the bytes joined with commas
 * (js-tiktoken's key). Only the two pairs beside a merge are looked up again, so a piece of n bytes costs O(n)
 * look-ups and O(n²) comparisons, where js-tiktoken's own merge looks every pair up again after each merge (about
 * 1 ms for 16 Chinese characters, which come as one piece of 48 bytes).
 */
export function countBytePairTokens(bytes: Uint8Array, ranks: ReadonlyMap<string, number>): number {
  if (bytes.length <= 1) return bytes.length;
  // Part i spans bytes starts[i] to starts[i + 1]; the last entry is the end.
  const starts: number[] = [];
  for (let index = 0; index <= bytes.length; index++) starts.push(index);
  const rankOf = (from: number, to: number): number =>
    ranks.get(bytes.subarray(from, to).join(',')) ?? Number.POSITIVE_INFINITY;
  // pairRanks[i]: the rank of parts i and i + 1 merged.
  const pairRanks: number[] = [];
  for (let index = 0; index + 2 < starts.length; index++) pairRanks.push(rankOf(starts[index]!, starts[index + 2]!));

  while (pairRanks.length > 0) {
    let lowest = 0;
    for (let index = 1; index < pairRanks.length; index++) {
      // The first of equal ranks wins, as in tiktoken.
      if (pairRanks[index]! < pairRanks[lowest]!) lowest = index;
    }
    if (pairRanks[lowest] === Number.POSITIVE_INFINITY) break;
    starts.splice(lowest + 1, 1);
    pairRanks.splice(lowest, 1);
    if (lowest < pairRanks.length) pairRanks[lowest] = rankOf(starts[lowest]!, starts[lowest + 2]!);
    if (lowest > 0) pairRanks[lowest - 1] = rankOf(starts[lowest - 1]!, starts[lowest + 1]!);
  }
  return starts.length - 1;
}
