/**
 * Azure-style deployment quotas: admission against tokens per minute (TPM) and requests per minute (RPM).
 *
 * Limits. Each key (a deployment id) has its own `tpm` and `rpm`; `rpm` defaults to 6 per 1,000 TPM, Azure's
 * ratio for chat models (20,000 TPM → 120 RPM, 450,000 → 2,700), rounded down, at least 1. Models with another
 * ratio (o1: 1 RPM per 6,000 TPM, o3-mini: 1 per 10,000) pass `rpm` explicitly.
 *
 * Windows. Fixed windows aligned to the clock (window number = ⌊now / length⌋), one counter each:
 *   - tokens: 60 s window, limit `tpm` — Azure counts the estimate against a per-minute counter and answers 429
 *     "until reset" (api-contracts §7), and its remaining-tokens header is that counter (20k TPM, one call of 87 →
 *     19,913; §6);
 *   - requests: 10 s window, limit ⌊rpm / 6⌋ (Azure: "RPM/6 per 10 s"; 120 RPM after one call → 19 remaining);
 *   - requests, when rpm ≥ 60: also a 1 s window, limit ⌈rpm / 60⌉ ("600 RPM: more than 10 requests in 1 s are
 *     limited"), a burst guard; rounding up there and down on the 10 s window keeps the minute total ≤ rpm;
 *   - requests, when rpm < 6 (⌊rpm / 6⌋ would be 0): one 60 s window of `rpm` instead of the 10 s window.
 * A new window starts at zero because its number differs from the one stored: resetting is a comparison, there
 * are no sweeps and no timers. Fixed windows are exact — no window ever holds more than its limit, which is what
 * the 1 % exactness test asks — and give an exact retry-after (the end of the window). Their known cost is the
 * boundary: up to twice a limit can pass within a short time across two adjacent windows, as with Azure's own
 * per-minute counter. A sliding approximation would smooth that but makes both exactness and retry-after
 * approximate.
 *
 * Admission. `reserve(key, {tokens, requests = 1}, limits)` checks every counter and, only when all of them have
 * room, charges all of them at once (atomically: one synchronous step in memory, one Lua script on Redis). `tokens`
 * is the caller's admission estimate — prompt tokens plus `max_tokens` or the model's default output cap — which
 * is not what will be billed. A refusal charges nothing and names the counter hit (`limit: 'tokens' | 'requests'`);
 * `retryAfterMs` is the time until every refused counter's window ends (at most 60 s). A cost larger than a whole
 * window's limit (an estimate above the TPM) is refused with `reason: 'never_fits'` and no retry-after: waiting
 * cannot help, the client must ask for less.
 *
 * Remaining. `remaining.tokens` is the 60 s token counter's room after this request (the estimate included);
 * `remaining.requests` is the room of the 10 s request window (the 60 s one when rpm < 6), as Azure reports it —
 * the 1 s burst guard is not shown, so a request refused by it may see requests remaining, with a retry-after
 * under a second.
 *
 * Settlement. `settle(reservation, actualTokens)` corrects the token counter of the window the estimate was
 * charged to by actual − estimate, never below 0. When that window is over there is nothing to correct (the new
 * window started from zero). Settling a reservation a second time does nothing: the limiter remembers settled
 * reservations by identity (a WeakSet), so pass back the object `reserve` returned. Request counters are never
 * corrected: the request happened.
 *
 * Clock. The memory limiter uses `now` (default `Date.now`). The Redis limiter uses the Redis server's clock
 * (`TIME`, inside the script), so replicas whose clocks disagree still agree on which window is current: with
 * each replica's own clock, two replicas straddling a boundary would charge two different windows and together
 * let up to twice the limit through. Passing `now` makes the script use that clock instead (tests, benchmarks);
 * the value travels as a script argument, so one clock still decides every window.
 *
 * Provisioned deployments. Keys are independent: nothing a key admits is drawn from another key. A provisioned
 * deployment's capacity is therefore its own key (its deployment id), with its own limits, that no other deployment
 * reserves against. What a connection's capacity leaves to the other deployments on it is one more key
 * (`capacity:<connection id>`), shared by them: admission (src/http/inference/quota-admission.ts) reserves it after
 * the deployment's own key and, when it refuses, settles the first reservation to 0. That is two steps rather than
 * one atomic one, so for that moment the deployment's own counter holds an estimate it gives back at once.
 */

