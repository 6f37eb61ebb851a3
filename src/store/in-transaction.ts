import type { Kysely } from 'kysely';
import type { Tables } from './tables.js';

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one: Kysely cannot nest
 * transactions, and a repository should not care whether it was handed one.
 */
export async function inTransaction<T>(
  db: Kysely<Tables>,
  work: (transaction: Kysely<Tables>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
