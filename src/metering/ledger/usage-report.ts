import type { Kysely } from 'kysely';
import { GatewayError } from '../../spec/index.js';
import {
  ProjectRepository,
  UsageDailyRepository,
  type Tables,
  type UsageGrouping,
  type UsageSummaryRow,
  type UsageSums,
} from '../../store/index.js';
import { parseDateRange } from './usage-date-range.js';
import { reconcileUsage, type ReconciliationReport } from './usage-reconciliation.js';

export const USAGE_GROUPINGS: readonly UsageGrouping[] = ['day', 'project', 'deployment', 'model', 'key'];

/** The query string of a usage report, as the client sent it. */
export interface UsageReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  group_by?: string | undefined;
}

/** The sums of a usage report row or of its totals, snake_case as on the wire. */
export interface UsageFigures {
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  total_tokens: number;
  /** Integer micro-dollars (1 USD = 1,000,000), exact. */
  cost_micro_usd: number;
  /** The same cost in dollars, as a decimal string with six places, so no float rounding creeps in. */
  cost_usd: string;
  requests: number;
  /** Requests whose tokens Hangar counted because the vendor sent no usage. */
  estimated_requests: number;
  client_abort_requests: number;
  upstream_error_requests: number;
  filtered_requests: number;
}

/** One group: its dimensions (those of the grouping only) and its sums. */
export type UsageReportRow = Partial<Record<UsageDimension, string | null>> & UsageFigures;

export type UsageDimension =
  'day' | 'project_id' | 'project' | 'deployment_id' | 'deployment' | 'model' | 'key_id' | 'key';

export interface UsageReport {
  object: 'list';
  from: string;
  to: string;
  group_by: UsageGrouping;
  data: UsageReportRow[];
  totals: UsageFigures;
}

/** The columns of each grouping, in the order a table or CSV shows them. */
export const USAGE_DIMENSIONS: Record<UsageGrouping, readonly UsageDimension[]> = {
  day: ['day'],
  project: ['project', 'project_id'],
  deployment: ['project', 'deployment', 'deployment_id'],
  model: ['model'],
  key: ['project', 'key', 'key_id'],
};

export const USAGE_FIGURES: readonly (keyof UsageFigures)[] = [
  'requests',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'total_tokens',
  'cost_micro_usd',
  'cost_usd',
  'estimated_requests',
  'client_abort_requests',
  'upstream_error_requests',
  'filtered_requests',
];

export type UsageColumn = UsageDimension | keyof UsageFigures;

/** The header of a report's table or CSV: its dimensions, then its sums. */
export function usageReportColumns(groupBy: UsageGrouping): UsageColumn[] {
  return [...USAGE_DIMENSIONS[groupBy], ...USAGE_FIGURES];
}

/** A report as a header and rows of cells, for CSV. */
export function usageReportTable(report: UsageReport): {
  columns: UsageColumn[];
  rows: (string | number | null)[][];
} {
  const columns = usageReportColumns(report.group_by);
  return { columns, rows: report.data.map((row) => columns.map((column) => row[column] ?? null)) };
}

export interface UsageReports {
  /** One project's usage, by its name. */
  forProject(projectName: string, query: UsageReportQuery): Promise<UsageReport>;
  /** Every project's usage. */
  forPlatform(query: UsageReportQuery): Promise<UsageReport>;
  /** The billing audit of a range of days, read from the records (see reconcileUsage). */
  reconciliation(query: Pick<UsageReportQuery, 'from' | 'to'>): Promise<ReconciliationReport>;
}

/** Usage reports, read from the day rollups only: the cost of a report depends on days and groups, not requests. */
export function createUsageReports(db: Kysely<Tables>, now: () => number = Date.now): UsageReports {
  async function report(query: UsageReportQuery, projectId: string | undefined): Promise<UsageReport> {
    const groupBy = parseGrouping(query.group_by);
    const range = parseDateRange(query, now());
    const rows = await new UsageDailyRepository(db).summarize({
      fromDay: range.fromDay,
      toDay: range.toDay,
      groupBy,
      ...(projectId === undefined ? {} : { projectId }),
    });
    const data = rows.map((row) => toReportRow(row, groupBy));
    data.sort((left, right) => compareRows(left, right, USAGE_DIMENSIONS[groupBy]));
    return {
      object: 'list',
      from: range.fromDay,
      to: range.toDay,
      group_by: groupBy,
      data,
      totals: figures(sumAll(rows)),
    };
  }

  return {
    async forProject(projectName, query) {
      const project = await new ProjectRepository(db).findByName(projectName);
      if (project === undefined) {
        throw new GatewayError('not_found', `Project '${projectName}' does not exist.`, { param: 'project' });
      }
      return report(query, project.id);
    },
    forPlatform: (query) => report(query, undefined),
    reconciliation: (query) => reconcileUsage(db, query, now()),
  };
}