/** What a deployment may use. */
export interface QuotaLimits {
  /** Tokens per minute (admission estimates), at least 1. */
  tpm: number;
  /** Requests per minute; default ⌊tpm × 6 / 1,000⌋, at least 1. */
  rpm?: number;
}

/** Limits with the RPM default applied. */
export interface ResolvedQuotaLimits {
  tpm: number;
  rpm: number;
}

/** What one request asks for. */
export interface QuotaCost {
  /** The admission estimate: prompt tokens plus `max_tokens` (or the model's default output cap). */
  tokens: number;
  /** Requests this call counts as; 1 unless said otherwise. */
  requests?: number;
}

export type QuotaLimitKind = 'tokens' | 'requests';

export interface QuotaRemaining {
  /** Room in the 10 s request window (60 s when rpm < 6), after this request when admitted. */
  requests: number;
  /** Room in the 60 s token window, after this request's estimate when admitted. */
  tokens: number;
}

/** The handle `settle` needs; pass back the object `reserve` returned. */
export interface QuotaReservation {
  readonly key: string;
  readonly estimatedTokens: number;
  /** The token window the estimate was charged to (it starts at tokenWindow × 60,000 ms on the limiter's clock). */
  readonly tokenWindow: number;
}

interface QuotaWindowState {
  remaining: QuotaRemaining;
  /** Until the reported request window ends. */
  resetRequestsMs: number;
  /** Until the token window ends. */
  resetTokensMs: number;
  limits: ResolvedQuotaLimits;
}

export interface QuotaAdmission extends QuotaWindowState {
  admitted: true;
  reservation: QuotaReservation;
}

interface QuotaRefusalBase extends QuotaWindowState {
  admitted: false;
  limit: QuotaLimitKind;
  /** The refused window: its length and how much it admits. */
  windowMs: number;
  windowLimit: number;
  /** What the request asked for. */
  requested: { tokens: number; requests: number };
}

/** The window is full for now; it has room again after `retryAfterMs`. */
export interface QuotaWindowFull extends QuotaRefusalBase {
  reason: 'window_full';
  retryAfterMs: number;
}

/** The request asks for more than a whole window holds: no wait makes it fit. */
export interface QuotaNeverFits extends QuotaRefusalBase {
  reason: 'never_fits';
}

export type QuotaRefusal = QuotaWindowFull | QuotaNeverFits;

export type QuotaReserveResult = QuotaAdmission | QuotaRefusal;

export interface QuotaSettlement {
  /**
   * `corrected`: the window's counter moved by `correctionTokens` (clamped at 0); `window_over`: the window the
   * estimate was charged to has ended, nothing to correct; `already_settled`: a repeated call, ignored.
   */
  outcome: 'corrected' | 'window_over' | 'already_settled';
  /** actual − estimate when corrected, else 0. */
  correctionTokens: number;
}

export interface QuotaLimiter {
  /** Admits and charges the request, or refuses it without charging anything. */
  reserve(key: string, cost: QuotaCost, limits: QuotaLimits): Promise<QuotaReserveResult>;
  /** Replaces the reservation's estimate by the tokens actually used. */
  settle(reservation: QuotaReservation, actualTokens: number): Promise<QuotaSettlement>;
  /**
   * Refuses further calls and resolves once the calls in flight are done. It does not close a Redis connection
   * passed in: the connection belongs to whoever created it.
   */
  close(): Promise<void>;
}
