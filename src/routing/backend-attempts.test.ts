import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ROUTING_POLICY, GatewayError, type BackendTarget, type RoutingPolicy } from '../spec/index.js';
import { tryBackendsInOrder } from './backend-attempts.js';
import { DeploymentHealth } from './backend-health.js';

const backend = (name: string, priority: number, weight: number) => ({
  connection: { name, provider: 'openai' as const, baseUrl: 'http://127.0.0.1:9/v1' },
  model: 'gpt-4o',
  priority,
  weight,
});

const unavailable = (name: string) =>
  new GatewayError('upstream_unavailable', `${name} is down`, { upstream: { providerId: 'openai', status: 503 } });

describe('tryBackendsInOrder with priorities and weights', () => {
  it('fails over from the weighted pick to the rest of its priority, then to the next priority', async () => {
    const backends = [backend('heavy', 0, 3), backend('light', 0, 1), backend('spare', 1, 1)];
    const tried: string[] = [];
    const options = { defaultTimeoutMs: 1000, signal: new AbortController().signal, random: () => 0.9 };
    const answer = await tryBackendsInOrder(backends, options, (_provider, target: BackendTarget) => {
      tried.push(target.connection.name);
      if (target.connection.name !== 'spare') return Promise.reject(unavailable(target.connection.name));
      return Promise.resolve(target.connection.name);
    });
    assert.equal(answer, 'spare');
    assert.deepEqual(tried, ['light', 'heavy', 'spare'], 'a draw of 0.9 picks the weight-1 backend first');
  });
});

describe('tryBackendsInOrder retries', () => {
  const policyWith = (overrides: Partial<RoutingPolicy>): RoutingPolicy => ({
    ...DEFAULT_ROUTING_POLICY,
    ...overrides,
  });
  const failing = (status: number, retryAfterMs?: number) =>
    new GatewayError(status === 429 ? 'upstream_rate_limited' : 'upstream_error', `failed with ${status}`, {
      retryAfterMs,
      upstream: { providerId: 'openai', status },
    });

  /** Runs the loop on a fake clock: waits advance it at once and are recorded. */
  function run(
    backends: ReturnType<typeof backend>[],
    policy: RoutingPolicy,
    answer: (name: string, attempt: number) => Promise<string>,
    health?: DeploymentHealth,
  ) {
    let now = 0;
    const waits: number[] = [];
    const tried: string[] = [];
    const result = tryBackendsInOrder(
      backends,
      {
        defaultTimeoutMs: 1000,
        signal: new AbortController().signal,
        policy,
        health,
        random: () => 0.5,
        now: () => now,
        sleep: (delayMs) => {
          waits.push(delayMs);
          now += delayMs;
          return Promise.resolve();
        },
      },
      (_provider, target, attempt) => {
        tried.push(target.connection.name);
        return answer(target.connection.name, attempt);
      },
    );
    return { result, waits, tried };
  }

  it('retries one backend on 5xx with full-jitter backoff, within the attempt budget', async () => {
    const policy = policyWith({ maxAttempts: 3, backoffBaseMs: 100, backoffMaxMs: 1000 });
    const { result, waits, tried } = run([backend('only', 0, 1)], policy, (_name, attempt) =>
      attempt < 2 ? Promise.reject(failing(503)) : Promise.resolve('ok'),
    );
    assert.equal(await result, 'ok');
    assert.deepEqual(tried, ['only', 'only', 'only']);
    assert.deepEqual(waits, [50, 100], 'half of 100 × 2⁰, then of 100 × 2¹ (random 0.5)');
  });

  it('never makes more upstream attempts than max_attempts', async () => {
    const { result, tried } = run([backend('a', 0, 1), backend('b', 1, 1)], policyWith({ maxAttempts: 5 }), () =>
      Promise.reject(failing(500)),
    );
    await assert.rejects(result, /failed with 500/);
    assert.equal(tried.length, 5);
    assert.deepEqual(tried.slice(0, 2), ['a', 'b'], 'fails over before retrying');
  });

  it('never retries nor fails over on a 400, and fails over but never retries on a 401', async () => {
    const bad = run([backend('a', 0, 1), backend('b', 1, 1)], DEFAULT_ROUTING_POLICY, () =>
      Promise.reject(
        new GatewayError('upstream_bad_request', 'bad', { upstream: { providerId: 'openai', status: 400 } }),
      ),
    );
    await assert.rejects(bad.result, /bad/);
    assert.deepEqual(bad.tried, ['a']);
    const refused = run([backend('a', 0, 1), backend('b', 1, 1)], DEFAULT_ROUTING_POLICY, () =>
      Promise.reject(failing(401)),
    );
    await assert.rejects(refused.result, /401/);
    assert.deepEqual(refused.tried, ['a', 'b']);
  });

  it('waits for a retry-after under the cap, and gives up on one beyond it', async () => {
    const policy = policyWith({ maxAttempts: 3, retryAfterCapMs: 2_000, backoffBaseMs: 10 });
    const within = run([backend('a', 0, 1)], policy, (_name, attempt) =>
      attempt === 0 ? Promise.reject(failing(429, 1_500)) : Promise.resolve('ok'),
    );
    assert.equal(await within.result, 'ok');
    assert.deepEqual(within.waits, [1_500]);
    const beyond = run([backend('a', 0, 1)], policy, () => Promise.reject(failing(429, 30_000)));
    await assert.rejects(beyond.result, /429/);
    assert.deepEqual(beyond.tried, ['a'], 'a 30 s retry-after is not waited for');
    assert.deepEqual(beyond.waits, []);
  });

  it('skips a backend whose circuit is open, and tries it when every circuit is open', async () => {
    const policy = policyWith({ breaker: { ...DEFAULT_ROUTING_POLICY.breaker, consecutiveFailures: 1 } });
    const health = new DeploymentHealth(policy, () => 0);
    const backends = [backend('a', 0, 1), backend('b', 1, 1)];
    health.of(backends[0]!).breaker.recordFailure();
    const skipping = run(backends, policy, () => Promise.resolve('ok'), health);
    assert.equal(await skipping.result, 'ok');
    assert.deepEqual(skipping.tried, ['b']);
    health.of(backends[1]!).breaker.recordFailure();
    const allOpen = run(backends, policy, () => Promise.resolve('ok'), health);
    assert.equal(await allOpen.result, 'ok');
    assert.deepEqual(allOpen.tried, ['a']);
    assert.equal(health.of(backends[0]!).breaker.state, 'closed', 'a success closes it');
  });
});
