import { setTimeout as sleep } from 'node:timers/promises';
import { filterChatStream, type StreamFilterState } from '../../src/safety/enforce/filter-chat-stream.js';
import { inspectCompletion } from '../../src/safety/enforce/inspect-completion.js';
import type { ResolvedPolicy } from '../../src/safety/policy/resolved-policy.js';
import type { ChatStreamEvent } from '../../src/spec/index.js';
import { median } from '../measure/statistics.js';

/** How generated text is held: Hangar's `content_safety.stream_window_chars` and `stream_max_delay_ms`. */
export interface WindowSetting {
  windowChars: number;
  maxDelayMs: number;
}

/** What one stream showed: the delay each token gained between generation and the consumer. */
export interface WindowDelayRun {
  /** Per token, received − generated, in ms; a token counts as received with its last character. */
  delaysMs: number[];
  /** Windows graded (annotation events), and the generated characters they covered. */
  windows: number;
  gradedChars: number;
}

const USAGE_EVENT: ChatStreamEvent = {
  type: 'usage',
  usage: { input: 1, cachedInput: 0, cacheWriteInput: 0, output: 1, reasoning: 0, raw: null },
};

/**
 * A model generating `tokens` at a fixed pace from `startAt` (performance.now() time): token i is due at
 * startAt + i × intervalMs, whatever the consumer did meanwhile, and the time it was actually handed over is noted.
 * The finish follows the last token at once, as real upstreams send it.
 */
async function* pacedUpstream(
  tokens: readonly string[],
  startAt: number,
  intervalMs: number,
  generatedAt: number[],
): AsyncGenerator<ChatStreamEvent> {
  for (const [index, token] of tokens.entries()) {
    const wait = startAt + index * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    generatedAt[index] = performance.now();
    yield { type: 'text-delta', choice: 0, delta: token };
  }
  yield { type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop' } };
  yield USAGE_EVENT;
}

/**
 * One stream of `tokens` at `intervalMs` per token, read by a consumer that notes when each token's last
 * character reached it: through `filterChatStream` with `window`, or straight from the upstream when it is
 * undefined (the pass-through baseline). Throws if the filter cut the stream or changed its text.
 */
export async function measureWindowDelay(
  tokens: readonly string[],
  startAt: number,
  intervalMs: number,
  resolved: ResolvedPolicy,
  window: WindowSetting | undefined,
): Promise<WindowDelayRun> {
  const generatedAt: number[] = [];
  const upstream = pacedUpstream(tokens, startAt, intervalMs, generatedAt);
  const state: StreamFilterState = { filtered: false };
  const events =
    window === undefined ? upstream : filterChatStream(upstream, resolved, { ...window, choices: 1 }, state);
  const tokenEnds: number[] = [];
  let end = 0;
  for (const token of tokens) tokenEnds.push((end += token.length));

  const receivedAt: number[] = [];
  let receivedChars = 0;
  let text = '';
  let windows = 0;
  let gradedChars = 0;
  for await (const event of events) {
    if (event.type === 'text-delta') {
      const now = performance.now();
      receivedChars += event.delta.length;
      text += event.delta;
      while (receivedAt.length < tokenEnds.length && tokenEnds[receivedAt.length]! <= receivedChars) {
        receivedAt.push(now);
      }
    } else if (event.type === 'content-filter') {
      windows += 1;
      gradedChars += event.offsets.endOffset - event.offsets.startOffset;
    } else if (event.type === 'choice-finish' && event.finishReason.unified !== 'stop') {
      throw new Error(`the filter ended the stream (${event.finishReason.unified}); pick text it lets through`);
    }
  }
  if (state.filtered || text !== tokens.join('')) throw new Error('the filter changed the generated text');
  return { delaysMs: receivedAt.map((at, index) => at - generatedAt[index]!), windows, gradedChars };
}

/**
 * CPU time of grading one window as the stream filter does (`inspectCompletion`: the analyzer's four categories,
 * plus the policy's blocklists and personal data, with 64 characters of released context), in µs: the median over
 * rounds of the mean over different texts of `chars` characters.
 */
export async function gradingMicrosecondsPerWindow(
  resolved: ResolvedPolicy,
  corpus: string,
  chars: number,
  rounds: number,
): Promise<number> {
  const contextChars = 64;
  const count = 200;
  const stride = Math.floor((corpus.length - chars - contextChars) / count);
  const windows = Array.from({ length: count }, (_, index) => {
    const at = index * stride;
    return {
      context: corpus.slice(at, at + contextChars),
      text: corpus.slice(at + contextChars, at + contextChars + chars),
    };
  });
  const perRound: number[] = [];
  // The first two rounds warm the JIT and are not counted.
  for (let round = 0; round < rounds + 2; round += 1) {
    const startedAt = process.hrtime.bigint();
    for (const window of windows) await inspectCompletion(window.text, resolved, window.context);
    const elapsedNs = Number(process.hrtime.bigint() - startedAt);
    if (round >= 2) perRound.push(elapsedNs / 1000 / windows.length);
  }
  return median(perRound);
}
