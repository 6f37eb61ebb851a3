import { sql, type Kysely } from 'kysely';
import type { Tables, UsageDailyTable } from '../tables.js';
import type { UsageTokenCounts } from './usage-record-repository.js';

/** What a day rollup row adds up. */
export interface UsageSums {
  tokens: UsageTokenCounts;
  costMicroUsd: number;
  requests: number;
  estimatedRequests: number;
  clientAbortRequests: number;
  upstreamErrorRequests: number;
  filteredRequests: number;
}

/** What one flush adds to one rollup row. */
export interface UsageDailyIncrement extends UsageSums {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  projectId: string;
  keyId: string;
  deploymentId: string;
  model: string;
  deploymentType: string;
}

export type UsageGrouping = 'day' | 'project' | 'deployment' | 'model' | 'key';

export interface UsageSummaryQuery {
  /** First and last day included, `YYYY-MM-DD`. */
  fromDay: string;
  toDay: string;
  /** One project's usage; absent: every project's. */
  projectId?: string;
  groupBy: UsageGrouping;
}

/** One group of a summary; the dimensions the grouping does not use are null. */
export interface UsageSummaryRow extends UsageSums {
  day: string | null;
  projectId: string | null;
  /** Null also when the project was removed since (its usage stays). */
  projectName: string | null;
  deploymentId: string | null;
  deploymentName: string | null;
  model: string | null;
  keyId: string | null;
  keyName: string | null;
}

type Dimension =
  'day' | 'projectId' | 'projectName' | 'deploymentId' | 'deploymentName' | 'model' | 'keyId' | 'keyName';

const DIMENSION_COLUMNS: Record<Dimension, { column: string; alias: string }> = {
  day: { column: 'usage_daily.day', alias: 'day' },
  projectId: { column: 'usage_daily.project_id', alias: 'project_id' },
  projectName: { column: 'projects.name', alias: 'project_name' },
  deploymentId: { column: 'usage_daily.deployment_id', alias: 'deployment_id' },
  deploymentName: { column: 'deployments.name', alias: 'deployment_name' },
  model: { column: 'usage_daily.model', alias: 'model' },
  keyId: { column: 'usage_daily.key_id', alias: 'key_id' },
  keyName: { column: 'api_keys.name', alias: 'key_name' },
};

const GROUP_DIMENSIONS: Record<UsageGrouping, readonly Dimension[]> = {
  day: ['day'],
  project: ['projectId', 'projectName'],
  deployment: ['projectId', 'projectName', 'deploymentId', 'deploymentName'],
  model: ['model'],
  key: ['projectId', 'projectName', 'keyId', 'keyName'],
};

const SUMMED_COLUMNS = [
  'input_tokens',
  'cached_input_tokens',
  'cache_write_input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_micro_usd',
  'requests',
  'estimated_requests',
  'client_abort_requests',
  'upstream_error_requests',
  'filtered_requests',
] as const;

/** Rows per upsert statement: 17 columns each stays under SQLite's 32,766 bound parameters. */
const ROWS_PER_STATEMENT = 1000;