function parseGrouping(value: string | undefined): UsageGrouping {
  if (value === undefined || value === '') return 'day';
  const grouping = USAGE_GROUPINGS.find((candidate) => candidate === value);
  if (grouping === undefined) {
    throw new GatewayError(
      'invalid_request',
      `group_by must be one of ${USAGE_GROUPINGS.join(', ')}, not '${value}'.`,
      { param: 'group_by' },
    );
  }
  return grouping;
}

function toReportRow(row: UsageSummaryRow, groupBy: UsageGrouping): UsageReportRow {
  const dimensions: Record<UsageDimension, string | null> = {
    day: row.day,
    project_id: row.projectId,
    project: row.projectName,
    deployment_id: row.deploymentId,
    deployment: row.deploymentName,
    model: row.model,
    key_id: row.keyId,
    key: row.keyName,
  };
  const shown: Partial<Record<UsageDimension, string | null>> = {};
  for (const dimension of USAGE_DIMENSIONS[groupBy]) shown[dimension] = dimensions[dimension];
  return { ...shown, ...figures(row) };
}

function compareRows(left: UsageReportRow, right: UsageReportRow, dimensions: readonly UsageDimension[]): number {
  for (const dimension of dimensions) {
    // A removed project, deployment or key has no name any more: it sorts last, by its id.
    const a = left[dimension] ?? '\uffff';
    const b = right[dimension] ?? '\uffff';
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

function sumAll(rows: readonly UsageSums[]): UsageSums {
  const total: UsageSums = {
    tokens: { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 },
    costMicroUsd: 0,
    requests: 0,
    estimatedRequests: 0,
    clientAbortRequests: 0,
    upstreamErrorRequests: 0,
    filteredRequests: 0,
  };
  for (const row of rows) {
    total.tokens.input += row.tokens.input;
    total.tokens.cachedInput += row.tokens.cachedInput;
    total.tokens.cacheWriteInput += row.tokens.cacheWriteInput;
    total.tokens.output += row.tokens.output;
    total.tokens.reasoning += row.tokens.reasoning;
    total.costMicroUsd += row.costMicroUsd;
    total.requests += row.requests;
    total.estimatedRequests += row.estimatedRequests;
    total.clientAbortRequests += row.clientAbortRequests;
    total.upstreamErrorRequests += row.upstreamErrorRequests;
    total.filteredRequests += row.filteredRequests;
  }
  return total;
}

function figures(sums: UsageSums): UsageFigures {
  const { tokens } = sums;
  return {
    input_tokens: tokens.input,
    cached_input_tokens: tokens.cachedInput,
    cache_write_input_tokens: tokens.cacheWriteInput,
    output_tokens: tokens.output,
    reasoning_tokens: tokens.reasoning,
    total_tokens: tokens.input + tokens.cachedInput + tokens.cacheWriteInput + tokens.output + tokens.reasoning,
    cost_micro_usd: sums.costMicroUsd,
    cost_usd: toSixPlaceUsd(sums.costMicroUsd),
    requests: sums.requests,
    estimated_requests: sums.estimatedRequests,
    client_abort_requests: sums.clientAbortRequests,
    upstream_error_requests: sums.upstreamErrorRequests,
    filtered_requests: sums.filteredRequests,
  };
}

/** 1234567 → '1.234567', in integer arithmetic. */
function toSixPlaceUsd(microUsd: number): string {
  const sign = microUsd < 0 ? '-' : '';
  const magnitude = Math.abs(microUsd);
  return `${sign}${Math.trunc(magnitude / 1_000_000)}.${String(magnitude % 1_000_000).padStart(6, '0')}`;
}
