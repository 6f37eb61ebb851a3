import type { Kysely, Selectable } from 'kysely';
import type { ContentFilterPoliciesTable, Tables } from '../tables.js';

/** A content-filter policy as stored; the safety layer reads `definition` (JSON in the admin API's spelling). */
export interface ContentFilterPolicyRecord {
  id: string;
  /** Null: a platform policy. */
  projectId: string | null;
  name: string;
  description: string;
  definition: string;
  /** The Azure AI Content Safety key, encrypted; null for other analyzers. */
  apiKeyCiphertext: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A deployment that names a policy. */
export interface PolicyUserRecord {
  projectId: string;
  projectName: string;
  deploymentName: string;
}

/** Platform policies are stored with scope '', so (scope, name) is unique for both kinds. */
const PLATFORM_SCOPE = '';
const scopeOf = (projectId: string | null) => projectId ?? PLATFORM_SCOPE;

export class ContentFilterPolicyRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Every policy of the platform and of every project: what the request path holds in memory. */
  async listAll(): Promise<ContentFilterPolicyRecord[]> {
    const rows = await this.db
      .selectFrom('content_filter_policies')
      .selectAll()
      .orderBy('scope')
      .orderBy('name')
      .execute();
    return rows.map(toRecord);
  }

  /** The platform's policies (null) or one project's own, by name. */
  async list(projectId: string | null): Promise<ContentFilterPolicyRecord[]> {
    const rows = await this.db
      .selectFrom('content_filter_policies')
      .selectAll()
      .where('scope', '=', scopeOf(projectId))
      .orderBy('name')
      .execute();
    return rows.map(toRecord);
  }

  async find(projectId: string | null, name: string): Promise<ContentFilterPolicyRecord | undefined> {
    const row = await this.db
      .selectFrom('content_filter_policies')
      .selectAll()
      .where('scope', '=', scopeOf(projectId))
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  /** Inserts the policy, or replaces the one of that scope and name (keeping its id and creation time). */
  async upsert(record: ContentFilterPolicyRecord): Promise<void> {
    await this.db
      .insertInto('content_filter_policies')
      .values({
        id: record.id,
        scope: scopeOf(record.projectId),
        project_id: record.projectId,
        name: record.name,
        description: record.description,
        definition: record.definition,
        api_key_ciphertext: record.apiKeyCiphertext,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      })
      .onConflict((conflict) =>
        conflict.columns(['scope', 'name']).doUpdateSet({
          description: record.description,
          definition: record.definition,
          api_key_ciphertext: record.apiKeyCiphertext,
          updated_at: record.updatedAt,
        }),
      )
      .execute();
  }

  /** False when the scope has no policy of that name. */
  async remove(projectId: string | null, name: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('content_filter_policies')
      .where('scope', '=', scopeOf(projectId))
      .where('name', '=', name)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Re-encrypts a stored key (after the secret key was rotated); nothing else changes. */
  async setApiKeyCiphertext(id: string, ciphertext: string): Promise<void> {
    await this.db
      .updateTable('content_filter_policies')
      .set({ api_key_ciphertext: ciphertext })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Deployments whose `content_filter` names the policy: in one project (a project's own policy), or in any
   * project (a platform policy), by project and deployment name.
   */
  async listDeploymentsNaming(name: string, projectId: string | null): Promise<PolicyUserRecord[]> {
    let query = this.db
      .selectFrom('deployments')
      .innerJoin('projects', 'projects.id', 'deployments.project_id')
      .select(['projects.id as projectId', 'projects.name as projectName', 'deployments.name as deploymentName'])
      .where('deployments.content_filter', '=', name);
    if (projectId !== null) query = query.where('deployments.project_id', '=', projectId);
    return query.orderBy('projects.name').orderBy('deployments.name').execute();
  }
}

function toRecord(row: Selectable<ContentFilterPoliciesTable>): ContentFilterPolicyRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    definition: row.definition,
    apiKeyCiphertext: row.api_key_ciphertext,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
