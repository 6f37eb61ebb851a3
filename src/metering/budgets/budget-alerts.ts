import { randomUUID } from 'node:crypto';
import type { BudgetEventRecord, BudgetEventRepository } from '../../store/index.js';
import type { HeldBudget } from './budget-book.js';
import type { BudgetMonth } from './budget-month.js';

export interface BudgetAlertsOptions {
  events: Pick<BudgetEventRepository, 'insertOnce'>;
  /** Hands a new event to the webhook; only called for events this replica wrote and whose budget has a webhook. */
  deliver(event: BudgetEventRecord): void;
  onError?: (error: unknown) => void;
  now?: () => number;
}

export interface BudgetAlerts {
  /** Raises every threshold the spend has reached and this month has not raised yet; off the request path. */
  observe(budgets: readonly HeldBudget[], month: BudgetMonth, spentMicroUsd: number): void;
  /** Resolves once the events being written are written (tests, shutdown). */
  idle(): Promise<void>;
}

/** The spend at which a threshold (percent of the limit) is reached, rounded up to a whole micro-dollar. */
export function thresholdMicroUsd(limitMicroUsd: number, thresholdPercent: number): number {
  return Math.ceil((limitMicroUsd * thresholdPercent) / 100);
}

/**
 * Threshold alerts. A threshold is raised when the month's settled spend reaches it, once per budget, month and
 * threshold: this replica remembers what it tried this month, and the database's unique (budget, month,
 * threshold) lets exactly one replica write the event, so replicas that all see the crossing still write one.
 * "Reached" rather than "crossed by this settlement": a budget created, or lowered, below the month's spend still
 * raises the thresholds it is past at the next settlement.
 */
export function createBudgetAlerts(options: BudgetAlertsOptions): BudgetAlerts {
  const now = options.now ?? Date.now;
  let currentMonth: BudgetMonth | undefined;
  let tried = new Set<string>();
  const pending = new Set<Promise<void>>();

  const raise = async (budget: HeldBudget, month: BudgetMonth, threshold: number, spentMicroUsd: number) => {
    const createdAt = now();
    const event: BudgetEventRecord = {
      id: `bev_${randomUUID().replaceAll('-', '')}`,
      budgetId: budget.id,
      month,
      threshold,
      spendMicroUsd: spentMicroUsd,
      limitMicroUsd: budget.limitMicroUsd,
      createdAt,
      deliveredAt: null,
      attempts: 0,
      lastError: null,
      nextAttemptAt: budget.webhookUrl === null ? null : createdAt,
    };
    if ((await options.events.insertOnce(event)) && budget.webhookUrl !== null) options.deliver(event);
  };

  return {
    observe(budgets, month, spentMicroUsd) {
      // Months only move forward; what was tried in the last one no longer matters.
      if (currentMonth === undefined || month > currentMonth) {
        currentMonth = month;
        tried = new Set();
      } else if (month < currentMonth) return;
      for (const budget of budgets) {
        for (const threshold of budget.alertThresholds) {
          if (spentMicroUsd < thresholdMicroUsd(budget.limitMicroUsd, threshold)) break;
          const key = `${budget.id}\n${threshold}`;
          if (tried.has(key)) continue;
          tried.add(key);
          const write = raise(budget, month, threshold, spentMicroUsd).catch((error: unknown) => {
            // Not written: a later settlement may try again.
            tried.delete(key);
            options.onError?.(error);
          });
          pending.add(write);
          void write.finally(() => pending.delete(write));
        }
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
