import type { Kysely } from 'kysely';

// The TPM an operator grants a project per model, which the project's deployments of that model carve from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_quotas')
    .addColumn('project_id', 'text', (column) => column.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('tpm', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('project_quotas_pk', ['project_id', 'model'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_quotas').execute();
}
