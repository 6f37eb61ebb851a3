import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateKeyFile } from './key-file.js';

export interface ResolvedKey {
  key: string;
  /** `env`: from configuration; `file`: read from the data dir; `generated`: written there just now. */
  source: 'env' | 'file' | 'generated';
}

/**
 * The key that encrypts vendor credentials: HANGAR_SECRET_KEY when set, else `<dataDir>/secret.key`,
 * generated on first start. Replicas sharing a Postgres database must share the key, so they need
 * HANGAR_SECRET_KEY (or the same file).
 */
export function resolveSecretKey(options: { secretKey?: string; dataDir: string }): string {
  if (options.secretKey !== undefined && options.secretKey !== '') return options.secretKey;
  return readOrCreateKeyFile(join(options.dataDir, 'secret.key'), () => randomBytes(32).toString('base64url')).key;
}

/**
 * The operator's key for the admin API: HANGAR_ADMIN_KEY when set, else `<dataDir>/admin.key`, generated
 * as `hgr_admin_…` on first start so a fresh install is never open.
 */
export function resolveAdminKey(options: { adminKey?: string; dataDir: string }): ResolvedKey {
  if (options.adminKey !== undefined && options.adminKey !== '') return { key: options.adminKey, source: 'env' };
  const { key, created } = readOrCreateKeyFile(
    join(options.dataDir, 'admin.key'),
    () => `hgr_admin_${randomBytes(32).toString('base64url')}`,
  );
  return { key, source: created ? 'generated' : 'file' };
}
