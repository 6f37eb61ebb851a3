import type { Kysely, Selectable } from 'kysely';
import type { ContentBlocklistsTable, Tables } from '../tables.js';

/** A project's blocklist as stored; `items` is the JSON array the safety layer reads. */
export interface ContentBlocklistRecord {
  id: string;
  projectId: string;
  name: string;
  description: string;
  items: string;
  createdAt: number;
  updatedAt: number;
}

export class ContentBlocklistRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Every project's blocklists: what the request path holds in memory. */
  async listAll(): Promise<ContentBlocklistRecord[]> {
    const rows = await this.db
      .selectFrom('content_blocklists')
      .selectAll()
      .orderBy('project_id')
      .orderBy('name')
      .execute();
    return rows.map(toRecord);
  }

  async list(projectId: string): Promise<ContentBlocklistRecord[]> {
    const rows = await this.db
      .selectFrom('content_blocklists')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('name')
      .execute();
    return rows.map(toRecord);
  }

  async find(projectId: string, name: string): Promise<ContentBlocklistRecord | undefined> {
    const row = await this.db
      .selectFrom('content_blocklists')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  /** Inserts the blocklist, or replaces the project's one of that name (keeping its id and creation time). */
  async upsert(record: ContentBlocklistRecord): Promise<void> {
    await this.db
      .insertInto('content_blocklists')
      .values({
        id: record.id,
        project_id: record.projectId,
        name: record.name,
        description: record.description,
        items: record.items,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      })
      .onConflict((conflict) =>
        conflict.columns(['project_id', 'name']).doUpdateSet({
          description: record.description,
          items: record.items,
          updated_at: record.updatedAt,
        }),
      )
      .execute();
  }

  /** False when the project has no blocklist of that name. */
  async remove(projectId: string, name: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('content_blocklists')
      .where('project_id', '=', projectId)
      .where('name', '=', name)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function toRecord(row: Selectable<ContentBlocklistsTable>): ContentBlocklistRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    items: row.items,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
