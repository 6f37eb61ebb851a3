import { createHash, randomBytes } from 'node:crypto';

/** Shown in listings; long enough to tell keys apart, too short to use. */
export const KEY_PREFIX_LENGTH = 8;

/** A new project key: `hgr_` and 32 random bytes, base64url. */
export function generateApiKey(): string {
  return `hgr_${randomBytes(32).toString('base64url')}`;
}

/** Keys are stored and looked up by this hash only. They carry 256 random bits, so no slow hash is needed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX_LENGTH);
}
