import type { Kysely, Selectable } from 'kysely';
import { PROVIDER_IDS, type ProviderId } from '../../spec/index.js';
import { safeParseJson } from '../../kit/index.js';
import type { ConnectionsTable, Tables } from '../tables.js';

export interface ConnectionRecord {
  id: string;
  name: string;
  provider: ProviderId;
  baseUrl: string | null;
  apiKeyEncrypted: string | null;
  apiVersion: string | null;
  headers: Record<string, string> | null;
  timeoutMs: number | null;
  /** Tokens per minute the account can serve, which provisioned deployments reserve from; null: not known. */
  capacityTpm: number | null;
  createdAt: number;
}

/** The fields an update may change; the id, name and creation time stay. */
export type ConnectionChanges = Omit<ConnectionRecord, 'id' | 'name' | 'createdAt'>;

export class ConnectionRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(): Promise<ConnectionRecord[]> {
    const rows = await this.db.selectFrom('connections').selectAll().orderBy('name').execute();
    return rows.map(toRecord);
  }

  async findByName(name: string): Promise<ConnectionRecord | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async insert(record: ConnectionRecord): Promise<void> {
    await this.db
      .insertInto('connections')
      .values({ id: record.id, name: record.name, created_at: record.createdAt, ...toColumns(record) })
      .execute();
  }

  async update(id: string, changes: ConnectionChanges): Promise<void> {
    await this.db.updateTable('connections').set(toColumns(changes)).where('id', '=', id).execute();
  }

  /** Returns whether a row was removed. */
  async deleteByName(name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('connections').where('name', '=', name).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function toColumns(changes: ConnectionChanges) {
  return {
    provider: changes.provider,
    base_url: changes.baseUrl,
    api_key_encrypted: changes.apiKeyEncrypted,
    api_version: changes.apiVersion,
    headers_json: changes.headers === null ? null : JSON.stringify(changes.headers),
    timeout_ms: changes.timeoutMs,
    capacity_tpm: changes.capacityTpm,
  };
}

function toRecord(row: Selectable<ConnectionsTable>): ConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    provider: toProviderId(row.provider, row.name),
    baseUrl: row.base_url,
    apiKeyEncrypted: row.api_key_encrypted,
    apiVersion: row.api_version,
    headers: row.headers_json === null ? null : toHeaders(row.headers_json, row.name),
    timeoutMs: row.timeout_ms,
    capacityTpm: row.capacity_tpm === null ? null : Number(row.capacity_tpm),
    createdAt: Number(row.created_at),
  };
}

function toProviderId(provider: string, connectionName: string): ProviderId {
  const known = PROVIDER_IDS.find((id) => id === provider);
  if (known === undefined) {
    throw new Error(
      `Connection '${connectionName}' has provider '${provider}', which this Hangar version does not know.`,
    );
  }
  return known;
}

function toHeaders(json: string, connectionName: string): Record<string, string> {
  const parsed = safeParseJson(json);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new Error(`Connection '${connectionName}' has unreadable headers in the database.`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.value)) {
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}
