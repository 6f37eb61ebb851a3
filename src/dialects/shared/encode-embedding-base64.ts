/**
 * A vector as OpenAI's `encoding_format: "base64"` sends it: little-endian float32 bytes, base64-encoded.
 * The byte order is set explicitly, since typed arrays follow the machine's.
 */
export function encodeEmbeddingBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
