export type {
  QuotaAdmission,
  QuotaCost,
  QuotaLimiter,
  QuotaLimitKind,
  QuotaLimits,
  QuotaNeverFits,
  QuotaRefusal,
  QuotaRemaining,
  QuotaReservation,
  QuotaReserveResult,
  QuotaSettlement,
  QuotaWindowFull,
  ResolvedQuotaLimits,
} from './quota-limiter.js';
export type { QuotaCounter, QuotaPlan } from './plan-quota-counters.js';
export { planQuotaCounters, resolveQuotaLimits } from './plan-quota-counters.js';
export type { MemoryQuotaLimiterOptions } from './memory-quota-limiter.js';
export { createMemoryQuotaLimiter } from './memory-quota-limiter.js';
export type { RedisQuotaLimiterOptions } from './redis-quota-limiter.js';
export { createRedisQuotaLimiter } from './redis-quota-limiter.js';
export { quotaExceededMessage } from './quota-exceeded-message.js';
export type { SharedCapacityDescription } from './shared-capacity-message.js';
export { sharedCapacityExceededMessage } from './shared-capacity-message.js';
export { rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers.js';
// Shared with the budget limiters of src/metering/budgets/, which follow the same design.
export { InFlightCalls } from './in-flight-calls.js';
export { defineRedisScript, type RedisScript } from './define-redis-script.js';
