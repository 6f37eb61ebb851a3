import type { Kysely } from 'kysely';
import type { Tables } from '../tables.js';

export interface ProjectMemberRecord {
  projectId: string;
  userId: string;
  role: string;
  createdAt: number;
}

/** A membership joined with what listings show of its user and project. */
export interface ProjectMemberListing extends ProjectMemberRecord {
  email: string;
  displayName: string | null;
  projectName: string;
}

export class ProjectMemberRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async listByProject(projectId: string): Promise<ProjectMemberListing[]> {
    return this.listWhere('project_members.project_id', projectId);
  }

  async listByUser(userId: string): Promise<ProjectMemberListing[]> {
    return this.listWhere('project_members.user_id', userId);
  }

  async find(projectId: string, userId: string): Promise<ProjectMemberRecord | undefined> {
    const row = await this.db
      .selectFrom('project_members')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { projectId: row.project_id, userId: row.user_id, role: row.role, createdAt: Number(row.created_at) };
  }

  async countRole(projectId: string, role: string): Promise<number> {
    const row = await this.db
      .selectFrom('project_members')
      .select((builder) => builder.fn.countAll<number | string>().as('count'))
      .where('project_id', '=', projectId)
      .where('role', '=', role)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Adds the member, or changes the role of one who is already there. */
  async upsert(record: ProjectMemberRecord): Promise<void> {
    await this.db
      .insertInto('project_members')
      .values({
        project_id: record.projectId,
        user_id: record.userId,
        role: record.role,
        created_at: record.createdAt,
      })
      .onConflict((conflict) => conflict.columns(['project_id', 'user_id']).doUpdateSet({ role: record.role }))
      .execute();
  }

  async delete(projectId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('project_members')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  private async listWhere(
    column: 'project_members.project_id' | 'project_members.user_id',
    value: string,
  ): Promise<ProjectMemberListing[]> {
    const rows = await this.db
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .innerJoin('projects', 'projects.id', 'project_members.project_id')
      .select([
        'project_members.project_id',
        'project_members.user_id',
        'project_members.role',
        'project_members.created_at',
        'users.email',
        'users.display_name',
        'projects.name as project_name',
      ])
      .where(column, '=', value)
      .orderBy('projects.name')
      .orderBy('users.email')
      .execute();
    return rows.map((row) => ({
      projectId: row.project_id,
      userId: row.user_id,
      role: row.role,
      createdAt: Number(row.created_at),
      email: row.email,
      displayName: row.display_name,
      projectName: row.project_name,
    }));
  }
}
