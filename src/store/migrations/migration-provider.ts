import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as keyScopes from './0002-key-scopes.js';
import * as deploymentQuotas from './0003-deployment-quotas.js';
import * as projectQuotas from './0004-project-quotas.js';
import * as usersAndRoles from './0005-users-and-roles.js';
import * as deploymentTypes from './0006-deployment-types.js';
import * as usageLedger from './0007-usage-ledger.js';
import * as pricesAndInvoices from './0008-prices-and-invoices.js';
import * as budgets from './0009-budgets.js';
import * as sloMinutes from './0010-slo-minutes.js';
import * as deploymentRouting from './0011-deployment-routing.js';
import * as contentSafety from './0012-content-safety.js';

/**
 * Migrations are listed in code rather than read from a folder, so they ship inside the compiled
 * package and run the same under tsx and from dist/. Names sort in the order they apply.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-key-scopes': keyScopes,
  '0003-deployment-quotas': deploymentQuotas,
  '0004-project-quotas': projectQuotas,
  '0005-users-and-roles': usersAndRoles,
  '0006-deployment-types': deploymentTypes,
  '0007-usage-ledger': usageLedger,
  '0008-prices-and-invoices': pricesAndInvoices,
  '0009-budgets': budgets,
  '0010-slo-minutes': sloMinutes,
  '0011-deployment-routing': deploymentRouting,
  '0012-content-safety': contentSafety,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
