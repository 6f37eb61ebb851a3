import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts vendor credentials at rest with AES-256-GCM. The key is the SHA-256 of any secret string, so
 * operators can set HANGAR_SECRET_KEY to a passphrase. Stored form: `v1:<iv>:<tag>:<ciphertext>`
 * (base64url), the version leaving room to rotate the scheme.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(secret: string) {
    if (secret === '') throw new Error('The secret key must not be empty.');
    this.#key = createHash('sha256').update(secret, 'utf8').digest();
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** Throws when the value was encrypted with another key or altered. */
  decrypt(stored: string): string {
    const [version, iv, tag, ciphertext] = stored.split(':');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('The stored secret is not in a format this Hangar version can read.');
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new Error(
        'A stored secret cannot be decrypted: HANGAR_SECRET_KEY (or <data dir>/secret.key) is not the key it was ' +
          'encrypted with. Restore that key, or set the credential again.',
        { cause: error },
      );
    }
  }
}
