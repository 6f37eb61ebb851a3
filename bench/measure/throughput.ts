import autocannon from 'autocannon';
import type { Target } from '../targets.js';
import { chatBody } from '../targets.js';
import { looksLikeChatCompletion } from './check-answer.js';
import { readCpuMs, sampleMachineBusyShare, startForeignCpuWatch } from './process-stats.js';

export interface ThroughputResult {
  requestsPerSecond: number;
  completed: number;
  /** Answers that were not 2xx, did not carry content, failed or timed out: any of them voids the figure. */
  failures: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** CPU the serving process used during the run, as a share of one core. */
  cpuShareOfCore: number | undefined;
  /** CPU time per successful request: cost independent of which side was the bottleneck. */
  cpuMicrosecondsPerRequest: number | undefined;
  /** Share of the machine's CPU used by anything but the bench during the run (noise). */
  foreignCpuShare: number | undefined;
  /** How many runs it took to get one with little other work on the machine. */
  attempts: number;
}

export interface ThroughputOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** The bench's own processes, so their CPU is not counted as noise. */
  ownPids: () => readonly number[];
}

/** Closed-loop load: `connections` keep-alive connections, each sending its next request as soon as it has an answer. */
export async function measureThroughput(target: Target, options: ThroughputOptions): Promise<ThroughputResult> {
  const base = {
    url: target.url,
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: chatBody(false),
    connections: options.connections,
    timeout: 10,
  };
  if (options.warmupSeconds > 0) await autocannon({ ...base, duration: options.warmupSeconds });
  const cpuBefore = readCpuMs(target.pid);
  const foreignCpuShare = startForeignCpuWatch(options.ownPids);
  const startedAt = performance.now();
  const result = await autocannon({ ...base, duration: options.durationSeconds, verifyBody: looksLikeChatCompletion });
  const seconds = (performance.now() - startedAt) / 1000;
  const cpuAfter = readCpuMs(target.pid);
  const foreign = foreignCpuShare();

  const succeeded = result['2xx'] - result.mismatches;
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return {
    requestsPerSecond: succeeded / seconds,
    completed: succeeded,
    failures: result.non2xx + result.mismatches + result.errors + result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    cpuShareOfCore: cpuMs === undefined ? undefined : cpuMs / (seconds * 1000),
    cpuMicrosecondsPerRequest: cpuMs === undefined || succeeded === 0 ? undefined : (cpuMs * 1000) / succeeded,
    foreignCpuShare: foreign,
    attempts: 1,
  };
}

/** Other work above this share of the machine's CPU makes a throughput run worth repeating. */
const NOISY_SHARE = 0.1;

/**
 * On a shared machine, repeats a run that other work disturbed (up to `attempts` times, waiting up to 10 s
 * for a quiet moment before each retry) and keeps the least disturbed one.
 */
export async function measureThroughputPatiently(
  target: Target,
  options: ThroughputOptions,
  attempts: number,
): Promise<ThroughputResult> {
  let best: ThroughputResult | undefined;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) {
      for (let waited = 0; waited < 10; waited += 1) {
        const busy = await sampleMachineBusyShare(1000);
        if (busy === undefined || busy < NOISY_SHARE) break;
      }
    }
    const result = await measureThroughput(target, options);
    if (best === undefined || (result.foreignCpuShare ?? 0) < (best.foreignCpuShare ?? 0)) best = result;
    best.attempts = attempt;
    if ((result.foreignCpuShare ?? 0) < NOISY_SHARE) break;
  }
  return best!;
}
