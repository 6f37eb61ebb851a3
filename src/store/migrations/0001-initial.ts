import type { Kysely } from 'kysely';

// Portable column types only: the same migration runs on SQLite and Postgres.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('base_url', 'text')
    .addColumn('api_key_encrypted', 'text')
    .addColumn('api_version', 'text')
    .addColumn('headers_json', 'text')
    .addColumn('timeout_ms', 'integer')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('project_id', 'text', (column) => column.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('key_hash', 'text', (column) => column.notNull().unique())
    .addColumn('key_prefix', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('revoked_at', 'bigint')
    .addUniqueConstraint('api_keys_project_name_unique', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('deployments')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('project_id', 'text', (column) => column.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('name_key', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addUniqueConstraint('deployments_project_name_key_unique', ['project_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('deployment_backends')
    .addColumn('deployment_id', 'text', (column) => column.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    // No cascade: removing a connection that deployments still use must fail, not empty them silently.
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id'))
    .addColumn('model', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('deployment_backends_pk', ['deployment_id', 'position'])
    .execute();

  await db.schema
    .createIndex('deployment_backends_connection_index')
    .on('deployment_backends')
    .column('connection_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['deployment_backends', 'deployments', 'api_keys', 'projects', 'connections']) {
    await db.schema.dropTable(table).execute();
  }
}
