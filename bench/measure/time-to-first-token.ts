import { decodeSse } from '../../src/kit/index.js';
import type { Target, TargetName } from '../targets.js';
import { chatBody } from '../targets.js';
import { WrongAnswerError, deltaContent } from './check-answer.js';
import type { SequentialClients } from './http-clients.js';
import type { RoundPercentiles } from './sequential-latency.js';
import { elapsedMs, percentile, shuffled } from './statistics.js';

export interface StreamTimes {
  firstTokenMs: number;
  totalMs: number;
}

/**
 * One streamed request: time to the first `data:` frame whose delta has content, then read to the end and
 * check the stream finished with `[DONE]` and carried text.
 */
async function timeStream(clients: SequentialClients, target: Target, body: string): Promise<StreamTimes> {
  const startedAt = process.hrtime.bigint();
  const response = await clients.pool(target).request({
    path: new URL(target.url).pathname,
    method: 'POST',
    headers: target.headers,
    body,
  });
  if (response.statusCode !== 200) {
    throw new WrongAnswerError(target.name, `stream status ${response.statusCode}`, await response.body.text());
  }
  let firstTokenMs: number | undefined;
  let content = '';
  let done = false;
  for await (const event of decodeSse(response.body)) {
    if (event.data === '[DONE]') {
      done = true;
      continue;
    }
    const piece = deltaContent(event.data);
    if (piece !== '' && firstTokenMs === undefined) firstTokenMs = elapsedMs(startedAt);
    content += piece;
  }
  const totalMs = elapsedMs(startedAt);
  if (firstTokenMs === undefined || content === '')
    throw new WrongAnswerError(target.name, 'stream had no content', content);
  if (!done) throw new WrongAnswerError(target.name, 'stream ended without [DONE]', content);
  return { firstTokenMs, totalMs };
}

export interface StreamRound {
  firstToken: RoundPercentiles;
  total: RoundPercentiles;
}

/** Sequential streamed requests, interleaved like the latency phase. */
export async function measureTimeToFirstToken(
  targets: readonly Target[],
  clients: SequentialClients,
  options: { rounds: number; requestsPerRound: number; warmupRequests: number },
): Promise<Map<TargetName, StreamRound[]>> {
  const body = chatBody(true);
  for (const target of targets) {
    for (let index = 0; index < options.warmupRequests; index += 1) await timeStream(clients, target, body);
  }
  const rounds = new Map<TargetName, StreamRound[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const target of shuffled(targets)) {
      const samples: StreamTimes[] = [];
      for (let index = 0; index < options.requestsPerRound; index += 1) {
        samples.push(await timeStream(clients, target, body));
      }
      const firstToken = samples.map((sample) => sample.firstTokenMs);
      const total = samples.map((sample) => sample.totalMs);
      rounds.get(target.name)!.push({
        firstToken: { p50: percentile(firstToken, 50), p99: percentile(firstToken, 99) },
        total: { p50: percentile(total, 50), p99: percentile(total, 99) },
      });
    }
  }
  return rounds;
}
