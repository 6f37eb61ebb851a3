import type { Kysely } from 'kysely';

// Content safety: named filter policies (the platform's and each project's), each project's blocklists, and the
// requests the filters blocked, redacted or annotated. A policy's settings are one JSON text in the admin API's
// spelling (read and written whole, never queried); the Azure AI Content Safety key is encrypted like a
// connection's. Policies, blocklists and events go with their project.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_filter_policies')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // The owning project's id, or '' for a platform policy: one plain unique (scope, name) covers both kinds,
    // which a nullable column would not (NULLs never collide in a unique constraint).
    .addColumn('scope', 'text', (column) => column.notNull())
    // The same project again, nullable, so the policy is removed with its project by the foreign key.
    .addColumn('project_id', 'text', (column) => column.references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('definition', 'text', (column) => column.notNull())
    // AES-256-GCM, see store/secrets; NULL unless the analyzer is Azure AI Content Safety.
    .addColumn('api_key_ciphertext', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addUniqueConstraint('content_filter_policies_scope_name_unique', ['scope', 'name'])
    .execute();

  await db.schema
    .createTable('content_blocklists')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('project_id', 'text', (column) => column.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    // JSON array of { pattern, regex }.
    .addColumn('items', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addUniqueConstraint('content_blocklists_project_name_unique', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('content_filter_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('project_id', 'text', (column) => column.notNull().references('projects.id').onDelete('cascade'))
    // No foreign key: an event outlives the deployment it was answered by, as usage records do.
    .addColumn('deployment_id', 'text', (column) => column.notNull())
    .addColumn('deployment_name', 'text', (column) => column.notNull())
    .addColumn('request_id', 'text', (column) => column.notNull())
    // `prompt` or `completion`.
    .addColumn('stage', 'text', (column) => column.notNull())
    // `blocked`, `redacted` or `annotated`.
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('policy_name', 'text', (column) => column.notNull())
    // The annotations in Azure's shape (content_filter_results), never the text itself.
    .addColumn('results', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('content_filter_events_project_at_index')
    .on('content_filter_events')
    .columns(['project_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['content_filter_events', 'content_blocklists', 'content_filter_policies']) {
    await db.schema.dropTable(table).execute();
  }
}
