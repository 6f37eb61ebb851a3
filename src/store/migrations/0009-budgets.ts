import type { Kysely } from 'kysely';

// Monthly budgets on a project or one of its keys, and the alerts they raised. Amounts are integer micro-dollars
// (bigint); booleans are integers 0/1; thresholds are a JSON array of percents, so the migration runs on SQLite
// and Postgres alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('budgets')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('project_id', 'text', (column) => column.notNull().references('projects.id').onDelete('cascade'))
    // NULL: the whole project; else one key of it.
    .addColumn('key_id', 'text', (column) => column.references('api_keys.id').onDelete('cascade'))
    .addColumn('monthly_limit_micro_usd', 'bigint', (column) => column.notNull())
    // 1: requests that could take the month's spend past the limit are refused; 0: alerts only.
    .addColumn('hard_limit', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('alert_thresholds', 'text', (column) => column.notNull())
    .addColumn('webhook_url', 'text')
    // AES-256-GCM like vendor credentials (see store/secrets); signs the webhook bodies.
    .addColumn('webhook_secret_encrypted', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('budgets_project_index').on('budgets').column('project_id').execute();

  await db.schema
    .createTable('budget_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('budget_id', 'text', (column) => column.notNull().references('budgets.id').onDelete('cascade'))
    // `YYYY-MM`, UTC.
    .addColumn('month', 'text', (column) => column.notNull())
    // Percent of the limit.
    .addColumn('threshold', 'integer', (column) => column.notNull())
    .addColumn('spend_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('limit_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // When the next delivery attempt is due; NULL once delivered, given up, or when there is no webhook.
    .addColumn('next_attempt_at', 'bigint')
    // One event per threshold and month, however many replicas see the crossing.
    .addUniqueConstraint('budget_events_once', ['budget_id', 'month', 'threshold'])
    .execute();
  await db.schema
    .createIndex('budget_events_next_attempt_index')
    .on('budget_events')
    .column('next_attempt_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('budget_events').execute();
  await db.schema.dropTable('budgets').execute();
}
