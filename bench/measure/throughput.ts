import autocannon from 'autocannon';
import type { Target } from '../targets.js';
import { chatBody } from '../targets.js';
import { looksLikeChatCompletion } from './check-answer.js';
import { readCpuMs } from './process-stats.js';

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
}

/** Closed-loop load: `connections` keep-alive connections, each sending its next request as soon as it has an answer. */
export async function measureThroughput(
  target: Target,
  options: { connections: number; durationSeconds: number; warmupSeconds: number },
): Promise<ThroughputResult> {
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
  const startedAt = performance.now();
  const result = await autocannon({ ...base, duration: options.durationSeconds, verifyBody: looksLikeChatCompletion });
  const seconds = (performance.now() - startedAt) / 1000;
  const cpuAfter = readCpuMs(target.pid);

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
  };
}
