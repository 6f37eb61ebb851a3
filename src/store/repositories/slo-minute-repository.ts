import { sql, type Kysely } from 'kysely';
import type { SloMinutesTable, Tables } from '../tables.js';

/** Requests left out of availability, by reason. */
export interface SloExclusionCounts {
  clientError: number;
  quota: number;
  budget: number;
  contentFilter: number;
  clientAbort: number;
}

/** One writer's counts of one deployment in one minute. */
export interface SloMinuteRow {
  /** `<writer>:<minute>:<deployment id>`: the idempotency key. */
  id: string;
  /** Unix ms of the minute's start. */
  minute: number;
  projectId: string;
  deploymentId: string;
  deploymentType: string;
  eligible: number;
  succeeded: number;
  excluded: SloExclusionCounts;
  latencyHistogram: string;
  timeToFirstTokenHistogram: string;
  outputTokens: number;
  generationMs: number;
}

/** A deployment's minute summed over its writers: what the SLA report reads. */
export interface SloMinuteCounts {
  deploymentId: string;
  deploymentType: string;
  minute: number;
  eligible: number;
  succeeded: number;
}

/** Rows per insert: 16 columns each stays under SQLite's 32,766 bound parameters. */
const ROWS_PER_STATEMENT = 1000;

/** The per-minute service-level rollups: written by the SLO tracker's flushes, read by the SLO views and SLA reports. */
export class SloMinuteRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Inserts the rows whose id is not stored yet, so a flush that is written twice counts once. */
  async insert(rows: readonly SloMinuteRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      await this.db
        .insertInto('slo_minutes')
        .values(rows.slice(start, start + ROWS_PER_STATEMENT).map(toColumns))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
    }
  }

  /** Every row of a deployment with `fromMinute <= minute < toMinute`, oldest first. */
  async listForDeployment(deploymentId: string, fromMinute: number, toMinute: number): Promise<SloMinuteRow[]> {
    const rows = await this.db
      .selectFrom('slo_minutes')
      .selectAll()
      .where('deployment_id', '=', deploymentId)
      .where('minute', '>=', fromMinute)
      .where('minute', '<', toMinute)
      .orderBy('minute')
      .execute();
    return rows.map(fromColumns);
  }

  /** A project's deployments minute by minute (writers summed), `fromMinute <= minute < toMinute`, unordered. */
  async countsByMinute(projectId: string, fromMinute: number, toMinute: number): Promise<SloMinuteCounts[]> {
    const rows = await this.db
      .selectFrom('slo_minutes')
      .select([
        'deployment_id',
        'minute',
        sql<string>`MAX(deployment_type)`.as('deployment_type'),
        sql<number | string>`SUM(eligible)`.as('eligible'),
        sql<number | string>`SUM(succeeded)`.as('succeeded'),
      ])
      .where('project_id', '=', projectId)
      .where('minute', '>=', fromMinute)
      .where('minute', '<', toMinute)
      .groupBy(['deployment_id', 'minute'])
      .execute();
    // Postgres answers SUM over bigint as numeric, which pg returns as a string.
    return rows.map((row) => ({
      deploymentId: row.deployment_id,
      deploymentType: row.deployment_type,
      minute: Number(row.minute),
      eligible: Number(row.eligible),
      succeeded: Number(row.succeeded),
    }));
  }
}

function toColumns(row: SloMinuteRow): SloMinutesTable {
  return {
    id: row.id,
    minute: row.minute,
    project_id: row.projectId,
    deployment_id: row.deploymentId,
    deployment_type: row.deploymentType,
    eligible: row.eligible,
    succeeded: row.succeeded,
    excluded_client_error: row.excluded.clientError,
    excluded_quota: row.excluded.quota,
    excluded_budget: row.excluded.budget,
    excluded_content_filter: row.excluded.contentFilter,
    excluded_client_abort: row.excluded.clientAbort,
    latency_histogram: row.latencyHistogram,
    time_to_first_token_histogram: row.timeToFirstTokenHistogram,
    output_tokens: row.outputTokens,
    generation_ms: row.generationMs,
  };
}

function fromColumns(columns: SloMinutesTable): SloMinuteRow {
  return {
    id: columns.id,
    minute: Number(columns.minute),
    projectId: columns.project_id,
    deploymentId: columns.deployment_id,
    deploymentType: columns.deployment_type,
    eligible: Number(columns.eligible),
    succeeded: Number(columns.succeeded),
    excluded: {
      clientError: Number(columns.excluded_client_error),
      quota: Number(columns.excluded_quota),
      budget: Number(columns.excluded_budget),
      contentFilter: Number(columns.excluded_content_filter),
      clientAbort: Number(columns.excluded_client_abort),
    },
    latencyHistogram: columns.latency_histogram,
    timeToFirstTokenHistogram: columns.time_to_first_token_histogram,
    outputTokens: Number(columns.output_tokens),
    generationMs: Number(columns.generation_ms),
  };
}
