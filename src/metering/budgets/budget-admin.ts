import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GatewayError } from '../../spec/index.js';
import {
  ApiKeyRepository,
  BudgetEventRepository,
  BudgetRepository,
  ProjectRepository,
  type BudgetEventRecord,
  type BudgetRecord,
  type ProjectRecord,
  type SecretBox,
  type Tables,
} from '../../store/index.js';
import { budgetCounter, type LedgerSpend } from './budget-book.js';
import { budgetInputSchema, budgetUpdateSchema, parseBudgetInput } from './budget-inputs.js';
import type { BudgetLimiter } from './budget-limiter.js';
import { monthBoundsMs } from './budget-month.js';

/** A budget as the admin API shows it, with the current month's spend. */
export interface BudgetView {
  object: 'budget';
  id: string;
  project: string;
  /** The key's name; null: the whole project. */
  key: string | null;
  monthly_limit_micro_usd: number;
  hard_limit: boolean;
  alert_thresholds: number[];
  webhook_url: string | null;
  has_webhook_secret: boolean;
  /** The current month, `YYYY-MM` (UTC). */
  month: string;
  /** Settled spend this month, from the ledger's figure at the month's first use on. */
  spend_micro_usd: number;
  /** Worst-case cost of requests in progress. */
  reserved_micro_usd: number;
  /** spend / limit, in percent, two decimals. */
  percent: number;
  resets_at: string;
  created_at: string;
  updated_at: string;
}

