import type { Kysely } from 'kysely';

// Per-minute service-level rollups: one row per deployment, minute and writer (each Hangar process is a writer and
// flushes a minute once, after it ended). A deployment's minute is the sum of its rows. No foreign keys: the
// service level delivered stays on record after a deployment is removed. Histograms are compact JSON text (see
// src/metering/slo/latency-histogram.ts), so the migration runs on SQLite and Postgres alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('slo_minutes')
    // `<writer>:<minute>:<deployment id>`: a flush written twice is stored once.
    .addColumn('id', 'text', (column) => column.primaryKey())
    // Unix ms of the minute's start (UTC).
    .addColumn('minute', 'bigint', (column) => column.notNull())
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text', (column) => column.notNull())
    .addColumn('deployment_type', 'text', (column) => column.notNull())
    .addColumn('eligible', 'bigint', (column) => column.notNull())
    .addColumn('succeeded', 'bigint', (column) => column.notNull())
    .addColumn('excluded_client_error', 'bigint', (column) => column.notNull())
    .addColumn('excluded_quota', 'bigint', (column) => column.notNull())
    .addColumn('excluded_budget', 'bigint', (column) => column.notNull())
    .addColumn('excluded_content_filter', 'bigint', (column) => column.notNull())
    .addColumn('excluded_client_abort', 'bigint', (column) => column.notNull())
    .addColumn('latency_histogram', 'text', (column) => column.notNull())
    .addColumn('time_to_first_token_histogram', 'text', (column) => column.notNull())
    .addColumn('output_tokens', 'bigint', (column) => column.notNull())
    .addColumn('generation_ms', 'double precision', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('slo_minutes_deployment_minute_index')
    .on('slo_minutes')
    .columns(['deployment_id', 'minute'])
    .execute();
  await db.schema
    .createIndex('slo_minutes_project_minute_index')
    .on('slo_minutes')
    .columns(['project_id', 'minute'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('slo_minutes').execute();
}
