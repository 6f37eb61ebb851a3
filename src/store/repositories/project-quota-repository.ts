import type { Kysely } from 'kysely';
import type { Tables } from '../tables.js';

export interface ProjectQuotaRecord {
  projectId: string;
  /** Catalog model id, as deployments name it. */
  model: string;
  tpm: number;
  updatedAt: number;
}

export class ProjectQuotaRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(projectId: string): Promise<ProjectQuotaRecord[]> {
    const rows = await this.db
      .selectFrom('project_quotas')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('model')
      .execute();
    return rows.map((row) => ({
      projectId: row.project_id,
      model: row.model,
      tpm: Number(row.tpm),
      updatedAt: Number(row.updated_at),
    }));
  }

  async find(projectId: string, model: string): Promise<ProjectQuotaRecord | undefined> {
    return (await this.list(projectId)).find((quota) => quota.model === model);
  }

  /** Sets the grant, creating it or replacing the previous one. */
  async set(record: ProjectQuotaRecord): Promise<void> {
    const existing = await this.find(record.projectId, record.model);
    if (existing === undefined) {
      await this.db
        .insertInto('project_quotas')
        .values({ project_id: record.projectId, model: record.model, tpm: record.tpm, updated_at: record.updatedAt })
        .execute();
      return;
    }
    await this.db
      .updateTable('project_quotas')
      .set({ tpm: record.tpm, updated_at: record.updatedAt })
      .where('project_id', '=', record.projectId)
      .where('model', '=', record.model)
      .execute();
  }

  async remove(projectId: string, model: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('project_quotas')
      .where('project_id', '=', projectId)
      .where('model', '=', model)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
