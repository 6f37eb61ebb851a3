import type { BudgetCounter } from './budget-limiter.js';
import type { BudgetMonth } from './budget-month.js';

/** A budget as the request path holds it: resolved names, decrypted webhook secret, its counter. */
export interface HeldBudget {
  id: string;
  projectId: string;
  projectName: string;
  /** Null: the whole project. */
  keyId: string | null;
  keyName: string | null;
  limitMicroUsd: number;
  /** Refuse what could pass the limit; false: alerts only. */
  hardLimit: boolean;
  /** Percents of the limit, ascending. */
  alertThresholds: readonly number[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** The spend counter it reads: its project's or its key's, shared with the other budgets on the same thing. */
  counter: BudgetCounter;
}

/** The budgets that share one counter, and the tightest hard limit among them (null: none of them is hard). */
export interface CounterBudgets {
  counter: BudgetCounter;
  budgets: readonly HeldBudget[];
  /** The budget whose hard limit is the lowest, which a refusal names; undefined when all are alerts-only. */
  tightest: HeldBudget | undefined;
}

/** Month-to-date cost of a project (keyId null) or one of its keys, from the usage ledger. */
export type LedgerSpend = (projectId: string, keyId: string | null, month: BudgetMonth) => Promise<number>;

export function projectCounterKey(projectId: string): string {
  return `project:${projectId}`;
}

export function keyCounterKey(keyId: string): string {
  return `key:${keyId}`;
}

/** The counter of a project (keyId null) or a key, whose month starts from the ledger's figure. */
export function budgetCounter(ledgerSpend: LedgerSpend, projectId: string, keyId: string | null): BudgetCounter {
  return {
    key: keyId === null ? projectCounterKey(projectId) : keyCounterKey(keyId),
    openingSpend: (month) => ledgerSpend(projectId, keyId, month),
  };
}

const NONE: readonly CounterBudgets[] = Object.freeze([]);

/**
 * Every budget, held in memory and replaced as a whole when budgets change, so admission reads no database. A
 * caller's budgets are found with two map lookups: its project's and its key's.
 */
export class BudgetBook {
  private byProject = new Map<string, CounterBudgets>();
  private byKey = new Map<string, CounterBudgets>();
  private byId = new Map<string, HeldBudget>();

  replace(budgets: readonly HeldBudget[]): void {
    const byProject = new Map<string, HeldBudget[]>();
    const byKey = new Map<string, HeldBudget[]>();
    for (const budget of budgets) {
      const [index, id] = budget.keyId === null ? [byProject, budget.projectId] : [byKey, budget.keyId];
      const list = index.get(id) ?? [];
      list.push(budget);
      index.set(id, list);
    }
    this.byProject = group(byProject);
    this.byKey = group(byKey);
    this.byId = new Map(budgets.map((budget) => [budget.id, budget]));
  }

  /** The counters a caller's request is charged to: its project's, then its key's; empty for most callers. */
  forCaller(projectId: string, keyId: string): readonly CounterBudgets[] {
    const project = this.byProject.get(projectId);
    const key = this.byKey.get(keyId);
    if (project === undefined) return key === undefined ? NONE : [key];
    return key === undefined ? [project] : [project, key];
  }

  find(id: string): HeldBudget | undefined {
    return this.byId.get(id);
  }
}

function group(index: Map<string, HeldBudget[]>): Map<string, CounterBudgets> {
  const grouped = new Map<string, CounterBudgets>();
  for (const [id, budgets] of index) {
    const first = budgets[0];
    if (first === undefined) continue;
    let tightest: HeldBudget | undefined;
    for (const budget of budgets) {
      if (budget.hardLimit && (tightest === undefined || budget.limitMicroUsd < tightest.limitMicroUsd)) {
        tightest = budget;
      }
    }
    grouped.set(id, { counter: first.counter, budgets, tightest });
  }
  return grouped;
}
