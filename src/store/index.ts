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
