import type { Kysely } from 'kysely';

// Keys gain an expiry, a scope (the deployments they may call; NULL = all of the project's) and the time
// they were last used. Portable column types only, as in 0001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('expires_at', 'bigint').execute();
  await db.schema.alterTable('api_keys').addColumn('deployments_json', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('last_used_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['last_used_at', 'deployments_json', 'expires_at']) {
    await db.schema.alterTable('api_keys').dropColumn(column).execute();
  }
}
