import type { Kysely } from 'kysely';

// Per-project price overrides, and the invoices of closed months. Overrides go with their project. Invoices have
// no foreign key: like the ledger's records, a closed invoice outlives the project it bills and never changes.
// Money is integer micro-dollars (bigint); times are unix ms (bigint); months are `YYYY-MM` text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('price_overrides')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('project_id', 'text', (column) => column.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('model', 'text', (column) => column.notNull())
    // NULL: every deployment type of the model.
    .addColumn('deployment_type', 'text')
    // Explicit rates in micro-dollars per 1M tokens, or NULL with a discount instead.
    .addColumn('input_micro_usd_per_million', 'bigint')
    .addColumn('cached_input_micro_usd_per_million', 'bigint')
    .addColumn('cache_write_input_micro_usd_per_million', 'bigint')
    .addColumn('output_micro_usd_per_million', 'bigint')
    .addColumn('reasoning_micro_usd_per_million', 'bigint')
    .addColumn('discount_basis_points', 'integer')
    .addColumn('effective_from', 'bigint', (column) => column.notNull())
    .addColumn('effective_to', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('price_overrides_project_index').on('price_overrides').column('project_id').execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('project_id', 'text', (column) => column.notNull())
    // The project's name when the month closed, so the invoice still reads right after a removal.
    .addColumn('project_name', 'text')
    .addColumn('month', 'text', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('subtotal_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('tax_rate_basis_points', 'integer', (column) => column.notNull())
    .addColumn('tax_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('total_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('closed_at', 'bigint', (column) => column.notNull())
    // One invoice per project and month: two replicas closing the same month at once cannot both write it.
    .addUniqueConstraint('invoices_project_month_unique', ['project_id', 'month'])
    .execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('invoice_id', 'text', (column) => column.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    // `usage` (the invoice's month) or `adjustment` (usage of an earlier closed month that arrived after it closed).
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('usage_month', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text', (column) => column.notNull())
    .addColumn('deployment_name', 'text')
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('deployment_type', 'text', (column) => column.notNull())
    .addColumn('price_card_version', 'text')
    // The rollup sums the line bills, kept as columns: they are the snapshot late records are compared with.
    .addColumn('input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('cached_input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('cache_write_input_tokens', 'bigint', (column) => column.notNull())
    .addColumn('output_tokens', 'bigint', (column) => column.notNull())
    .addColumn('reasoning_tokens', 'bigint', (column) => column.notNull())
    .addColumn('requests', 'bigint', (column) => column.notNull())
    .addColumn('amount_micro_usd', 'bigint', (column) => column.notNull())
    .addColumn('list_amount_micro_usd', 'bigint', (column) => column.notNull())
    // Per token kind: tokens, unit price, discount and amount at that price, as shown when the month closed.
    .addColumn('items_json', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('invoice_lines_pk', ['invoice_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['invoice_lines', 'invoices', 'price_overrides']) {
    await db.schema.dropTable(table).execute();
  }
}
