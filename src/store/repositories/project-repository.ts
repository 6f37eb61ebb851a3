import type { Kysely, Selectable } from 'kysely';
import type { ProjectsTable, Tables } from '../tables.js';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
}

export class ProjectRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(): Promise<ProjectRecord[]> {
    const rows = await this.db.selectFrom('projects').selectAll().orderBy('name').execute();
    return rows.map(toRecord);
  }

  async findByName(name: string): Promise<ProjectRecord | undefined> {
    const row = await this.db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async insert(record: ProjectRecord): Promise<void> {
    await this.db
      .insertInto('projects')
      .values({ id: record.id, name: record.name, created_at: record.createdAt })
      .execute();
  }

  /** Removes the project with its keys and deployments (foreign keys cascade). */
  async deleteByName(name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('projects').where('name', '=', name).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function toRecord(row: Selectable<ProjectsTable>): ProjectRecord {
  return { id: row.id, name: row.name, createdAt: Number(row.created_at) };
}
