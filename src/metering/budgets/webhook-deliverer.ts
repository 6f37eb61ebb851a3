import { createHmac } from 'node:crypto';
import { request } from 'undici';
import type { BudgetEventRecord, BudgetEventRepository } from '../../store/index.js';
import type { HeldBudget } from './budget-book.js';

/** How hard delivery tries. */
export interface WebhookTiming {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each one after, up to `maxRetryDelayMs`. */
  firstRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** One attempt's limit, connection to last byte. */
  timeoutMs: number;
  /** How often due attempts are looked for in the database (another replica's, or this one's before a restart). */
  sweepIntervalMs: number;
}

/** 8 attempts over about 21 minutes (10 s, 20 s, 40 s, … capped at 10 min). */
export const DEFAULT_WEBHOOK_TIMING: WebhookTiming = {
  maxAttempts: 8,
  firstRetryDelayMs: 10_000,
  maxRetryDelayMs: 600_000,
  timeoutMs: 10_000,
  sweepIntervalMs: 60_000,
};

export const SIGNATURE_HEADER = 'x-hangar-signature';

export interface WebhookDelivererOptions {
  events: Pick<BudgetEventRepository, 'claim' | 'recordAttempt' | 'listDue'>;
  /** The budget as it is now: its webhook URL and secret may have changed since the event was written. */
  findBudget(id: string): HeldBudget | undefined;
  timing?: Partial<WebhookTiming>;
  onError?: (error: unknown) => void;
  now?: () => number;
}

export interface WebhookDeliverer {
  /** Sends a new event now; retries follow on their own. */
  deliver(event: BudgetEventRecord): void;
  /** Starts sweeping for due attempts (one sweep at once, then every sweepIntervalMs). */
  start(): void;
  /** Resolves once no attempt is running or waiting for its retry (tests). */
  idle(): Promise<void>;
  /** Stops timers; attempts already sent finish. */
  close(): Promise<void>;
}

/** The JSON a webhook receives. */
export function budgetEventBody(event: BudgetEventRecord, budget: HeldBudget): string {
  return JSON.stringify({
    object: 'budget_event',
    type: 'budget.threshold_reached',
    id: event.id,
    budget: event.budgetId,
    project: budget.projectName,
    key: budget.keyName,
    month: event.month,
    threshold: event.threshold,
    spend_micro_usd: event.spendMicroUsd,
    limit_micro_usd: event.limitMicroUsd,
    hard_limit: budget.hardLimit,
    created_at: new Date(event.createdAt).toISOString(),
  });
}

/** `sha256=<hex HMAC-SHA256 of the body>`, as GitHub signs its webhooks; the receiver recomputes and compares. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers budget events to their budget's webhook, off the request path, at least once. Each attempt first claims
 * the event in the database (its due time moves to the end of the attempt's lease only if no one else moved it),
 * so replicas sweeping at once never send it twice, and an attempt cut short by a crash is taken up by the next
 * sweep once its lease ends. A non-2xx answer or a network failure is retried with exponential backoff up to
 * `maxAttempts`; the last error stays on the event, which the admin API shows.
 */
export function createWebhookDeliverer(options: WebhookDelivererOptions): WebhookDeliverer {
  const timing = { ...DEFAULT_WEBHOOK_TIMING, ...options.timing };
  const now = options.now ?? Date.now;
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let sweepTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const track = (work: Promise<void>) => {
    const tracked = work.catch((error: unknown) => options.onError?.(error));
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
  };

  const later = (delayMs: number, work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) work();
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };

  async function post(url: string, body: string, secret: string | null, eventId: string): Promise<string | null> {
    try {
      const response = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'hangar-budgets',
          'x-hangar-event': 'budget.threshold_reached',
          'x-hangar-event-id': eventId,
          ...(secret === null ? {} : { [SIGNATURE_HEADER]: signBody(body, secret) }),
        },
        body,
        headersTimeout: timing.timeoutMs,
        bodyTimeout: timing.timeoutMs,
      });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300 ? null : `HTTP ${response.statusCode}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async function attempt(event: BudgetEventRecord, dueAt: number): Promise<void> {
    const leaseUntilMs = now() + timing.timeoutMs * 2;
    if (!(await options.events.claim(event.id, dueAt, leaseUntilMs))) return;
    const budget = options.findBudget(event.budgetId);
    if (budget?.webhookUrl == null) {
      await options.events.recordAttempt(event.id, {
        attempts: event.attempts,
        deliveredAt: null,
        lastError: 'The budget has no webhook any more.',
        nextAttemptAt: null,
      });
      return;
    }
    const failure = await post(budget.webhookUrl, budgetEventBody(event, budget), budget.webhookSecret, event.id);
    const attempts = event.attempts + 1;
    if (failure === null) {
      await options.events.recordAttempt(event.id, {
        attempts,
        deliveredAt: now(),
        lastError: null,
        nextAttemptAt: null,
      });
      return;
    }
    const delayMs = Math.min(timing.maxRetryDelayMs, timing.firstRetryDelayMs * 2 ** (attempts - 1));
    const nextAttemptAt = attempts >= timing.maxAttempts ? null : now() + delayMs;
    await options.events.recordAttempt(event.id, { attempts, deliveredAt: null, lastError: failure, nextAttemptAt });
    if (nextAttemptAt !== null) {
      later(delayMs, () => track(attempt({ ...event, attempts, nextAttemptAt }, nextAttemptAt)));
    }
  }

  async function sweep(): Promise<void> {
    for (const event of await options.events.listDue(now(), 100)) {
      if (event.nextAttemptAt !== null) track(attempt(event, event.nextAttemptAt));
    }
  }

  return {
    deliver(event) {
      if (closed || event.nextAttemptAt === null) return;
      track(attempt(event, event.nextAttemptAt));
    },
    start() {
      if (sweepTimer !== undefined) return;
      track(sweep());
      sweepTimer = setInterval(() => track(sweep()), timing.sweepIntervalMs);
      sweepTimer.unref();
    },
    async idle() {
      while (running.size > 0 || timers.size > 0) {
        await Promise.all(running);
        if (timers.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      closed = true;
      clearInterval(sweepTimer);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(running);
    },
  };
}
