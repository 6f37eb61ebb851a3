import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Tables } from '../tables.js';
import type { UsageTokenCounts } from './usage-record-repository.js';

/** The ledger's day rollups summed for an invoice: per deployment, model and deployment type. */
export interface RollupUsage {
  /** `YYYY-MM-DD` for daily sums, `YYYY-MM` for monthly sums. */
  period: string;
  deploymentId: string;
  /** Null when the deployment was removed since (its usage stays billed). */
  deploymentName: string | null;
  model: string;
  deploymentType: string;
  tokens: UsageTokenCounts;
  requests: number;
  costMicroUsd: number;
}

const SUMS = [
  'input_tokens',
  'cached_input_tokens',
  'cache_write_input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'requests',
  'cost_micro_usd',
] as const;

/**
 * Reads `usage_daily` (the ledger's rollups, see 0007-usage-ledger) for invoices. Days are `YYYY-MM-DD` text, so
 * a month is the days that start with `YYYY-MM` and `substr(day, 1, 7)` is a day's month on both databases.
 */
export class InvoiceUsageRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** The project's usage per day of the month (`YYYY-MM`). */
  async byDay(projectId: string, month: string): Promise<RollupUsage[]> {
    return this.#sum(projectId, sql<string>`usage_daily.day`, [month]);
  }

  /** The project's usage per month of those given. */
  async byMonth(projectId: string, months: readonly string[]): Promise<RollupUsage[]> {
    if (months.length === 0) return [];
    return this.#sum(projectId, sql<string>`substr(usage_daily.day, 1, 7)`, months);
  }

  /** The months (`YYYY-MM`) in which the project has usage, oldest first. */
  async monthsWithUsage(projectId: string): Promise<string[]> {
    const month = sql<string>`substr(usage_daily.day, 1, 7)`;
    const rows = await this.db
      .selectFrom('usage_daily')
      .select(month.as('month'))
      .where('project_id', '=', projectId)
      .groupBy(month)
      .orderBy(month)
      .execute();
    return rows.map((row) => row.month);
  }

  /** The projects with usage in the month, removed ones included. */
  async projectsWithUsage(month: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('usage_daily')
      .select('project_id')
      .distinct()
      .where('day', '>=', `${month}-01`)
      .where('day', '<=', `${month}-31`)
      .execute();
    return rows.map((row) => row.project_id);
  }

  async #sum(projectId: string, period: RawBuilder<string>, months: readonly string[]): Promise<RollupUsage[]> {
    const first = [...months].sort()[0] ?? '';
    const last = [...months].sort().at(-1) ?? '';
    const rows = await this.db
      .selectFrom('usage_daily')
      .leftJoin('deployments', 'deployments.id', 'usage_daily.deployment_id')
      .select([
        period.as('period'),
        'usage_daily.deployment_id',
        'deployments.name as deployment_name',
        'usage_daily.model',
        'usage_daily.deployment_type',
      ])
      .select(SUMS.map((column) => sql<number | string>`SUM(${sql.ref(`usage_daily.${column}`)})`.as(column)))
      .where('usage_daily.project_id', '=', projectId)
      // The range uses the (project_id, day) index; the month list then drops the months in between.
      .where('usage_daily.day', '>=', `${first}-01`)
      .where('usage_daily.day', '<=', `${last}-31`)
      .where(sql<string>`substr(usage_daily.day, 1, 7)`, 'in', [...months])
      .groupBy([
        period,
        sql.ref('usage_daily.deployment_id'),
        sql.ref('deployments.name'),
        sql.ref('usage_daily.model'),
        sql.ref('usage_daily.deployment_type'),
      ])
      .execute();
    // Postgres answers SUM over bigint as numeric, which pg returns as a string.
    return rows.map((row): RollupUsage => ({
      period: row.period,
      deploymentId: row.deployment_id,
      deploymentName: row.deployment_name,
      model: row.model,
      deploymentType: row.deployment_type,
      tokens: {
        input: Number(row.input_tokens),
        cachedInput: Number(row.cached_input_tokens),
        cacheWriteInput: Number(row.cache_write_input_tokens),
        output: Number(row.output_tokens),
        reasoning: Number(row.reasoning_tokens),
      },
      requests: Number(row.requests),
      costMicroUsd: Number(row.cost_micro_usd),
    }));
  }
}
