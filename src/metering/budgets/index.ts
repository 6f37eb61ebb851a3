export type {
  BudgetAdmission,
  BudgetCharge,
  BudgetCounter,
  BudgetCounterState,
  BudgetLimiter,
  BudgetRefusal,
  BudgetReservation,
  BudgetReserveResult,
  BudgetSettlement,
} from './budget-limiter.js';
export { monthBoundsMs, monthOf, type BudgetMonth } from './budget-month.js';
export { createMemoryBudgetLimiter, type MemoryBudgetLimiterOptions } from './memory-budget-limiter.js';
export { createRedisBudgetLimiter, type RedisBudgetLimiterOptions } from './redis-budget-limiter.js';
export type { BudgetedRequest, BudgetGuard, BudgetTicket } from './budget-guard.js';
export { NO_TOKENS } from './budget-guard.js';
export type { BudgetAdmin, BudgetEventView, BudgetView } from './budget-admin.js';
export type { BudgetInput, BudgetUpdate } from './budget-inputs.js';
export { DEFAULT_ALERT_THRESHOLDS } from './budget-inputs.js';
export { createBudgets, type Budgets, type BudgetsOptions } from './create-budgets.js';
export {
  budgetEventBody,
  signBody,
  SIGNATURE_HEADER,
  DEFAULT_WEBHOOK_TIMING,
  type WebhookTiming,
} from './webhook-deliverer.js';
export { formatDollars } from './format-dollars.js';
