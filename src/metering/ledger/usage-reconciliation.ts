import type { Kysely } from 'kysely';
import {
  DAY_MS,
  UsageDailyRepository,
  UsageRecordRepository,
  type Tables,
  type UsageAuditCounts,
} from '../../store/index.js';
import { utcDay } from './roll-up-usage.js';
import { parseDateRange } from './usage-date-range.js';

/** The audit reads the records themselves, so its range is bounded. */
export const RECONCILIATION_MAXIMUM_DAYS = 92;

export interface AuditFigures {
  /** Records with tokens and no cost: a model without a price, or a price card that answered 0. */
  zero_cost_records: number;
  zero_cost_tokens: number;
  /** Records whose tokens Hangar counted because the vendor sent no usage. */
  estimated_records: number;
  estimated_tokens: number;
}

export interface ReconciliationDay extends AuditFigures {
  day: string;
  /** Records stored for the day, and the requests its rollups count: they differ only if a rollup drifted. */
  records: number;
  rollup_requests: number;
}

export interface ReconciliationFinding extends AuditFigures {
  day: string;
  project_id: string;
  project: string | null;
  deployment_id: string;
  deployment: string | null;
  model: string;
  price_card_version: string;
}

export interface ReconciliationReport {
  object: 'usage_reconciliation';
  from: string;
  to: string;
  days: ReconciliationDay[];
  /** Where the zero-cost and estimated records come from: per day, deployment and price card. */
  findings: ReconciliationFinding[];
  totals: AuditFigures & { records: number; rollup_requests: number };
}

/**
 * The billing audit of a range of days: per day, the records with tokens and no cost and the estimated ones, and
 * whether the rollups the reports read count the same requests as the records.
 */
export async function reconcileUsage(
  db: Kysely<Tables>,
  query: { from?: string | undefined; to?: string | undefined },
  now: number = Date.now(),
): Promise<ReconciliationReport> {
  const range = parseDateRange(query, now, RECONCILIATION_MAXIMUM_DAYS);
  const records = new UsageRecordRepository(db);
  const [audited, findings, rollups] = await Promise.all([
    records.auditDays(range.fromMs, range.toMs),
    records.auditFindings(range.fromMs, range.toMs),
    new UsageDailyRepository(db).summarize({ fromDay: range.fromDay, toDay: range.toDay, groupBy: 'day' }),
  ]);
  const byDay = new Map<string, ReconciliationDay>();
  const dayOf = (day: string): ReconciliationDay => {
    let entry = byDay.get(day);
    if (entry === undefined) {
      entry = { day, records: 0, rollup_requests: 0, ...auditFigures(undefined) };
      byDay.set(day, entry);
    }
    return entry;
  };
  for (const audit of audited)
    Object.assign(dayOf(utcDay(audit.dayNumber * DAY_MS)), { records: audit.records, ...auditFigures(audit) });
  for (const rollup of rollups) if (rollup.day !== null) dayOf(rollup.day).rollup_requests = rollup.requests;
  const days = [...byDay.values()].sort((left, right) => (left.day < right.day ? -1 : 1));
  const totals = { records: 0, rollup_requests: 0, ...auditFigures(undefined) };
  for (const day of days) {
    totals.records += day.records;
    totals.rollup_requests += day.rollup_requests;
    totals.zero_cost_records += day.zero_cost_records;
    totals.zero_cost_tokens += day.zero_cost_tokens;
    totals.estimated_records += day.estimated_records;
    totals.estimated_tokens += day.estimated_tokens;
  }
  return {
    object: 'usage_reconciliation',
    from: range.fromDay,
    to: range.toDay,
    days,
    findings: findings.map((finding) => ({
      day: utcDay(finding.dayNumber * DAY_MS),
      project_id: finding.projectId,
      project: finding.projectName,
      deployment_id: finding.deploymentId,
      deployment: finding.deploymentName,
      model: finding.model,
      price_card_version: finding.priceCardVersion,
      ...auditFigures(finding),
    })),
    totals,
  };
}

function auditFigures(counts: UsageAuditCounts | undefined): AuditFigures {
  return {
    zero_cost_records: counts?.zeroCostRecords ?? 0,
    zero_cost_tokens: counts?.zeroCostTokens ?? 0,
    estimated_records: counts?.estimatedRecords ?? 0,
    estimated_tokens: counts?.estimatedTokens ?? 0,
  };
}
