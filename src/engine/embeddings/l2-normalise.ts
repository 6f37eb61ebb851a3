/**
 * Scales a vector to Euclidean length 1, as OpenAI's embeddings are, so that a dot product is a cosine
 * similarity. llama.cpp's pooled vectors are not normalised. A zero vector has no direction and is returned
 * as zeros (llama.cpp's own `--embd-normalize 2` does the same) rather than as NaNs.
 */
export function l2Normalise(vector: readonly number[]): number[] {
  let sumOfSquares = 0;
  for (const component of vector) sumOfSquares += component * component;
  if (sumOfSquares === 0) return vector.map(() => 0);
  const norm = Math.sqrt(sumOfSquares);
  return vector.map((component) => component / norm);
}
