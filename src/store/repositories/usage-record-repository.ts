import { sql, type Kysely } from 'kysely';
import type { Tables, UsageRecordsTable } from '../tables.js';

export interface UsageTokenCounts {
  input: number;
  cachedInput: number;
  cacheWriteInput: number;
  output: number;
  reasoning: number;
}

/** A usage record as stored; the metering layer's UsageRecord has this shape. */
export interface UsageRecordRow {
  id: string;
  requestId: string;
  attempt: number;
  at: number;
  projectId: string;
  keyId: string;
  deploymentId: string;
  deploymentType: string;
  model: string;
  backend: string;
  dialect: string;
  operation: string;
  streamed: boolean;
  outcome: string;
  tokens: UsageTokenCounts;
  estimated: boolean;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  costMicroUsd: number;
  priceCardVersion: string;
}

/** What the reconciliation audit counts for one UTC day, or for one day and one price card of a deployment. */
export interface UsageAuditCounts {
  /** Records with tokens but no cost: a model without a price, or a price card that answered 0. */
  zeroCostRecords: number;
  zeroCostTokens: number;
  /** Records whose tokens Hangar counted because the vendor sent no usage. */
  estimatedRecords: number;
  estimatedTokens: number;
}

export interface UsageAuditDay extends UsageAuditCounts {
  /** Days since the epoch (UTC). */
  dayNumber: number;
  records: number;
}

export interface UsageAuditFinding extends UsageAuditCounts {
  dayNumber: number;
  projectId: string;
  projectName: string | null;
  deploymentId: string;
  deploymentName: string | null;
  model: string;
  priceCardVersion: string;
}

export const DAY_MS = 86_400_000;

/**
 * Rows per INSERT: 25 columns each keeps a statement under SQLite's 32,766 bound parameters (Postgres allows
 * 65,535), whatever batch size the ledger is given.
 */
const ROWS_PER_STATEMENT = 1000;

// A literal, not a parameter: Postgres matches GROUP BY expressions to the select list textually.
const DAY = sql.lit(DAY_MS);
const TOKENS = sql<number>`(input_tokens + cached_input_tokens + cache_write_input_tokens + output_tokens + reasoning_tokens)`;
const ZERO_COST = sql<boolean>`(cost_micro_usd = 0 AND ${TOKENS} > 0)`;

