import { GatewayError } from '../../spec/index.js';
import type { Pricer, PriceQuery } from '../pricing/pricer.js';
import type { TokenCounts } from '../usage-record.js';
import type { BudgetBook, CounterBudgets, HeldBudget } from './budget-book.js';
import type { BudgetLimiter, BudgetReservation, BudgetReserveResult } from './budget-limiter.js';
import type { BudgetMonth } from './budget-month.js';
import { budgetRefusalMessage } from './budget-refusal-message.js';

/** What admission needs to know of a request to charge its budgets. */
export interface BudgetedRequest {
  projectId: string;
  keyId: string;
  /** Catalog model id and deployment type: what the price card is looked up by. */
  model: string;
  deploymentType: string;
  /**
   * The most the request can use: estimated prompt tokens as `input`, max_tokens (or the model's output cap) as
   * `output`. Only called when a budget applies, so callers without budgets never count tokens for it.
   */
  worstCase(): TokenCounts | Promise<TokenCounts>;
}

/** An admitted request's reservations, settled to the actual cost once it ends (0 tokens when it never ran). */
export interface BudgetTicket {
  settle(actual: TokenCounts): void;
}

/** Told, after each settlement, the spend of a counter's month so its budgets can raise alerts. */
export type SpendObserver = (budgets: readonly HeldBudget[], month: BudgetMonth, spentMicroUsd: number) => void;

export interface BudgetGuardOptions {
  book: BudgetBook;
  limiter: BudgetLimiter;
  pricer: Pricer;
  onSpend?: SpendObserver;
  /** Where a settlement that failed (Redis unreachable) is reported; the request has been answered by then. */
  onSettleError?: (error: unknown) => void;
  now?: () => number;
}

export interface BudgetGuard {
  /** Reserves the request's worst-case cost on each budget that applies, or throws the 429 of the one it would pass. */
  admit(request: BudgetedRequest): Promise<BudgetTicket>;
  /** Resolves once the settlements under way are done (tests, shutdown). */
  idle(): Promise<void>;
}

const UNBUDGETED: BudgetTicket = { settle: () => undefined };
const ZERO_TOKENS: TokenCounts = { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 };

/**
 * Budget admission. A caller's request is charged to at most two counters — its project's and its key's, each
 * shared by the budgets on it and limited by the lowest hard limit among them — reserving the worst-case price on
 * both. Each reserve is atomic on its own counter; when one refuses, what the other reserved is given back at
 * once (settled to nothing), so a refused request holds nothing. Settlement prices the actual tokens with the same
 * card and moves each reservation to that cost, off the answer's path; the new spend goes to `onSpend` for alerts.
 */
export function createBudgetGuard(options: BudgetGuardOptions): BudgetGuard {
  const { book, limiter, pricer } = options;
  const now = options.now ?? Date.now;
  const settling = new Set<Promise<void>>();

  const settleAll = (
    groups: readonly CounterBudgets[],
    reservations: readonly (BudgetReservation | undefined)[],
    costMicroUsd: number,
  ) => {
    reservations.forEach((reservation, index) => {
      const group = groups[index];
      if (reservation === undefined || group === undefined) return;
      const settlement = limiter
        .settle(reservation, costMicroUsd)
        .then((result) => {
          if (result.outcome === 'settled' && costMicroUsd > 0) {
            options.onSpend?.(group.budgets, reservation.month, result.spentAfterMicroUsd);
          }
        })
        .catch((error: unknown) => options.onSettleError?.(error));
      settling.add(settlement);
      void settlement.finally(() => settling.delete(settlement));
    });
  };

  return {
    async idle() {
      while (settling.size > 0) await Promise.all(settling);
    },
    async admit(request) {
      const groups = book.forCaller(request.projectId, request.keyId);
      if (groups.length === 0) return UNBUDGETED;
      const query: PriceQuery = {
        projectId: request.projectId,
        model: request.model,
        deploymentType: request.deploymentType,
        at: now(),
      };
      const worstCaseMicroUsd = pricer.price(query, await request.worstCase()).costMicroUsd;
      const outcomes = await Promise.allSettled(
        groups.map((group) =>
          limiter.reserve(group.counter, {
            costMicroUsd: worstCaseMicroUsd,
            limitMicroUsd: group.tightest?.limitMicroUsd ?? null,
          }),
        ),
      );
      const reservations = outcomes.map((outcome) =>
        outcome.status === 'fulfilled' && outcome.value.admitted ? outcome.value.reservation : undefined,
      );
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      const refusedAt = outcomes.findIndex((outcome) => outcome.status === 'fulfilled' && !outcome.value.admitted);
      if (failed !== undefined || refusedAt !== -1) {
        // The request will not run: whatever was reserved for it goes back.
        settleAll(groups, reservations, 0);
        if (failed !== undefined) throw failed.reason;
        const refused = outcomes[refusedAt] as PromiseFulfilledResult<
          Extract<BudgetReserveResult, { admitted: false }>
        >;
        const budget = groups[refusedAt]?.tightest;
        if (budget === undefined) throw new Error('A counter without a hard limit refused a request.');
        throw new GatewayError('insufficient_quota', budgetRefusalMessage(budget, refused.value), {
          shouldRetry: false,
        });
      }
      let settled = false;
      return {
        settle(actual) {
          if (settled) return;
          settled = true;
          const costMicroUsd = actual === ZERO_TOKENS ? 0 : pricer.price(query, actual).costMicroUsd;
          settleAll(groups, reservations, costMicroUsd);
        },
      };
    },
  };
}

/** What a request that never reached a backend used. */
export const NO_TOKENS: TokenCounts = ZERO_TOKENS;
