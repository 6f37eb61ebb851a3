/**
 * What routing adds per request: the attempt loop with its strategy choice, breaker admission and bookkeeping
 * (in-flight, latency average), against an upstream call that answers at once. Run:
 *   node --import tsx bench/routing/run-routing-bench.ts [--quick]
 */
import { tryBackendsInOrder } from '../../src/routing/backend-attempts.js';
import { DeploymentHealth } from '../../src/routing/backend-health.js';
import { DEFAULT_ROUTING_POLICY, type RoutedBackend, type RoutingStrategy } from '../../src/spec/index.js';

const quick = process.argv.includes('--quick');
const CALLS = quick ? 20_000 : 200_000;
const ROUNDS = quick ? 3 : 7;

const backend = (name: string, priority: number, weight: number): RoutedBackend => ({
  connection: { name, provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 1000 },
  model: 'gpt-4o',
  priority,
  weight,
});
/** Two backends sharing priority 0 by weight and a fallback: the weighted draw runs on every request. */
const BACKENDS = [backend('east', 0, 3), backend('west', 0, 1), backend('fallback', 1, 1)];
const signal = new AbortController().signal;
const answer = Promise.resolve('ok');
// One policy object per deployment, as the registry holds it.
const POLICIES = Object.fromEntries(
  (['priority', 'weighted', 'least-latency', 'least-busy'] as const).map((strategy) => [
    strategy,
    { ...DEFAULT_ROUTING_POLICY, strategy },
  ]),
) as Record<RoutingStrategy, typeof DEFAULT_ROUTING_POLICY>;

async function perCallUs(run: () => Promise<unknown>): Promise<number> {
  const medians: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let call = 0; call < CALLS; call += 1) await run();
    medians.push(((performance.now() - started) * 1000) / CALLS);
  }
  medians.sort((left, right) => left - right);
  return medians[Math.floor(medians.length / 2)]!;
}

const baseline = await perCallUs(() => answer.then((value) => value));
const rows: [string, number][] = [];
rows.push(['no breaker state (priority)', await perCallUs(() => routed('priority', undefined))]);
for (const strategy of ['priority', 'weighted', 'least-latency', 'least-busy'] as const) {
  const health = new DeploymentHealth(POLICIES[strategy], Date.now);
  rows.push([`breakers + ${strategy}`, await perCallUs(() => routed(strategy, health))]);
}

function routed(strategy: RoutingStrategy, health: DeploymentHealth | undefined): Promise<string> {
  return tryBackendsInOrder(
    BACKENDS,
    { defaultTimeoutMs: 1000, signal, policy: POLICIES[strategy], health },
    () => answer,
  );
}

console.log(`| configuration | µs per request | added over an awaited call |`);
console.log(`| --- | --- | --- |`);
console.log(`| awaited call alone | ${baseline.toFixed(2)} | — |`);
for (const [label, microseconds] of rows) {
  console.log(`| ${label} | ${microseconds.toFixed(2)} | +${(microseconds - baseline).toFixed(2)} |`);
}
console.log(`\n${CALLS.toLocaleString('en')} calls × ${ROUNDS} rounds (median round), Node ${process.version}`);
