export type { FlushResult, LedgerOptions, LedgerProblem, LedgerStats, UsageLedger } from './usage-ledger.js';
export {
  createLedger,
  DEFAULT_FLUSH_EVERY_MS,
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_BUFFERED,
  PRICE_ERROR_VERSION,
} from './usage-ledger.js';
export { rollUpUsage, utcDay } from './roll-up-usage.js';
export { tokenCounts, toUsageRecord } from './to-usage-record.js';
export { UNPRICED, UNPRICED_VERSION } from './unpriced-pricer.js';
export type { DateRange } from './usage-date-range.js';
export { parseDateRange } from './usage-date-range.js';
export type {
  UsageColumn,
  UsageDimension,
  UsageFigures,
  UsageReport,
  UsageReportQuery,
  UsageReportRow,
  UsageReports,
} from './usage-report.js';
export {
  createUsageReports,
  USAGE_DIMENSIONS,
  USAGE_FIGURES,
  USAGE_GROUPINGS,
  usageReportColumns,
  usageReportTable,
} from './usage-report.js';
export type {
  AuditFigures,
  ReconciliationDay,
  ReconciliationFinding,
  ReconciliationReport,
} from './usage-reconciliation.js';
export { RECONCILIATION_MAXIMUM_DAYS, reconcileUsage } from './usage-reconciliation.js';
export { toCsv } from './usage-csv.js';
