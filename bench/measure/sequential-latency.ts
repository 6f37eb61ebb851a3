import type { Target, TargetName } from '../targets.js';
import { chatBody } from '../targets.js';
import { checkChatCompletion } from './check-answer.js';
import type { SequentialClients } from './http-clients.js';
import { elapsedMs, percentile, shuffled } from './statistics.js';

export interface RoundPercentiles {
  p50: number;
  p99: number;
}

export interface SequentialOptions {
  rounds: number;
  requestsPerRound: number;
  warmupRequests: number;
}

/** One non-streamed request, timed from send to the last body byte; the answer is checked after the clock stops. */
async function timeChatCompletion(clients: SequentialClients, target: Target, body: string): Promise<number> {
  const startedAt = process.hrtime.bigint();
  const response = await clients.pool(target).request({
    path: new URL(target.url).pathname,
    method: 'POST',
    headers: target.headers,
    body,
  });
  const text = await response.body.text();
  const took = elapsedMs(startedAt);
  checkChatCompletion(target.name, response.statusCode, text);
  return took;
}

/**
 * Sequential non-streamed latency: after a warm-up, `rounds` rounds of `requestsPerRound` requests per target,
 * the targets in a new random order each round. Returns each target's p50 and p99 per round.
 */
export async function measureSequentialLatency(
  targets: readonly Target[],
  clients: SequentialClients,
  options: SequentialOptions,
): Promise<Map<TargetName, RoundPercentiles[]>> {
  const body = chatBody(false);
  for (const target of targets) {
    for (let index = 0; index < options.warmupRequests; index += 1) await timeChatCompletion(clients, target, body);
  }
  const rounds = new Map<TargetName, RoundPercentiles[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const target of shuffled(targets)) {
      const samples: number[] = [];
      for (let index = 0; index < options.requestsPerRound; index += 1) {
        samples.push(await timeChatCompletion(clients, target, body));
      }
      rounds.get(target.name)!.push({ p50: percentile(samples, 50), p99: percentile(samples, 99) });
    }
  }
  return rounds;
}
