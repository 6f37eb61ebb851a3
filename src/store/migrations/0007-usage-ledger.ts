import type { Kysely } from 'kysely';

// The usage ledger: one row per request attempt that reached a backend, appended once and never changed, and the
// day rollups the usage reports read. No foreign keys: a record outlives the project, key or deployment it names,
// because what was used stays billed after they are removed. Tokens, costs and times are bigint; booleans are
// integers 0/1; latencies are double precision (REAL on SQLite), so the migration runs on SQLite and Postgres.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage_records')
    // `<requestId>:<attempt>`: a record written twice (a retried flush) is stored once.
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('request_id', 'text', (column) => column.notNull())
    .addColumn('attempt', 'integer', (column) => column.notNull())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('key_id', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text', (column) => column.notNull())
    .addColumn('deployment_type', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('backend', 'text', (column) => column.notNull())
    .addColumn('dialect', 'text', (column) => column.notNull())
    .addColumn('operation', 'text', (column) => column.notNull())
    .addColumn('streamed', 'integer', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('cached_input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('cache_write_input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('output_tokens', 'bigint', (column) => column.notNull())
    .addColumn('reasoning_tokens', 'bigint', (column) => column.notNull())
    .addColumn('estimated', 'integer', (column) => column.notNull())
    .addColumn('latency_ms', 'double precision', (column) => column.notNull())
    .addColumn('time_to_first_token_ms', 'double precision')
    .addColumn('cost_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('price_card_version', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('usage_records_project_at_index')
    .on('usage_records')
    .columns(['project_id', 'at'])
    .execute();
  // The platform-wide audit (reconciliation) reads a range of days across projects.
  await db.schema.createIndex('usage_records_at_index').on('usage_records').column('at').execute();

  await db.schema
    .createTable('usage_daily')
    // UTC day of the request's start, `YYYY-MM-DD`: sorts and compares as text.
    .addColumn('day', 'text', (column) => column.notNull())
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('key_id', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('deployment_type', 'text', (column) => column.notNull())
    .addColumn('input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('cached_input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('cache_write_input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('output_tokens', 'bigint', (column) => column.notNull())
    .addColumn('reasoning_tokens', 'bigint', (column) => column.notNull())
    .addColumn('cost_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('requests', 'bigint', (column) => column.notNull())
    .addColumn('estimated_requests', 'bigint', (column) => column.notNull())
    .addColumn('client_abort_requests', 'bigint', (column) => column.notNull())
    .addColumn('upstream_error_requests', 'bigint', (column) => column.notNull())
    .addColumn('filtered_requests', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('usage_daily_pk', [
      'day',
      'project_id',
      'key_id',
      'deployment_id',
      'model',
      'deployment_type',
    ])
    .execute();
  // The primary key serves platform-wide ranges (it starts with the day); a project's reports need this one.
  await db.schema
    .createIndex('usage_daily_project_day_index')
    .on('usage_daily')
    .columns(['project_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('usage_daily').execute();
  await db.schema.dropTable('usage_records').execute();
}
