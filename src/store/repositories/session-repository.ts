import type { Kysely } from 'kysely';
import type { Tables } from '../tables.js';

export interface SessionRecord {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(record: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: record.id,
        user_id: record.userId,
        token_hash: record.tokenHash,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
      })
      .execute();
  }

  async findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          id: row.id,
          userId: row.user_id,
          tokenHash: row.token_hash,
          createdAt: Number(row.created_at),
          expiresAt: Number(row.expires_at),
        };
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Signs a user out everywhere (but `keepId`, the session that asked): after a password change, when disabled. */
  async deleteByUser(userId: string, keepId?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepId !== undefined) query = query.where('id', '<>', keepId);
    await query.execute();
  }

  /** Expired sessions are refused anyway; this keeps the table from growing. */
  async deleteExpired(now: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
