import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ROUTING_POLICY, GatewayError, type BackendTarget, type ProviderAdapter } from '../spec/index.js';
import { HealthProber, type ProbedDeployment } from './health-prober.js';
import { RoutingState } from './routing-state.js';

const backend = (name: string): BackendTarget => ({
  connection: { name, provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' },
  model: 'gpt-4o',
});

/** A provider whose probe answers as `down` says, recording what it was given. */
function fakeProvider(down: Set<string>, calls: BackendTarget[]): ProviderAdapter {
  const refuse = () => Promise.reject(new Error('not used'));
  return {
    id: 'openai',
    defaultBaseUrl: undefined,
    chat: refuse,
    streamChat: refuse,
    embed: refuse,
    probe(target) {
      calls.push(target);
      if (!down.has(target.connection.name)) return Promise.resolve();
      return Promise.reject(
        new GatewayError('upstream_unavailable', `${target.connection.name} is down`, {
          upstream: { providerId: 'openai', status: 503 },
        }),
      );
    },
  };
}

function setUp(deployments: ProbedDeployment[]) {
  let now = 1_000_000;
  const routing = new RoutingState(() => now);
  const down = new Set<string>();
  const calls: BackendTarget[] = [];
  const provider = fakeProvider(down, calls);
  const prober = new HealthProber({
    routing,
    listDeployments: () => Promise.resolve(deployments),
    providerOf: () => provider,
  });
  return { routing, prober, down, calls, advance: (milliseconds: number) => (now += milliseconds) };
}

const probedPolicy = {
  ...DEFAULT_ROUTING_POLICY,
  timeouts: { ...DEFAULT_ROUTING_POLICY.timeouts, firstByteMs: 2_500 },
  breaker: { ...DEFAULT_ROUTING_POLICY.breaker, consecutiveFailures: 2 },
  healthProbe: { intervalMs: 5_000 },
};

describe('HealthProber', () => {
  it('probes each backend once per interval and leaves deployments without health_probe alone', async () => {
    const { prober, calls, advance } = setUp([
      { id: 'probed', backends: [backend('a'), backend('b')], routing: probedPolicy },
      { id: 'quiet', backends: [backend('c')], routing: DEFAULT_ROUTING_POLICY },
      { id: 'bare', backends: [backend('d')] },
    ]);
    await prober.tick();
    assert.deepEqual(
      calls.map((call) => call.connection.name),
      ['a', 'b'],
    );
    assert.equal(calls[0]!.connection.timeoutMs, 2_500, "the deployment's first-byte timeout bounds the probe");
    advance(4_999);
    await prober.tick();
    assert.equal(calls.length, 2, 'not due yet');
    advance(1);
    await prober.tick();
    assert.equal(calls.length, 4);
  });

  it('records each outcome and feeds the breaker: failures open it, a success closes it', async () => {
    const { routing, prober, down, advance } = setUp([
      { id: 'probed', backends: [backend('a'), backend('b')], routing: probedPolicy },
    ]);
    down.add('b');
    await prober.tick();
    const health = routing.peek('probed')!;
    const a = health.find('a', 'gpt-4o')!;
    const b = health.find('b', 'gpt-4o')!;
    assert.deepEqual(a.lastProbe, { at: 1_000_000, ok: true, error: null });
    assert.deepEqual(b.lastProbe, { at: 1_000_000, ok: false, error: 'b is down' });
    assert.equal(b.breaker.state, 'closed', 'one failure of two');
    advance(5_000);
    await prober.tick();
    assert.equal(b.breaker.state, 'open');
    assert.equal(a.breaker.state, 'closed');

    down.delete('b');
    advance(5_000);
    await prober.tick();
    assert.equal(b.breaker.state, 'closed', 'closed well before the 30 s cool-down');
    assert.deepEqual(b.lastProbe, { at: 1_010_000, ok: true, error: null });
  });

  it('aborts probes in flight on stop and records nothing for them', async () => {
    let now = 0;
    const routing = new RoutingState(() => now);
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const hanging: ProviderAdapter = {
      ...fakeProvider(new Set(), []),
      probe: (_target, signal) =>
        new Promise((_resolve, reject) => {
          started();
          signal.addEventListener('abort', () => reject(new GatewayError('client_closed_request', 'stopped')));
        }),
    };
    const prober = new HealthProber({
      routing,
      listDeployments: () => Promise.resolve([{ id: 'probed', backends: [backend('a')], routing: probedPolicy }]),
      providerOf: () => hanging,
      tickMs: 1,
    });
    prober.start();
    await running;
    now = 10;
    await prober.stop();
    assert.equal(routing.peek('probed')?.find('a', 'gpt-4o')?.lastProbe, null);
  });
});
