import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts vendor credentials at rest with AES-256-GCM. The key is the SHA-256 of any secret string, so
 * operators can set HANGAR_SECRET_KEY to a passphrase. Stored form: `v1:<iv>:<tag>:<ciphertext>`
 * (base64url), the version leaving room to rotate the scheme.
 *
 * Previous secrets (HANGAR_SECRET_KEY_PREVIOUS) still decrypt, so the master key can be rotated: values they
 * opened are re-encrypted with the current key (see reencryptSecrets), after which the old key can go.
 */
export class SecretBox {
  readonly #key: Buffer;
  readonly #previousKeys: Buffer[];

  constructor(secret: string, previousSecrets: readonly string[] = []) {
    if (secret === '') throw new Error('The secret key must not be empty.');
    this.#key = deriveKey(secret);
    this.#previousKeys = previousSecrets.filter((previous) => previous !== '').map(deriveKey);
  }

  /** True when the value opens with the current key: it needs no re-encryption. */
  isCurrent(stored: string): boolean {
    try {
      open(stored, this.#key);
      return true;
    } catch {
      return false;
    }
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** Throws when the value was encrypted with none of the keys, or altered. */
  decrypt(stored: string): string {
    const [version, iv, tag, ciphertext] = stored.split(':');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('The stored secret is not in a format this Hangar version can read.');
    }
    let failure: unknown;
    for (const key of [this.#key, ...this.#previousKeys]) {
      try {
        return open(stored, key);
      } catch (error) {
        failure = error;
      }
    }
    throw new Error(
      'A stored secret cannot be decrypted: HANGAR_SECRET_KEY (or <data dir>/secret.key) is not the key it was ' +
        'encrypted with. Restore that key, or give it as HANGAR_SECRET_KEY_PREVIOUS beside the new one.',
      { cause: failure },
    );
  }
}

function deriveKey(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Decrypts with one key; GCM's tag makes a wrong key throw rather than return garbage. */
function open(stored: string, key: Buffer): string {
  const [, iv = '', tag = '', ciphertext = ''] = stored.split(':');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
