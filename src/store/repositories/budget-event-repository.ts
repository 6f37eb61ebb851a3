import type { Kysely, Selectable } from 'kysely';
import type { BudgetEventsTable, Tables } from '../tables.js';

export interface BudgetEventRecord {
  id: string;
  budgetId: string;
  /** `YYYY-MM`, UTC. */
  month: string;
  /** Percent of the limit. */
  threshold: number;
  spendMicroUsd: number;
  limitMicroUsd: number;
  createdAt: number;
  deliveredAt: number | null;
  attempts: number;
  lastError: string | null;
  /** When the next delivery attempt is due; null once delivered, given up, or without a webhook. */
  nextAttemptAt: number | null;
}

export interface BudgetEventAttempt {
  attempts: number;
  deliveredAt: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
}

export class BudgetEventRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * Writes the event unless the budget already has one for that month and threshold; true when this call wrote it.
   * Every replica that sees a crossing may try, and exactly one succeeds.
   */
  async insertOnce(record: BudgetEventRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('budget_events')
      .values({
        id: record.id,
        budget_id: record.budgetId,
        month: record.month,
        threshold: record.threshold,
        spend_micro_usd: record.spendMicroUsd,
        limit_micro_usd: record.limitMicroUsd,
        created_at: record.createdAt,
        delivered_at: record.deliveredAt,
        attempts: record.attempts,
        last_error: record.lastError,
        next_attempt_at: record.nextAttemptAt,
      })
      .onConflict((conflict) => conflict.columns(['budget_id', 'month', 'threshold']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** A budget's events, newest first. */
  async listByBudget(budgetId: string, limit: number): Promise<BudgetEventRecord[]> {
    const rows = await this.db
      .selectFrom('budget_events')
      .selectAll()
      .where('budget_id', '=', budgetId)
      .orderBy('created_at', 'desc')
      .orderBy('threshold', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** The thresholds a budget already raised in a month. */
  async thresholdsRaised(budgetId: string, month: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('budget_events')
      .select('threshold')
      .where('budget_id', '=', budgetId)
      .where('month', '=', month)
      .execute();
    return rows.map((row) => Number(row.threshold));
  }

  /** Events whose delivery attempt is due, oldest first. */
  async listDue(nowMs: number, limit: number): Promise<BudgetEventRecord[]> {
    const rows = await this.db
      .selectFrom('budget_events')
      .selectAll()
      .where('next_attempt_at', '<=', nowMs)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Takes the next delivery attempt of an event for this replica: moves its due time to `leaseUntilMs` only if it
   * is still `dueAt`, so of several replicas sweeping at once exactly one attempts it. True when this call won.
   */
  async claim(id: string, dueAt: number, leaseUntilMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('budget_events')
      .set({ next_attempt_at: leaseUntilMs })
      .where('id', '=', id)
      .where('next_attempt_at', '=', dueAt)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async recordAttempt(id: string, attempt: BudgetEventAttempt): Promise<void> {
    await this.db
      .updateTable('budget_events')
      .set({
        attempts: attempt.attempts,
        delivered_at: attempt.deliveredAt,
        last_error: attempt.lastError,
        next_attempt_at: attempt.nextAttemptAt,
      })
      .where('id', '=', id)
      .execute();
  }
}

function toRecord(row: Selectable<BudgetEventsTable>): BudgetEventRecord {
  const optional = (value: number | null) => (value === null ? null : Number(value));
  return {
    id: row.id,
    budgetId: row.budget_id,
    month: row.month,
    threshold: Number(row.threshold),
    spendMicroUsd: Number(row.spend_micro_usd),
    limitMicroUsd: Number(row.limit_micro_usd),
    createdAt: Number(row.created_at),
    deliveredAt: optional(row.delivered_at),
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: optional(row.next_attempt_at),
  };
}
