export type { DatabaseDialect, HangarDatabase, OpenDatabaseOptions } from './open-database.js';
export { isPostgresUrl, openDatabase } from './open-database.js';
export type { Tables } from './tables.js';
export { inTransaction } from './in-transaction.js';
export { isForeignKeyViolation, isUniqueViolation } from './constraint-violation.js';
export type { ApiKeyRecord } from './repositories/api-key-repository.js';
export { ApiKeyRepository } from './repositories/api-key-repository.js';
export type { ConnectionChanges, ConnectionRecord } from './repositories/connection-repository.js';
export { ConnectionRepository } from './repositories/connection-repository.js';
export type {
  DeploymentBackendRecord,
  DeploymentChanges,
  DeploymentRecord,
  DeploymentReference,
} from './repositories/deployment-repository.js';
export { DeploymentRepository, toNameKey } from './repositories/deployment-repository.js';
export type { ProjectQuotaRecord } from './repositories/project-quota-repository.js';
export { ProjectQuotaRepository } from './repositories/project-quota-repository.js';
export type { ProjectRecord } from './repositories/project-repository.js';
export { ProjectRepository } from './repositories/project-repository.js';
export type { ResolvedKey } from './secrets/resolve-keys.js';
export { resolveAdminKey, resolveSecretKey } from './secrets/resolve-keys.js';
export { SecretBox } from './secrets/secret-box.js';
export type { UserChanges, UserRecord } from './repositories/user-repository.js';
export { UserRepository } from './repositories/user-repository.js';
export type { ProjectMemberListing, ProjectMemberRecord } from './repositories/project-member-repository.js';
export { ProjectMemberRepository } from './repositories/project-member-repository.js';
export type { SessionRecord } from './repositories/session-repository.js';
export { SessionRepository } from './repositories/session-repository.js';
export type {
  UsageAuditCounts,
  UsageAuditDay,
  UsageAuditFinding,
  UsageRecordRow,
  UsageTokenCounts,
} from './repositories/usage-record-repository.js';
export { DAY_MS, UsageRecordRepository } from './repositories/usage-record-repository.js';
export type {
  UsageDailyIncrement,
  UsageGrouping,
  UsageSummaryQuery,
  UsageSummaryRow,
  UsageSums,
} from './repositories/usage-daily-repository.js';
export { UsageDailyRepository } from './repositories/usage-daily-repository.js';
export type { BudgetChanges, BudgetRecord, NamedBudgetRecord } from './repositories/budget-repository.js';
export { BudgetRepository } from './repositories/budget-repository.js';
export type { BudgetEventAttempt, BudgetEventRecord } from './repositories/budget-event-repository.js';
export { BudgetEventRepository } from './repositories/budget-event-repository.js';
export type { PriceOverrideRates, PriceOverrideRecord } from './repositories/price-override-repository.js';
export { PriceOverrideRepository } from './repositories/price-override-repository.js';
export type { BilledUsage, InvoiceLineRecord, InvoiceRecord } from './repositories/invoice-repository.js';
export { InvoiceRepository } from './repositories/invoice-repository.js';
export type { RollupUsage } from './repositories/invoice-usage-repository.js';
export { InvoiceUsageRepository } from './repositories/invoice-usage-repository.js';
export type { SloExclusionCounts, SloMinuteCounts, SloMinuteRow } from './repositories/slo-minute-repository.js';
export { SloMinuteRepository } from './repositories/slo-minute-repository.js';
export type { ContentFilterPolicyRecord, PolicyUserRecord } from './repositories/content-filter-policy-repository.js';
export { ContentFilterPolicyRepository } from './repositories/content-filter-policy-repository.js';
export type { ContentBlocklistRecord } from './repositories/content-blocklist-repository.js';
export { ContentBlocklistRepository } from './repositories/content-blocklist-repository.js';
export type {
  ContentFilterEventQuery,
  ContentFilterEventRecord,
} from './repositories/content-filter-event-repository.js';
export { ContentFilterEventRepository } from './repositories/content-filter-event-repository.js';