export interface BudgetEventView {
  object: 'budget_event';
  id: string;
  budget: string;
  month: string;
  threshold: number;
  spend_micro_usd: number;
  limit_micro_usd: number;
  /** `delivered`, `pending` (an attempt is due), `failed` (gave up; see last_error) or `no_webhook`. */
  status: 'delivered' | 'pending' | 'failed' | 'no_webhook';
  attempts: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface BudgetAdmin {
  list(project: string): Promise<BudgetView[]>;
  create(project: string, input: unknown): Promise<BudgetView>;
  update(project: string, id: string, input: unknown): Promise<BudgetView>;
  remove(project: string, id: string): Promise<void>;
  /** The thresholds the budget raised, newest first (the last 100). */
  events(project: string, id: string): Promise<BudgetEventView[]>;
}

export interface BudgetAdminOptions {
  db: Kysely<Tables>;
  secretBox: SecretBox;
  limiter: BudgetLimiter;
  ledgerSpend: LedgerSpend;
  /** Reloads the budgets the request path holds, here and on the other replicas. */
  changed(): Promise<void>;
  now?: () => number;
}

const EVENTS_SHOWN = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/** The admin API's budgets: writes go to the database, then every replica reloads the budgets it holds. */
export function createBudgetAdmin(options: BudgetAdminOptions): BudgetAdmin {
  const { db, secretBox, limiter } = options;
  const now = options.now ?? Date.now;
  const budgets = new BudgetRepository(db);

  const requireProject = async (name: string): Promise<ProjectRecord> => {
    const project = await new ProjectRepository(db).findByName(name);
    if (project === undefined) {
      throw new GatewayError('not_found', `Project '${name}' does not exist; create it first or check the name.`, {
        param: 'project',
      });
    }
    return project;
  };

  const requireBudget = async (project: ProjectRecord, id: string): Promise<BudgetRecord> => {
    const budget = await budgets.find(project.id, id);
    if (budget === undefined) {
      throw new GatewayError(
        'not_found',
        `Project '${project.name}' has no budget '${id}'; GET /admin/projects/${project.name}/budgets lists them.`,
        { param: 'id' },
      );
    }
    return budget;
  };

  const view = async (record: BudgetRecord, projectName: string, keyName: string | null): Promise<BudgetView> => {
    const state = await limiter.read(budgetCounter(options.ledgerSpend, record.projectId, record.keyId));
    return {
      object: 'budget',
      id: record.id,
      project: projectName,
      key: keyName,
      monthly_limit_micro_usd: record.monthlyLimitMicroUsd,
      hard_limit: record.hardLimit,
      alert_thresholds: record.alertThresholds,
      webhook_url: record.webhookUrl,
      has_webhook_secret: record.webhookSecretEncrypted !== null,
      month: state.month,
      spend_micro_usd: state.spentMicroUsd,
      reserved_micro_usd: state.reservedMicroUsd,
      percent: Math.round((state.spentMicroUsd * 10_000) / record.monthlyLimitMicroUsd) / 100,
      resets_at: iso(monthBoundsMs(state.month).endMs),
      created_at: iso(record.createdAt),
      updated_at: iso(record.updatedAt),
    };
  };

  const viewById = async (project: ProjectRecord, id: string): Promise<BudgetView> => {
    const named = (await budgets.listNamed(project.id)).find((budget) => budget.id === id);
    if (named === undefined) throw new Error(`Budget ${id} vanished while it was being shown.`);
    return view(named, named.projectName, named.keyName);
  };

  return {
    async list(projectName) {
      const project = await requireProject(projectName);
      const named = await budgets.listNamed(project.id);
      return Promise.all(named.map((budget) => view(budget, budget.projectName, budget.keyName)));
    },

    async create(projectName, input) {
      const parsed = parseBudgetInput(budgetInputSchema, input);
      const project = await requireProject(projectName);
      let keyId: string | null = null;
      if (parsed.key !== undefined && parsed.key !== null) {
        const key = await new ApiKeyRepository(db).findByName(project.id, parsed.key);
        if (key === undefined) {
          throw new GatewayError('invalid_request', `Project '${project.name}' has no key '${parsed.key}'.`, {
            param: 'key',
          });
        }
        keyId = key.id;
      }
      const createdAt = now();
      const record: BudgetRecord = {
        id: `bdg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
        projectId: project.id,
        keyId,
        monthlyLimitMicroUsd: parsed.monthly_limit_micro_usd,
        hardLimit: parsed.hard_limit,
        alertThresholds: parsed.alert_thresholds,
        webhookUrl: parsed.webhook_url ?? null,
        webhookSecretEncrypted:
          parsed.webhook_secret === undefined || parsed.webhook_secret === null
            ? null
            : secretBox.encrypt(parsed.webhook_secret),
        createdAt,
        updatedAt: createdAt,
      };
      const others = await budgets.listNamed(project.id);
      await budgets.insert(record);
      // Nothing counted this project's (or key's) spend while no budget covered it: start again from the ledger.
      if (!others.some((budget) => budget.keyId === keyId)) {
        await limiter.discard(budgetCounter(options.ledgerSpend, project.id, keyId).key);
      }
      await options.changed();
      return viewById(project, record.id);
    },

    async update(projectName, id, input) {
      const parsed = parseBudgetInput(budgetUpdateSchema, input);
      const project = await requireProject(projectName);
      const current = await requireBudget(project, id);
      await budgets.update(id, {
        monthlyLimitMicroUsd: parsed.monthly_limit_micro_usd ?? current.monthlyLimitMicroUsd,
        hardLimit: parsed.hard_limit ?? current.hardLimit,
        alertThresholds: parsed.alert_thresholds ?? current.alertThresholds,
        webhookUrl: parsed.webhook_url === undefined ? current.webhookUrl : parsed.webhook_url,
        webhookSecretEncrypted:
          parsed.webhook_secret === undefined
            ? current.webhookSecretEncrypted
            : parsed.webhook_secret === null
              ? null
              : secretBox.encrypt(parsed.webhook_secret),
        updatedAt: now(),
      });
      await options.changed();
      return viewById(project, id);
    },

    async remove(projectName, id) {
      const project = await requireProject(projectName);
      await requireBudget(project, id);
      await budgets.remove(project.id, id);
      await options.changed();
    },

    async events(projectName, id) {
      const project = await requireProject(projectName);
      await requireBudget(project, id);
      const events = await new BudgetEventRepository(db).listByBudget(id, EVENTS_SHOWN);
      return events.map(eventView);
    },
  };
}

function eventView(event: BudgetEventRecord): BudgetEventView {
  return {
    object: 'budget_event',
    id: event.id,
    budget: event.budgetId,
    month: event.month,
    threshold: event.threshold,
    spend_micro_usd: event.spendMicroUsd,
    limit_micro_usd: event.limitMicroUsd,
    status:
      event.deliveredAt !== null
        ? 'delivered'
        : event.nextAttemptAt !== null
          ? 'pending'
          : event.lastError !== null
            ? 'failed'
            : 'no_webhook',
    attempts: event.attempts,
    last_error: event.lastError,
    created_at: iso(event.createdAt),
    delivered_at: event.deliveredAt === null ? null : iso(event.deliveredAt),
  };
}
