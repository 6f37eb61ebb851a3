import type { QuotaCost, QuotaLimitKind, QuotaLimits, ResolvedQuotaLimits } from './quota-limiter.js';

export const TOKEN_WINDOW_MS = 60_000;
/** The stored name of the token counter, which `settle` corrects. */
export const TOKEN_FIELD = 't';

/** Azure's ratio for chat models: 6 RPM per 1,000 TPM (api-contracts §7, "older chat 6 RPM / 1,000 TPM"). */
const DEFAULT_RPM_PER_TPM = 6 / 1000;

/** One fixed-window counter of a key. Both limiters store it under `field` as (window number, count). */
export interface QuotaCounter {
  /** Short and stable: it names the stored fields (`t`, `r10`, `r1`, `r60`). */
  field: string;
  kind: QuotaLimitKind;
  windowMs: number;
  limit: number;
  /** The counter the remaining and reset figures describe for its kind. */
  reported: boolean;
}

/** The counters of one key, token counter first, with the limits they came from. */
export interface QuotaPlan {
  limits: ResolvedQuotaLimits;
  counters: readonly QuotaCounter[];
  /** The longest window: after it, nothing stored for the key matters any more. */
  longestWindowMs: number;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) {
    throw new RangeError(`Quota ${name} must be a number of at least 1, got ${String(value)}.`);
  }
  return Math.floor(value);
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`Quota ${name} must be a non-negative number, got ${String(value)}.`);
  }
  return Math.ceil(value);
}

export function resolveQuotaLimits(limits: QuotaLimits): ResolvedQuotaLimits {
  const tpm = positiveInteger(limits.tpm, 'tpm');
  const rpm =
    limits.rpm === undefined ? Math.max(1, Math.floor(tpm * DEFAULT_RPM_PER_TPM)) : positiveInteger(limits.rpm, 'rpm');
  return { tpm, rpm };
}

/**
 * Token estimates are rounded up, so a fractional estimate never admits more than the limit. An estimate beyond
 * the safe integers (a client's `max_tokens: 1e300`) is capped there: it still never fits, and is refused as a
 * 429 the client can act on rather than failing as an error of ours.
 */
export function resolveQuotaCost(cost: QuotaCost): { tokens: number; requests: number } {
  const tokens = cost.tokens === Number.POSITIVE_INFINITY ? Number.MAX_SAFE_INTEGER : cost.tokens;
  return {
    tokens: Math.min(Number.MAX_SAFE_INTEGER, nonNegativeInteger(tokens, 'tokens')),
    requests: cost.requests === undefined ? 1 : nonNegativeInteger(cost.requests, 'requests'),
  };
}

/** Actual usage for `settle`: a non-negative number of tokens. */
export function resolveActualTokens(actualTokens: number): number {
  return nonNegativeInteger(actualTokens, 'actual tokens');
}

// Plans are the same for every request of a deployment; caching them keeps the request path free of allocation.
const planCache = new Map<string, QuotaPlan>();
const PLAN_CACHE_LIMIT = 1024;

/** The windows of quota-limiter.ts's header comment, for these limits. */
export function planQuotaCounters(limits: QuotaLimits): QuotaPlan {
  const resolved = resolveQuotaLimits(limits);
  const cacheKey = `${resolved.tpm}/${resolved.rpm}`;
  const cached = planCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const { tpm, rpm } = resolved;
  const counters: QuotaCounter[] = [
    { field: TOKEN_FIELD, kind: 'tokens', windowMs: TOKEN_WINDOW_MS, limit: tpm, reported: true },
  ];
  if (rpm < 6) {
    counters.push({ field: 'r60', kind: 'requests', windowMs: 60_000, limit: rpm, reported: true });
  } else {
    counters.push({ field: 'r10', kind: 'requests', windowMs: 10_000, limit: Math.floor(rpm / 6), reported: true });
  }
  if (rpm >= 60) {
    counters.push({ field: 'r1', kind: 'requests', windowMs: 1_000, limit: Math.ceil(rpm / 60), reported: false });
  }
  const plan: QuotaPlan = {
    limits: resolved,
    counters,
    longestWindowMs: Math.max(...counters.map((counter) => counter.windowMs)),
  };
  // Limits come from configuration, so few distinct plans exist; the bound only guards against a caller that
  // computes limits per request.
  if (planCache.size >= PLAN_CACHE_LIMIT) planCache.clear();
  planCache.set(cacheKey, plan);
  return plan;
}

/** What `cost` charges to `counter`. */
export function costOf(counter: QuotaCounter, cost: { tokens: number; requests: number }): number {
  return counter.kind === 'tokens' ? cost.tokens : cost.requests;
}
