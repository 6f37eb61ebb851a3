import type { Kysely, Selectable } from 'kysely';
import type { ApiKeysTable, Tables } from '../tables.js';

export interface ApiKeyRecord {
  id: string;
  projectId: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  createdAt: number;
  revokedAt: number | null;
  expiresAt: number | null;
  /** Lower-cased deployment names the key may call; null: every deployment of its project. */
  deployments: string[] | null;
  lastUsedAt: number | null;
  /** `inference`, or `admin` for a key that also acts on its project's admin API. */
  scope: 'inference' | 'admin';
  /** The project role an admin key acts with (`owner`, `contributor`, `reader`); null for inference keys. */
  role: string | null;
}

export class ApiKeyRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async listByProject(projectId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('name')
      .execute();
    return rows.map(toRecord);
  }

  /** Keys that still open the door, for the in-memory registry. */
  async listActive(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().where('revoked_at', 'is', null).execute();
    return rows.map(toRecord);
  }

  async findByName(projectId: string, name: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: record.id,
        project_id: record.projectId,
        name: record.name,
        key_hash: record.keyHash,
        key_prefix: record.keyPrefix,
        created_at: record.createdAt,
        revoked_at: record.revokedAt,
        expires_at: record.expiresAt,
        deployments_json: record.deployments === null ? null : JSON.stringify(record.deployments),
        last_used_at: record.lastUsedAt,
        scope: record.scope,
        role: record.role,
      })
      .execute();
  }

  /** Records when keys were last used; one statement per key, applied in one transaction by the caller. */
  async touch(lastUsed: ReadonlyMap<string, number>): Promise<void> {
    for (const [id, at] of lastUsed) {
      await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    }
  }

  async revoke(id: string, revokedAt: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
  }

  /** Gives a key a new secret and makes it valid again (declared keys follow the file). */
  async replaceSecret(id: string, keyHash: string, keyPrefix: string): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ key_hash: keyHash, key_prefix: keyPrefix, revoked_at: null })
      .where('id', '=', id)
      .execute();
  }
}

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    deployments: row.deployments_json === null ? null : (JSON.parse(row.deployments_json) as string[]),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    scope: row.scope === 'admin' ? 'admin' : 'inference',
    role: row.role,
  };
}
