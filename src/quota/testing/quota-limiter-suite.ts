import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { QuotaLimiter, QuotaLimits, QuotaReserveResult } from '../quota-limiter.js';
import { rateLimitHeaders } from '../rate-limit-headers.js';

/** One implementation of QuotaLimiter, as the shared suite needs it. */
export interface QuotaLimiterHarness {
  name: string;
  /** Set when the implementation cannot run here, so the suite shows as skipped with the reason. */
  skip: string | undefined;
  /**
   * Limiters on one store, all reading `now`. Memory gives one; Redis gives several connections to the same
   * keys, as several replicas would have, and the concurrency tests spread their clients over them.
   */
  open(now: () => number): Promise<QuotaLimiter[]>;
  /** Removes what the run stored and closes what `open` created. */
  dispose(): Promise<void>;
}

/** A minute boundary (so also a 10 s and a 1 s boundary): tests place themselves at known offsets in windows. */
const WINDOW_ALIGNED_MS = 1_800_000_000_000;

/** Deterministic, so a failing exactness run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function admitted(result: QuotaReserveResult): Extract<QuotaReserveResult, { admitted: true }> {
  assert.ok(result.admitted, `expected an admission, got ${JSON.stringify(result)}`);
  return result;
}

function refused(result: QuotaReserveResult): Extract<QuotaReserveResult, { admitted: false }> {
  assert.ok(!result.admitted, `expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

/**
 * The one test suite every QuotaLimiter implementation passes. node:test's describe and it return promises the
 * runner awaits itself; `void` says so here, outside the *.test.ts files the lint exemption covers.
 */
