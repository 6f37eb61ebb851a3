import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Tables, UsersTable } from '../tables.js';

export interface UserRecord {
  id: string;
  /** Lower-cased. */
  email: string;
  displayName: string | null;
  passwordHash: string;
  platformAdmin: boolean;
  createdAt: number;
  disabledAt: number | null;
}

export interface UserChanges {
  displayName?: string | null;
  passwordHash?: string;
  platformAdmin?: boolean;
  disabledAt?: number | null;
}

export class UserRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('email').execute();
    return rows.map(toRecord);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async countPlatformAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((builder) => builder.fn.countAll<number | string>().as('count'))
      .where('platform_admin', '=', 1)
      .where('disabled_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async insert(record: UserRecord): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: record.id,
        email: record.email.toLowerCase(),
        display_name: record.displayName,
        password_hash: record.passwordHash,
        platform_admin: record.platformAdmin ? 1 : 0,
        created_at: record.createdAt,
        disabled_at: record.disabledAt,
      })
      .execute();
  }

  async update(id: string, changes: UserChanges): Promise<void> {
    const values: Updateable<UsersTable> = {};
    if (changes.displayName !== undefined) values.display_name = changes.displayName;
    if (changes.passwordHash !== undefined) values.password_hash = changes.passwordHash;
    if (changes.platformAdmin !== undefined) values.platform_admin = changes.platformAdmin ? 1 : 0;
    if (changes.disabledAt !== undefined) values.disabled_at = changes.disabledAt;
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  /** Removes the user with their memberships and sessions (foreign keys cascade). */
  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }
}

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    platformAdmin: Number(row.platform_admin) === 1,
    createdAt: Number(row.created_at),
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
  };
}
