import type { Kysely } from 'kysely';

// A deployment's rate limits, as on Azure: tokens per minute and, optionally, requests per minute (NULL:
// derived from the TPM). A deployment without a TPM is not limited.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deployments').addColumn('tpm', 'integer').execute();
  await db.schema.alterTable('deployments').addColumn('rpm', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['rpm', 'tpm']) await db.schema.alterTable('deployments').dropColumn(column).execute();
}
