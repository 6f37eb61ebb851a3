import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase, type HangarDatabase } from '../../src/store/index.js';

/** One database a store or control suite runs against. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Set when the database is unavailable, so the suite shows up as skipped rather than vanishing. */
  skip: string | undefined;
  open(): Promise<OpenTestDatabase>;
}

export interface OpenTestDatabase {
  database: HangarDatabase;
  /** A fresh temporary data dir (key files, the SQLite file). */
  dataDir: string;
  /** Reopens the same database, to test migrations on an existing one. */
  reopen(): Promise<HangarDatabase>;
  /** Closes it and removes everything it created. */
  destroy(): Promise<void>;
}

// The environment is read through config, its only reader: HANGAR_DATABASE_URL, else DATABASE_URL.
const postgresUrl = loadConfig({}).database.url;

/** SQLite in a temp dir always; Postgres (a fresh schema per run) when DATABASE_URL is set. */
export const DATABASES: TestDatabase[] = [
  {
    name: 'sqlite',
    skip: undefined,
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'hangar-test-'));
      const sqlitePath = join(dataDir, 'hangar.db');
      const database = await openDatabase({ sqlitePath });
      return {
        database,
        dataDir,
        reopen: () => openDatabase({ sqlitePath }),
        async destroy() {
          await database.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: postgresUrl === undefined ? 'DATABASE_URL is not set' : undefined,
    async open() {
      if (postgresUrl === undefined) throw new Error('DATABASE_URL is not set');
      const dataDir = mkdtempSync(join(tmpdir(), 'hangar-test-'));
      const schema = `hangar_test_${randomBytes(6).toString('hex')}`;
      const options = { url: postgresUrl, sqlitePath: join(dataDir, 'unused.db'), schema };
      const database = await openDatabase(options);
      return {
        database,
        dataDir,
        reopen: () => openDatabase(options),
        async destroy() {
          await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
          await database.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];
