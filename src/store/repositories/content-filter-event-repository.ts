import type { Kysely, Selectable } from 'kysely';
import type { ContentFilterEventsTable, Tables } from '../tables.js';

/** A filtered request as stored; `results` is the annotations' JSON. */
export interface ContentFilterEventRecord {
  id: string;
  at: number;
  projectId: string;
  deploymentId: string;
  deploymentName: string;
  requestId: string;
  stage: string;
  action: string;
  policyName: string;
  results: string;
}

export interface ContentFilterEventQuery {
  limit: number;
  /** Unix ms, exclusive: only events before it (the next page of a listing). */
  before?: number;
}

export class ContentFilterEventRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async insertMany(records: readonly ContentFilterEventRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db
      .insertInto('content_filter_events')
      .values(
        records.map((record) => ({
          id: record.id,
          at: record.at,
          project_id: record.projectId,
          deployment_id: record.deploymentId,
          deployment_name: record.deploymentName,
          request_id: record.requestId,
          stage: record.stage,
          action: record.action,
          policy_name: record.policyName,
          results: record.results,
        })),
      )
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  }

  /** The project's most recent events first. */
  async list(projectId: string, query: ContentFilterEventQuery): Promise<ContentFilterEventRecord[]> {
    let select = this.db.selectFrom('content_filter_events').selectAll().where('project_id', '=', projectId);
    if (query.before !== undefined) select = select.where('at', '<', query.before);
    const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: Selectable<ContentFilterEventsTable>): ContentFilterEventRecord {
  return {
    id: row.id,
    at: Number(row.at),
    projectId: row.project_id,
    deploymentId: row.deployment_id,
    deploymentName: row.deployment_name,
    requestId: row.request_id,
    stage: row.stage,
    action: row.action,
    policyName: row.policy_name,
    results: row.results,
  };
}