export function runQuotaLimiterSuite(harness: QuotaLimiterHarness): void {
  void describe(`${harness.name} quota limiter`, { skip: harness.skip }, () => {
    const clock = { nowMs: WINDOW_ALIGNED_MS };
    let limiters: QuotaLimiter[] = [];
    let limiter: QuotaLimiter;
    let keys = 0;
    const freshKey = (): string => `deployment-${(keys += 1)}`;

    before(async () => {
      limiters = await harness.open(() => clock.nowMs);
      const first = limiters[0];
      assert.ok(first !== undefined, 'the harness opened no limiter');
      limiter = first;
    });
    after(async () => {
      await Promise.all(limiters.map((each) => each.close()));
      await harness.dispose();
    });

    void it("reports Azure's remaining figures after one call (20k TPM, 120 RPM: 19,913 tokens, 19 requests)", async () => {
      clock.nowMs = WINDOW_ALIGNED_MS + 2_500;
      const result = admitted(await limiter.reserve(freshKey(), { tokens: 87 }, { tpm: 20_000 }));
      assert.deepEqual(result.limits, { tpm: 20_000, rpm: 120 });
      assert.deepEqual(result.remaining, { requests: 19, tokens: 19_913 });
      assert.equal(result.resetTokensMs, 57_500);
      assert.equal(result.resetRequestsMs, 7_500);
      assert.deepEqual(rateLimitHeaders(result), {
        'x-ratelimit-remaining-requests': '19',
        'x-ratelimit-remaining-tokens': '19913',
      });
    });

    void it('admits tokens up to the TPM, then refuses until the minute ends, charging nothing', async () => {
      const key = freshKey();
      const limits = { tpm: 1_000, rpm: 600 };
      clock.nowMs = WINDOW_ALIGNED_MS + 12_345;
      admitted(await limiter.reserve(key, { tokens: 600 }, limits));
      assert.equal(admitted(await limiter.reserve(key, { tokens: 400 }, limits)).remaining.tokens, 0);
      const refusal = refused(await limiter.reserve(key, { tokens: 1 }, limits));
      assert.equal(refusal.reason, 'window_full');
      assert.equal(refusal.limit, 'tokens');
      assert.equal(refusal.windowMs, 60_000);
      assert.equal(refusal.windowLimit, 1_000);
      assert.deepEqual(refusal.requested, { tokens: 1, requests: 1 });
      assert.ok(refusal.reason === 'window_full' && refusal.retryAfterMs === 47_655);
      assert.deepEqual(rateLimitHeaders(refusal), {
        'x-ratelimit-remaining-requests': '98',
        'x-ratelimit-remaining-tokens': '0',
        'retry-after': '48',
        'retry-after-ms': '47655',
      });
      // The refusal took no request either: 100 per 10 s, two admitted, this one the third.
      clock.nowMs += 1_000;
      assert.deepEqual(admitted(await limiter.reserve(key, { tokens: 0 }, limits)).remaining, {
        requests: 97,
        tokens: 0,
      });
    });

    void it('starts each window from zero once its time is up', async () => {
      const key = freshKey();
      const limits = { tpm: 1_000 };
      clock.nowMs = WINDOW_ALIGNED_MS;
      admitted(await limiter.reserve(key, { tokens: 1_000 }, limits));
      clock.nowMs = WINDOW_ALIGNED_MS + 59_999;
      const refusal = refused(await limiter.reserve(key, { tokens: 1 }, limits));
      assert.ok(refusal.reason === 'window_full' && refusal.retryAfterMs === 1);
      assert.equal(rateLimitHeaders(refusal)['retry-after'], '1', 'retry-after is at least one second');
      clock.nowMs = WINDOW_ALIGNED_MS + 60_000;
      const next = admitted(await limiter.reserve(key, { tokens: 1_000 }, limits));
      // 1,000 TPM gives Azure's 6 RPM, one request per 10 s window.
      assert.deepEqual(next.remaining, { requests: 0, tokens: 0 });
      assert.equal(next.resetTokensMs, 60_000);
    });

    void it('limits requests to RPM/6 per 10 s window (30 RPM: 5)', async () => {
      const key = freshKey();
      const limits = { tpm: 1_000_000, rpm: 30 };
      clock.nowMs = WINDOW_ALIGNED_MS + 4_000;
      const remainingAfter: number[] = [];
      for (let request = 0; request < 5; request += 1) {
        remainingAfter.push(admitted(await limiter.reserve(key, { tokens: 10 }, limits)).remaining.requests);
      }
      assert.deepEqual(remainingAfter, [4, 3, 2, 1, 0]);
      const refusal = refused(await limiter.reserve(key, { tokens: 10 }, limits));
      assert.equal(refusal.limit, 'requests');
      assert.equal(refusal.windowMs, 10_000);
      assert.equal(refusal.windowLimit, 5);
      assert.ok(refusal.reason === 'window_full' && refusal.retryAfterMs === 6_000);
      assert.equal(refusal.remaining.tokens, 1_000_000 - 50, 'a request refusal takes no tokens');
      clock.nowMs = WINDOW_ALIGNED_MS + 10_000;
      assert.equal(admitted(await limiter.reserve(key, { tokens: 10 }, limits)).remaining.requests, 4);
    });

    void it('refuses more than RPM/60 requests in one second when RPM ≥ 60 (600 RPM: 10)', async () => {
      const key = freshKey();
      const limits = { tpm: 1_000_000, rpm: 600 };
      clock.nowMs = WINDOW_ALIGNED_MS + 200;
      for (let request = 0; request < 10; request += 1) admitted(await limiter.reserve(key, { tokens: 1 }, limits));
      const refusal = refused(await limiter.reserve(key, { tokens: 1 }, limits));
      assert.equal(refusal.limit, 'requests');
      assert.equal(refusal.windowMs, 1_000);
      assert.equal(refusal.windowLimit, 10);
      assert.ok(refusal.reason === 'window_full' && refusal.retryAfterMs === 800);
      // The headers show the 10 s window, as Azure's do; the 1 s window only guards bursts.
      assert.equal(refusal.remaining.requests, 90);
      clock.nowMs = WINDOW_ALIGNED_MS + 1_000;
      assert.equal(admitted(await limiter.reserve(key, { tokens: 1 }, limits)).remaining.requests, 89);
    });

    void it('uses one minute window of RPM requests when RPM is below 6', async () => {
      const key = freshKey();
      const limits = { tpm: 6_000, rpm: 1 };
      clock.nowMs = WINDOW_ALIGNED_MS + 30_000;
      assert.equal(admitted(await limiter.reserve(key, { tokens: 10 }, limits)).remaining.requests, 0);
      const refusal = refused(await limiter.reserve(key, { tokens: 10 }, limits));
      assert.equal(refusal.limit, 'requests');
      assert.equal(refusal.windowMs, 60_000);
      assert.ok(refusal.reason === 'window_full' && refusal.retryAfterMs === 30_000);
    });

    void it('refuses an estimate above the whole TPM as one that can never fit, without charging it', async () => {
      const key = freshKey();
      const limits = { tpm: 1_000, rpm: 600 };
      clock.nowMs = WINDOW_ALIGNED_MS;
      const refusal = refused(await limiter.reserve(key, { tokens: 1_001 }, limits));
      assert.equal(refusal.reason, 'never_fits');
      assert.equal(refusal.limit, 'tokens');
      assert.equal('retryAfterMs' in refusal, false);
      assert.deepEqual(rateLimitHeaders(refusal), {
        'x-ratelimit-remaining-requests': '100',
        'x-ratelimit-remaining-tokens': '1000',
        'x-should-retry': 'false',
      });
      assert.equal(admitted(await limiter.reserve(key, { tokens: 1_000 }, limits)).remaining.tokens, 0);
      // Even with the window full, a request that can never fit is told so rather than told to wait.
      assert.equal(refused(await limiter.reserve(key, { tokens: 5_000 }, limits)).reason, 'never_fits');
      // An absurd max_tokens from a client is the same 429, not an error of ours.
      for (const tokens of [1e300, Number.POSITIVE_INFINITY]) {
        const absurd = refused(await limiter.reserve(key, { tokens }, limits));
        assert.equal(absurd.reason, 'never_fits');
        assert.equal(absurd.requested.tokens, Number.MAX_SAFE_INTEGER);
      }
    });

    void it('settles the estimate down and up to the actual usage', async () => {
      const key = freshKey();
      const limits = { tpm: 10_000, rpm: 6_000 };
      clock.nowMs = WINDOW_ALIGNED_MS + 1_000;
      const large = admitted(await limiter.reserve(key, { tokens: 1_000 }, limits));
      assert.equal(large.remaining.tokens, 9_000);
      assert.deepEqual(await limiter.settle(large.reservation, 200), { outcome: 'corrected', correctionTokens: -800 });
      const small = admitted(await limiter.reserve(key, { tokens: 100 }, limits));
      assert.equal(small.remaining.tokens, 9_700);
      assert.deepEqual(await limiter.settle(small.reservation, 600), { outcome: 'corrected', correctionTokens: 500 });
      assert.equal(admitted(await limiter.reserve(key, { tokens: 0 }, limits)).remaining.tokens, 9_200);
    });

    void it('settles once: a second settle, even concurrent with the first, does nothing', async () => {
      const key = freshKey();
      const limits = { tpm: 10_000, rpm: 6_000 };
      clock.nowMs = WINDOW_ALIGNED_MS + 1_000;
      const result = admitted(await limiter.reserve(key, { tokens: 1_000 }, limits));
      const outcomes = await Promise.all([
        limiter.settle(result.reservation, 200),
        limiter.settle(result.reservation, 200),
      ]);
      assert.deepEqual(outcomes.map((outcome) => outcome.outcome).sort(), ['already_settled', 'corrected']);
      assert.deepEqual(await limiter.settle(result.reservation, 0), {
        outcome: 'already_settled',
        correctionTokens: 0,
      });
      assert.equal(admitted(await limiter.reserve(key, { tokens: 0 }, limits)).remaining.tokens, 9_800);
    });

    void it('leaves a later window alone when a reservation is settled after its own window ended', async () => {
      const key = freshKey();
      const limits = { tpm: 10_000, rpm: 6_000 };
      clock.nowMs = WINDOW_ALIGNED_MS + 50_000;
      const early = admitted(await limiter.reserve(key, { tokens: 4_000 }, limits));
      const idle = admitted(await limiter.reserve(key, { tokens: 1_000 }, limits));
      clock.nowMs = WINDOW_ALIGNED_MS + 61_000;
      // Nothing reserved in the new window yet: the old counter is still stored, but its window is over.
      assert.deepEqual(await limiter.settle(idle.reservation, 0), { outcome: 'window_over', correctionTokens: 0 });
      admitted(await limiter.reserve(key, { tokens: 300 }, limits));
      // Taking 4,000 off the new window would let 3,700 tokens more through than its limit.
      assert.deepEqual(await limiter.settle(early.reservation, 0), { outcome: 'window_over', correctionTokens: 0 });
      assert.equal(admitted(await limiter.reserve(key, { tokens: 0 }, limits)).remaining.tokens, 9_700);
    });

    void it('keeps keys independent, as a provisioned deployment needs its own capacity', async () => {
      const provisioned = freshKey();
      const standard = freshKey();
      clock.nowMs = WINDOW_ALIGNED_MS;
      admitted(await limiter.reserve(standard, { tokens: 5_000 }, { tpm: 5_000 }));
      refused(await limiter.reserve(standard, { tokens: 1 }, { tpm: 5_000 }));
      const result = admitted(await limiter.reserve(provisioned, { tokens: 2_000 }, { tpm: 50_000 }));
      assert.equal(result.remaining.tokens, 48_000);
    });

    void it('admits 200 concurrent clients within 1 % of a 10,000 TPM limit, never above it', async () => {
      const key = freshKey();
      const limits: QuotaLimits = { tpm: 10_000, rpm: 1_000_000 };
      clock.nowMs = WINDOW_ALIGNED_MS + 5_000;
      const random = seededRandom(20_261_123);
      let admittedTokens = 0;
      let admittedRequests = 0;
      // Each client asks for 1–100 tokens (at most 1 % of the limit) until it is refused once. A refusal means
      // its estimate exceeded what was left, so what is left at the end is below 100: at least 99 % admitted.
      await Promise.all(
        Array.from({ length: 200 }, async (_, client) => {
          const own = limiters[client % limiters.length] ?? limiter;
          for (;;) {
            const tokens = 1 + Math.floor(random() * 100);
            const result = await own.reserve(key, { tokens }, limits);
            if (!result.admitted) {
              assert.equal(result.limit, 'tokens');
              return;
            }
            admittedTokens += tokens;
            admittedRequests += 1;
          }
        }),
      );
      assert.ok(admittedTokens <= 10_000, `admitted ${admittedTokens} tokens, above the limit`);
      assert.ok(admittedTokens >= 9_900, `admitted ${admittedTokens} tokens, below 99 % of the limit`);
      // The store counted exactly what the clients were told they got.
      const check = admitted(await limiter.reserve(key, { tokens: 0 }, limits));
      assert.equal(check.remaining.tokens, 10_000 - admittedTokens);
      assert.ok(admittedRequests > 100, `only ${admittedRequests} requests admitted`);
    });

    void it('admits exactly the request limit to 200 concurrent clients (600 RPM: 10 in one second)', async () => {
      const key = freshKey();
      const limits = { tpm: 1_000_000, rpm: 600 };
      clock.nowMs = WINDOW_ALIGNED_MS + 20_500;
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, client) =>
          (limiters[client % limiters.length] ?? limiter).reserve(key, { tokens: 1 }, limits),
        ),
      );
      assert.equal(results.filter((result) => result.admitted).length, 10);
      for (const result of results) {
        if (!result.admitted) assert.ok(result.reason === 'window_full' && result.retryAfterMs === 500);
      }
    });

    void it('refuses limits, costs and usage that are not counts', async () => {
      await assert.rejects(limiter.reserve(freshKey(), { tokens: 1 }, { tpm: 0 }), RangeError);
      await assert.rejects(limiter.reserve(freshKey(), { tokens: 1 }, { tpm: 1_000, rpm: -1 }), RangeError);
      await assert.rejects(limiter.reserve(freshKey(), { tokens: Number.NaN }, { tpm: 1_000 }), RangeError);
      const result = admitted(await limiter.reserve(freshKey(), { tokens: 1.2 }, { tpm: 1_000 }));
      assert.equal(result.remaining.tokens, 998, 'a fractional estimate is rounded up');
      await assert.rejects(limiter.settle(result.reservation, -5), RangeError);
      assert.equal(
        (await limiter.settle(result.reservation, 2)).outcome,
        'corrected',
        'a refused settle did not count',
      );
    });

    void it('lets calls in flight finish on close and refuses new ones', async () => {
      const [own] = await harness.open(() => clock.nowMs);
      assert.ok(own !== undefined);
      limiters.push(own);
      const key = freshKey();
      const inFlight = own.reserve(key, { tokens: 10 }, { tpm: 1_000 });
      const closed = own.close();
      assert.equal((await inFlight).admitted, true);
      await closed;
      await assert.rejects(own.reserve(key, { tokens: 10 }, { tpm: 1_000 }), /closed/);
    });
  });
}