/** The day rollups: added to by the ledger's flushes, read by the usage reports. */
export class UsageDailyRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * Adds each increment to its row, creating it when missing. One statement per thousand rows; the rows must
   * be distinct (Postgres refuses to update one row twice in a statement), and sorted the same way by every
   * writer, so two replicas flushing at once lock rows in the same order and cannot deadlock.
   */
  async add(increments: readonly UsageDailyIncrement[]): Promise<void> {
    for (let start = 0; start < increments.length; start += ROWS_PER_STATEMENT) {
      await this.db
        .insertInto('usage_daily')
        .values(increments.slice(start, start + ROWS_PER_STATEMENT).map(toColumns))
        .onConflict((conflict) =>
          conflict
            .columns(['day', 'project_id', 'key_id', 'deployment_id', 'model', 'deployment_type'])
            .doUpdateSet((update) =>
              Object.fromEntries(
                SUMMED_COLUMNS.map((column) => [
                  column,
                  update(`usage_daily.${column}`, '+', update.ref(`excluded.${column}`)),
                ]),
              ),
            ),
        )
        .execute();
    }
  }

  /** Sums over the days of the query, one row per group (unordered). */
  async summarize(query: UsageSummaryQuery): Promise<UsageSummaryRow[]> {
    const grouped = new Set(GROUP_DIMENSIONS[query.groupBy]);
    const dimensions = Object.entries(DIMENSION_COLUMNS) as [Dimension, { column: string; alias: string }][];
    const rows = await this.db
      .selectFrom('usage_daily')
      .leftJoin('projects', 'projects.id', 'usage_daily.project_id')
      .leftJoin('deployments', 'deployments.id', 'usage_daily.deployment_id')
      .leftJoin('api_keys', 'api_keys.id', 'usage_daily.key_id')
      .select(
        dimensions.map(([dimension, { column, alias }]) =>
          // Every query selects every dimension, NULL for those it does not group by, so rows have one shape.
          (grouped.has(dimension) ? sql<string | null>`${sql.ref(column)}` : sql<string | null>`NULL`).as(alias),
        ),
      )
      .select(SUMMED_COLUMNS.map((column) => sql<number | string>`SUM(${sql.ref(`usage_daily.${column}`)})`.as(column)))
      .where('usage_daily.day', '>=', query.fromDay)
      .where('usage_daily.day', '<=', query.toDay)
      .$if(query.projectId !== undefined, (builder) =>
        builder.where('usage_daily.project_id', '=', query.projectId ?? ''),
      )
      .groupBy(dimensions.filter(([dimension]) => grouped.has(dimension)).map(([, { column }]) => sql.ref(column)))
      .execute();
    return rows.map((row) => {
      const values = row as Record<string, string | number | null>;
      const dimension = (name: Dimension): string | null => {
        const value = values[DIMENSION_COLUMNS[name].alias];
        return value === null || value === undefined ? null : String(value);
      };
      // Postgres answers SUM over bigint as numeric, which pg returns as a string.
      const sum = (column: (typeof SUMMED_COLUMNS)[number]) => Number(values[column] ?? 0);
      return {
        day: dimension('day'),
        projectId: dimension('projectId'),
        projectName: dimension('projectName'),
        deploymentId: dimension('deploymentId'),
        deploymentName: dimension('deploymentName'),
        model: dimension('model'),
        keyId: dimension('keyId'),
        keyName: dimension('keyName'),
        tokens: {
          input: sum('input_tokens'),
          cachedInput: sum('cached_input_tokens'),
          cacheWriteInput: sum('cache_write_input_tokens'),
          output: sum('output_tokens'),
          reasoning: sum('reasoning_tokens'),
        },
        costMicroUsd: sum('cost_micro_usd'),
        requests: sum('requests'),
        estimatedRequests: sum('estimated_requests'),
        clientAbortRequests: sum('client_abort_requests'),
        upstreamErrorRequests: sum('upstream_error_requests'),
        filteredRequests: sum('filtered_requests'),
      };
    });
  }
}

function toColumns(increment: UsageDailyIncrement): UsageDailyTable {
  return {
    day: increment.day,
    project_id: increment.projectId,
    key_id: increment.keyId,
    deployment_id: increment.deploymentId,
    model: increment.model,
    deployment_type: increment.deploymentType,
    input_tokens: increment.tokens.input,
    cached_input_tokens: increment.tokens.cachedInput,
    cache_write_input_tokens: increment.tokens.cacheWriteInput,
    output_tokens: increment.tokens.output,
    reasoning_tokens: increment.tokens.reasoning,
    cost_micro_usd: increment.costMicroUsd,
    requests: increment.requests,
    estimated_requests: increment.estimatedRequests,
    client_abort_requests: increment.clientAbortRequests,
    upstream_error_requests: increment.upstreamErrorRequests,
    filtered_requests: increment.filteredRequests,
  };
}
