import type { Kysely } from 'kysely';

// Deployment types (Azure's global-standard, standard, provisioned, plus managed), a content-filter policy name,
// the version-upgrade option, backends' priority and weight, and a connection's capacity that provisioned
// deployments reserve from. Every column has a default or is nullable, so existing rows stay valid: a NULL
// priority means "the backend's position".
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('deployments')
    .addColumn('type', 'text', (column) => column.notNull().defaultTo('global-standard'))
    .execute();
  await db.schema.alterTable('deployments').addColumn('content_filter', 'text').execute();
  await db.schema
    .alterTable('deployments')
    .addColumn('version_upgrade', 'text', (column) => column.notNull().defaultTo('on-new-default'))
    .execute();
  await db.schema.alterTable('deployment_backends').addColumn('priority', 'integer').execute();
  await db.schema
    .alterTable('deployment_backends')
    .addColumn('weight', 'integer', (column) => column.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('connections').addColumn('capacity_tpm', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connections').dropColumn('capacity_tpm').execute();
  for (const column of ['weight', 'priority']) {
    await db.schema.alterTable('deployment_backends').dropColumn(column).execute();
  }
  for (const column of ['version_upgrade', 'content_filter', 'type']) {
    await db.schema.alterTable('deployments').dropColumn(column).execute();
  }
}
