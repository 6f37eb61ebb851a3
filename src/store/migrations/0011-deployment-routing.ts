import type { Kysely } from 'kysely';

// A deployment's routing settings (strategy, attempts and backoff, timeouts, breaker, health probes) as one JSON
// text in the admin API's spelling: they are read and written whole, never queried. NULL: every default.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deployments').addColumn('routing', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deployments').dropColumn('routing').execute();
}
