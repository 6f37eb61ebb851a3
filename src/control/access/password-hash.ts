import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt at one of OWASP's equivalent settings (N = 2^15, r = 8, p = 3): 32 MiB per hash rather than the
 * 128 MiB of N = 2^17, so concurrent sign-ins cannot exhaust a small host's memory. The stored form names
 * its parameters, so they can be raised later and old hashes still verify.
 */
const COST_LOG2 = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 3;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const derived = await derive(password, salt, KEY_BYTES, { N: 2 ** COST_LOG2, r: BLOCK_SIZE, p: PARALLELISM });
  return ['scrypt', COST_LOG2, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), derived.toString('base64url')].join(
    '$',
  );
}

/** False for a wrong password and for a stored value this code does not understand. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [costLog2, blockSize, parallelism] = parts.slice(1, 4).map(Number);
  if (costLog2 === undefined || blockSize === undefined || parallelism === undefined) return false;
  if (![costLog2, blockSize, parallelism].every((value) => Number.isInteger(value) && value > 0 && value < 32)) {
    return false;
  }
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (expected.length === 0) return false;
  const derived = await derive(password, salt, expected.length, { N: 2 ** costLog2, r: blockSize, p: parallelism });
  return timingSafeEqual(derived, expected);
}

/**
 * A hash of no one's password, verified when the email is unknown, so a sign-in takes as long whether or not
 * the account exists.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

function derive(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 × N × r bytes, which Node's 32 MiB default only just misses at N = 2^15.
    scrypt(password.normalize('NFKC'), salt, keyBytes, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}
