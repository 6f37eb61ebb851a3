import type { HeldBudget } from './budget-book.js';
import type { BudgetRefusal } from './budget-limiter.js';
import { monthBoundsMs } from './budget-month.js';
import { formatDollars } from './format-dollars.js';

/** Who a budget covers, as a message names it. */
export function describeBudget(budget: Pick<HeldBudget, 'id' | 'projectName' | 'keyName'>): string {
  const scope =
    budget.keyName === null
      ? `project '${budget.projectName}'`
      : `key '${budget.keyName}' of project '${budget.projectName}'`;
  return `the monthly budget ${budget.id} of ${scope}`;
}

/**
 * The 429 a spent budget answers: which budget, its limit, the month's spend (settled, and held by requests in
 * progress), what this request could cost, when the month resets, and what to do.
 */
export function budgetRefusalMessage(budget: HeldBudget, refusal: BudgetRefusal): string {
  const resetsAt = new Date(monthBoundsMs(refusal.month).endMs).toISOString().replace('.000Z', 'Z');
  const held =
    refusal.reservedMicroUsd > 0 ? ` and ${formatDollars(refusal.reservedMicroUsd)} held by requests in progress` : '';
  const text = describeBudget(budget);
  return (
    `${text.charAt(0).toUpperCase()}${text.slice(1)} does not cover this request: its limit for ${refusal.month} is ` +
    `${formatDollars(refusal.limitMicroUsd)}, ${formatDollars(refusal.spentMicroUsd)} is spent${held}, and this ` +
    `request could cost up to ${formatDollars(refusal.requestedMicroUsd)}. The budget resets at ${resetsAt}. ` +
    'Ask for fewer tokens (max_tokens), or have a project contributor raise the limit.'
  );
}