/** The append-only ledger table: inserts that ignore ids already stored, and the audit queries over a range. */
export class UsageRecordRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * Inserts the records whose id is not stored yet, and answers the ids it inserted, so the caller adds to the
   * rollups only what is new. Run it in the caller's transaction with the rollup update.
   */
  async insertNew(records: readonly UsageRecordRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
      const rows = await this.db
        .insertInto('usage_records')
        .values(records.slice(start, start + ROWS_PER_STATEMENT).map(toColumns))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) inserted.add(row.id);
    }
    return inserted;
  }

  /** Records whose request started in [fromMs, toMs), oldest first; optionally one project's. */
  async listBetween(fromMs: number, toMs: number, projectId?: string): Promise<UsageRecordRow[]> {
    const rows = await this.db
      .selectFrom('usage_records')
      .selectAll()
      .where('at', '>=', fromMs)
      .where('at', '<', toMs)
      .$if(projectId !== undefined, (query) => query.where('project_id', '=', projectId ?? ''))
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(fromColumns);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('usage_records')
      .select((expression) => expression.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Per UTC day in [fromMs, toMs): how many records, how many with tokens and no cost, how many estimated. */
  async auditDays(fromMs: number, toMs: number): Promise<UsageAuditDay[]> {
    const result = await sql<Record<string, number | string>>`
      SELECT at / ${DAY} AS day_number,
        COUNT(*) AS records,
        ${auditSums()}
      FROM usage_records
      WHERE at >= ${fromMs} AND at < ${toMs}
      GROUP BY at / ${DAY}
      ORDER BY day_number`.execute(this.db);
    return result.rows.map((row) => ({
      dayNumber: Number(row.day_number),
      records: Number(row.records),
      ...auditCounts(row),
    }));
  }

  /** Per UTC day, deployment and price card: the records with tokens and no cost, and the estimated ones. */
  async auditFindings(fromMs: number, toMs: number): Promise<UsageAuditFinding[]> {
    const result = await sql<Record<string, number | string | null>>`
      SELECT r.at / ${DAY} AS day_number, r.project_id, p.name AS project_name, r.deployment_id,
        d.name AS deployment_name, r.model, r.price_card_version,
        ${auditSums()}
      FROM usage_records r
      LEFT JOIN projects p ON p.id = r.project_id
      LEFT JOIN deployments d ON d.id = r.deployment_id
      WHERE r.at >= ${fromMs} AND r.at < ${toMs} AND (${ZERO_COST} OR r.estimated = 1)
      GROUP BY r.at / ${DAY}, r.project_id, p.name, r.deployment_id, d.name, r.model, r.price_card_version
      ORDER BY day_number, r.project_id, r.deployment_id, r.price_card_version`.execute(this.db);
    return result.rows.map((row) => ({
      dayNumber: Number(row.day_number),
      projectId: String(row.project_id),
      projectName: row.project_name === null ? null : String(row.project_name),
      deploymentId: String(row.deployment_id),
      deploymentName: row.deployment_name === null ? null : String(row.deployment_name),
      model: String(row.model),
      priceCardVersion: String(row.price_card_version),
      ...auditCounts(row),
    }));
  }
}

function auditSums() {
  return sql`SUM(CASE WHEN ${ZERO_COST} THEN 1 ELSE 0 END) AS zero_cost_records,
        SUM(CASE WHEN ${ZERO_COST} THEN ${TOKENS} ELSE 0 END) AS zero_cost_tokens,
        SUM(estimated) AS estimated_records,
        SUM(CASE WHEN estimated = 1 THEN ${TOKENS} ELSE 0 END) AS estimated_tokens`;
}

// Postgres answers SUM over bigint as numeric, which pg returns as a string.
function auditCounts(row: Record<string, number | string | null>): UsageAuditCounts {
  return {
    zeroCostRecords: Number(row.zero_cost_records ?? 0),
    zeroCostTokens: Number(row.zero_cost_tokens ?? 0),
    estimatedRecords: Number(row.estimated_records ?? 0),
    estimatedTokens: Number(row.estimated_tokens ?? 0),
  };
}

function toColumns(record: UsageRecordRow): UsageRecordsTable {
  return {
    id: record.id,
    request_id: record.requestId,
    attempt: record.attempt,
    at: record.at,
    project_id: record.projectId,
    key_id: record.keyId,
    deployment_id: record.deploymentId,
    deployment_type: record.deploymentType,
    model: record.model,
    backend: record.backend,
    dialect: record.dialect,
    operation: record.operation,
    streamed: record.streamed ? 1 : 0,
    outcome: record.outcome,
    input_tokens: record.tokens.input,
    cached_input_tokens: record.tokens.cachedInput,
    cache_write_input_tokens: record.tokens.cacheWriteInput,
    output_tokens: record.tokens.output,
    reasoning_tokens: record.tokens.reasoning,
    estimated: record.estimated ? 1 : 0,
    latency_ms: record.latencyMs,
    time_to_first_token_ms: record.timeToFirstTokenMs,
    cost_micro_usd: record.costMicroUsd,
    price_card_version: record.priceCardVersion,
  };
}

function fromColumns(row: UsageRecordsTable): UsageRecordRow {
  return {
    id: row.id,
    requestId: row.request_id,
    attempt: Number(row.attempt),
    at: Number(row.at),
    projectId: row.project_id,
    keyId: row.key_id,
    deploymentId: row.deployment_id,
    deploymentType: row.deployment_type,
    model: row.model,
    backend: row.backend,
    dialect: row.dialect,
    operation: row.operation,
    streamed: Number(row.streamed) === 1,
    outcome: row.outcome,
    tokens: {
      input: Number(row.input_tokens),
      cachedInput: Number(row.cached_input_tokens),
      cacheWriteInput: Number(row.cache_write_input_tokens),
      output: Number(row.output_tokens),
      reasoning: Number(row.reasoning_tokens),
    },
    estimated: Number(row.estimated) === 1,
    latencyMs: Number(row.latency_ms),
    timeToFirstTokenMs: row.time_to_first_token_ms === null ? null : Number(row.time_to_first_token_ms),
    costMicroUsd: Number(row.cost_micro_usd),
    priceCardVersion: row.price_card_version,
  };
}
