import type { Kysely } from 'kysely';
import { BudgetEventRepository, BudgetRepository, type SecretBox, type Tables } from '../../store/index.js';
import type { Pricer } from '../pricing/pricer.js';
import { createBudgetAdmin, type BudgetAdmin } from './budget-admin.js';
import { createBudgetAlerts } from './budget-alerts.js';
import { BudgetBook, budgetCounter, type HeldBudget, type LedgerSpend } from './budget-book.js';
import { createBudgetGuard, type BudgetGuard } from './budget-guard.js';
import type { BudgetLimiter } from './budget-limiter.js';
import { monthDays } from './budget-month.js';
import { createWebhookDeliverer, type WebhookTiming } from './webhook-deliverer.js';

export interface BudgetsOptions {
  db: Kysely<Tables>;
  /** Opens webhook secrets; the one that guards vendor credentials. */
  secretBox: SecretBox;
  /** In process, or on Redis when replicas share one. */
  limiter: BudgetLimiter;
  /** Prices a request's worst case at admission and its actual usage at settlement. */
  pricer: Pricer;
  /** Tells the other replicas that budgets changed, so they reload; absent with a single replica. */
  publishChange?: () => Promise<void>;
  webhookTiming?: Partial<WebhookTiming>;
  /** Where failures off the request path go (a settlement, an alert write, a webhook sweep). */
  onError?: (error: unknown, what: string) => void;
  now?: () => number;
}

/** Budgets, assembled: admission for the request path, the admin API's operations, alerts and their webhooks. */
export interface Budgets {
  guard: BudgetGuard;
  admin: BudgetAdmin;
  /** Re-reads budgets from the database: after another replica's change notice. */
  reload(): Promise<void>;
  /** Resolves once alert writes and webhook deliveries under way, retries included, are done (tests). */
  idle(): Promise<void>;
  /** Stops webhook timers; the limiter belongs to the caller, who closes it. */
  close(): Promise<void>;
}

export async function createBudgets(options: BudgetsOptions): Promise<Budgets> {
  const { db, secretBox, limiter, pricer } = options;
  const now = options.now ?? Date.now;
  const report = (what: string) => (error: unknown) => options.onError?.(error, what);
  const repository = new BudgetRepository(db);
  const events = new BudgetEventRepository(db);
  const ledgerSpend: LedgerSpend = (projectId, keyId, month) =>
    repository.ledgerSpendMicroUsd(projectId, keyId, monthDays(month));
  const book = new BudgetBook();

  // Loads can overlap when changes come quickly; only the most recently started one may win, as it is the only one
  // sure to have read every change that finished before it.
  let startedLoads = 0;
  let appliedLoad = 0;
  const reload = async () => {
    const load = ++startedLoads;
    const held: HeldBudget[] = (await repository.listNamed()).map((record) => ({
      id: record.id,
      projectId: record.projectId,
      projectName: record.projectName,
      keyId: record.keyId,
      keyName: record.keyName,
      limitMicroUsd: record.monthlyLimitMicroUsd,
      hardLimit: record.hardLimit,
      alertThresholds: record.alertThresholds,
      webhookUrl: record.webhookUrl,
      webhookSecret: record.webhookSecretEncrypted === null ? null : secretBox.decrypt(record.webhookSecretEncrypted),
      counter: budgetCounter(ledgerSpend, record.projectId, record.keyId),
    }));
    if (load > appliedLoad) {
      appliedLoad = load;
      book.replace(held);
    }
  };
  await reload();

  const deliverer = createWebhookDeliverer({
    events,
    findBudget: (id) => book.find(id),
    onError: report('budget webhook delivery failed'),
    now,
    ...(options.webhookTiming === undefined ? {} : { timing: options.webhookTiming }),
  });
  const alerts = createBudgetAlerts({
    events,
    deliver: (event) => deliverer.deliver(event),
    onError: report('could not write a budget alert'),
    now,
  });
  const guard = createBudgetGuard({
    book,
    limiter,
    pricer,
    now,
    onSpend: (budgets, month, spent) => alerts.observe(budgets, month, spent),
    onSettleError: report('could not settle a budget reservation'),
  });
  const admin = createBudgetAdmin({
    db,
    secretBox,
    limiter,
    ledgerSpend,
    now,
    async changed() {
      await reload();
      await options.publishChange?.();
    },
  });
  deliverer.start();

  return {
    guard,
    admin,
    reload,
    async idle() {
      await guard.idle();
      await alerts.idle();
      await deliverer.idle();
    },
    async close() {
      await guard.idle();
      await alerts.idle();
      await deliverer.close();
    },
  };
}
