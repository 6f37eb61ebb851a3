// What recording a request's metrics costs on the request path (src/telemetry/), in nanoseconds per request:
// the calls the inference routes make for one answered chat with one upstream attempt, traces off.
//   node --import tsx bench/telemetry/run-telemetry-bench.ts [--quick]
import { cpus } from 'node:os';
import { EMPTY_USAGE, type BackendTarget, type Usage } from '../../src/spec/index.js';
import { createGatewayMetrics, RequestTelemetry } from '../../src/telemetry/index.js';
import { percentile } from '../measure/statistics.js';

const quick = process.argv.includes('--quick');
const BLOCK = 10_000;
const ROUNDS = quick ? 20 : 200;
const DEPLOYMENTS = 20;
const DIALECTS = ['openai', 'anthropic', 'azure-openai', 'azure-inference'];

const backend: BackendTarget = {
  model: 'gpt-4o',
  connection: { name: 'openai', provider: 'openai', baseUrl: 'https://api.openai.com/v1' },
};
const usage: Usage = { ...EMPTY_USAGE, input: 812, cachedInput: 128, output: 240 };
const targets = Array.from({ length: DEPLOYMENTS }, (_, index) => ({
  id: `dep_${index}`,
  name: `deployment-${index}`,
  projectName: `project-${index % 4}`,
  model: 'gpt-4o',
}));

const metrics = createGatewayMetrics();

/** One request as the routes record it: start, deployment resolved, one attempt, answered (streamed). */
function oneRequest(index: number): void {
  const telemetry = new RequestTelemetry(
    metrics,
    undefined,
    DIALECTS[index % DIALECTS.length]!,
    'chat',
    performance.now(),
    'req_bench',
    undefined,
  );
  telemetry.deploymentResolved(targets[index % DEPLOYMENTS]!);
  telemetry.attemptStarted(backend, 0);
  telemetry.attemptEnded(backend, 0, undefined);
  telemetry.answered(backend, 'ok', usage, 120);
  telemetry.close();
}

/** The same calls' fixed cost without metrics: the object and the clock reads. */
function baseline(index: number): void {
  const telemetry = new RequestTelemetry(undefined, undefined, 'openai', 'chat', performance.now(), 'req', undefined);
  telemetry.deploymentResolved(targets[index % DEPLOYMENTS]!);
  telemetry.attemptStarted(backend, 0);
  telemetry.attemptEnded(backend, 0, undefined);
  telemetry.answered(backend, 'ok', usage, 120);
}

function measure(run: (index: number) => void): { p50: number; p99: number } {
  for (let index = 0; index < BLOCK * 20; index += 1) run(index); // warm-up: V8 optimises the path
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < BLOCK; index += 1) run(index);
    perCall.push(Number(process.hrtime.bigint() - start) / BLOCK);
  }
  return { p50: percentile(perCall, 50), p99: percentile(perCall, 99) };
}

const full = measure(oneRequest);
const without = measure(baseline);
const renderStart = process.hrtime.bigint();
const page = metrics.render();
const renderMs = Number(process.hrtime.bigint() - renderStart) / 1e6;

console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`);
console.log(`blocks of ${BLOCK} requests × ${ROUNDS} rounds; ${DEPLOYMENTS} deployments × ${DIALECTS.length} dialects`);
console.log(`metrics on  (per request): p50 ${full.p50.toFixed(0)} ns, p99 ${full.p99.toFixed(0)} ns`);
console.log(`metrics off (per request): p50 ${without.p50.toFixed(0)} ns, p99 ${without.p99.toFixed(0)} ns`);
console.log(`added by recording: p50 ${(full.p50 - without.p50).toFixed(0)} ns`);
console.log(
  `GET /metrics render: ${renderMs.toFixed(2)} ms for ${page.length} bytes (${page.split('\n').length} lines)`,
);
