import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Hashes a file as a stream: models are gigabytes and must never be read into memory whole. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A 64-hex sha256 from an ETag-like header value (`"abc…"`, `W/"abc…"`), or undefined when it is something else. */
export function sha256FromEtag(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const bare = text
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  return SHA256_PATTERN.test(bare) ? bare : undefined;
}
