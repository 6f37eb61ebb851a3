import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/migration-provider.js';
import type { Tables } from './tables.js';

export type DatabaseDialect = 'sqlite' | 'postgres';

export interface HangarDatabase {
  db: Kysely<Tables>;
  dialect: DatabaseDialect;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…` or `postgresql://…`; absent → SQLite at `sqlitePath`. */
  url?: string;
  /** The SQLite file (usually `<dataDir>/hangar.db`); its folder is created. */
  sqlitePath: string;
  /** Postgres only: a schema to live in (created if missing), so tests and tenants can share a server. */
  schema?: string;
}

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const POSTGRES_INT8_OID = 20;

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the database and brings its schema up to date before anyone can query it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<HangarDatabase> {
  const database = isPostgresUrl(options.url)
    ? await openPostgres(options.url, options.schema)
    : openSqlite(options.sqlitePath);
  try {
    // With a schema, the migrator must look for its own tables there: left to the search path, it can see
    // another schema's lock table (tests share one server) and skip creating its own.
    await migrate(database.db, isPostgresUrl(options.url) ? options.schema : undefined);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(path: string): HangarDatabase {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  // WAL lets readers proceed during a write; busy_timeout waits out a second process instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

async function openPostgres(url: string, schema: string | undefined): Promise<HangarDatabase> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Postgres schema '${schema}' must be letters, digits and underscores, starting with a letter.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    // Timestamps are bigint (int8), which pg returns as strings by default; unix milliseconds fit a double.
    types: { getTypeParser: parseInt8AsNumber as typeof pg.types.getTypeParser },
  });
  if (schema !== undefined) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

function parseInt8AsNumber(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === POSTGRES_INT8_OID && format !== 'binary') return Number;
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

async function migrate(db: Kysely<Tables>, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    const message = error instanceof Error ? error.message : 'unknown error';
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${message}`, { cause: error });
  }
}
