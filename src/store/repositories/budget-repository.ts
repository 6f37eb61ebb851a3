import { sql, type Kysely, type Selectable } from 'kysely';
import { safeParseJson } from '../../kit/index.js';
import type { BudgetsTable, Tables } from '../tables.js';

export interface BudgetRecord {
  id: string;
  projectId: string;
  /** Null: the whole project. */
  keyId: string | null;
  monthlyLimitMicroUsd: number;
  /** Refuse requests that could pass the limit; false: alerts only. */
  hardLimit: boolean;
  /** Percents of the limit, ascending. */
  alertThresholds: number[];
  webhookUrl: string | null;
  webhookSecretEncrypted: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A budget with the names it is shown and announced by. */
export interface NamedBudgetRecord extends BudgetRecord {
  projectName: string;
  /** Null for a project budget. */
  keyName: string | null;
}

export type BudgetChanges = Omit<BudgetRecord, 'id' | 'projectId' | 'keyId' | 'createdAt'>;

export class BudgetRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Every budget of every project, or of one, with project and key names: what the request path holds. */
  async listNamed(projectId?: string): Promise<NamedBudgetRecord[]> {
    const rows = await this.db
      .selectFrom('budgets')
      .innerJoin('projects', 'projects.id', 'budgets.project_id')
      .leftJoin('api_keys', 'api_keys.id', 'budgets.key_id')
      .selectAll('budgets')
      .select(['projects.name as project_name', 'api_keys.name as key_name'])
      .$if(projectId !== undefined, (query) => query.where('budgets.project_id', '=', projectId ?? ''))
      .orderBy('budgets.created_at')
      .orderBy('budgets.id')
      .execute();
    return rows.map((row) => ({ ...toRecord(row), projectName: row.project_name, keyName: row.key_name }));
  }

  async find(projectId: string, id: string): Promise<BudgetRecord | undefined> {
    const row = await this.db
      .selectFrom('budgets')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async insert(record: BudgetRecord): Promise<void> {
    await this.db
      .insertInto('budgets')
      .values({
        id: record.id,
        project_id: record.projectId,
        key_id: record.keyId,
        created_at: record.createdAt,
        ...toColumns(record),
      })
      .execute();
  }

  async update(id: string, changes: BudgetChanges): Promise<void> {
    await this.db.updateTable('budgets').set(toColumns(changes)).where('id', '=', id).execute();
  }

  /** Replaces the stored webhook secret alone: re-encrypting it with a new master key changes nothing else. */
  async setWebhookSecret(id: string, webhookSecretEncrypted: string | null): Promise<void> {
    await this.db
      .updateTable('budgets')
      .set({ webhook_secret_encrypted: webhookSecretEncrypted })
      .where('id', '=', id)
      .execute();
  }

  async remove(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('budgets')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * Month-to-date cost the usage ledger's day rollups hold for a project (keyId null) or one of its keys, in
   * micro-dollars. The rollups lag the request path by the ledger's flush interval.
   */
  async ledgerSpendMicroUsd(
    projectId: string,
    keyId: string | null,
    days: { firstDay: string; nextMonthFirstDay: string },
  ): Promise<number> {
    const row = await this.db
      .selectFrom('usage_daily')
      .select(sql<number | string | null>`SUM(cost_micro_usd)`.as('cost'))
      .where('project_id', '=', projectId)
      .$if(keyId !== null, (query) => query.where('key_id', '=', keyId ?? ''))
      .where('day', '>=', days.firstDay)
      .where('day', '<', days.nextMonthFirstDay)
      .executeTakeFirst();
    // Postgres answers SUM over bigint as numeric, which pg returns as a string; no rows give NULL.
    return Number(row?.cost ?? 0);
  }
}

function toColumns(record: BudgetChanges) {
  return {
    monthly_limit_micro_usd: record.monthlyLimitMicroUsd,
    hard_limit: record.hardLimit ? 1 : 0,
    alert_thresholds: JSON.stringify(record.alertThresholds),
    webhook_url: record.webhookUrl,
    webhook_secret_encrypted: record.webhookSecretEncrypted,
    updated_at: record.updatedAt,
  };
}

function toRecord(row: Selectable<BudgetsTable>): BudgetRecord {
  const thresholds = safeParseJson(row.alert_thresholds);
  return {
    id: row.id,
    projectId: row.project_id,
    keyId: row.key_id,
    monthlyLimitMicroUsd: Number(row.monthly_limit_micro_usd),
    hardLimit: Number(row.hard_limit) === 1,
    alertThresholds:
      thresholds.ok && Array.isArray(thresholds.value)
        ? thresholds.value.filter((value): value is number => typeof value === 'number')
        : [],
    webhookUrl: row.webhook_url,
    webhookSecretEncrypted: row.webhook_secret_encrypted,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
