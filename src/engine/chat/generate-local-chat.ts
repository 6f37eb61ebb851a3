import { randomUUID } from 'node:crypto';
import type { LlamaContextSequence } from 'node-llama-cpp';
import { GatewayError } from '../../spec/index.js';
import type { ChatStreamEvent } from '../../spec/index.js';
import { EventQueue } from './event-queue.js';
import { LocalAnswer } from './local-answer.js';
import { LocalChatMeter } from './local-chat-meter.js';
import { planOf, type LocalChatPlan, type PreparedLocalChat } from './prepared-local-chat.js';
import { runLlamaChat, type LocalChatOutcome } from './run-llama-chat.js';

/**
 * Runs a prepared request on a leased sequence and streams it: response metadata, text (and thought)
 * deltas token by token, tool calls, the finish, then usage. Failures after the start arrive as an `error`
 * event; the iterator itself never throws.
 *
 * Aborting `signal` stops generation at once: the stream finishes with raw reason "abort" and usage for
 * what was computed. Leaving the iterator early aborts too. Either way the generator returns only once
 * llama.cpp has let go of the sequence, so the slot can be released straight after.
 */
export function generateLocalChat(
  prepared: PreparedLocalChat,
  sequence: LlamaContextSequence,
  signal: AbortSignal,
): AsyncIterable<ChatStreamEvent> {
  return streamLocalChat(planOf(prepared), sequence, signal);
}

async function* streamLocalChat(
  plan: LocalChatPlan,
  sequence: LlamaContextSequence,
  signal: AbortSignal,
): AsyncGenerator<ChatStreamEvent> {
  const stop = new AbortController();
  const forward = (): void => stop.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  const queue = new EventQueue<ChatStreamEvent>();
  let generation: Promise<void> | undefined;
  try {
    yield {
      type: 'response-metadata',
      id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
      created: Math.floor(Date.now() / 1000),
      upstreamModel: plan.model.name,
    };
    generation = generate(plan, sequence, stop.signal, queue);
    for await (const event of queue) yield event;
  } finally {
    signal.removeEventListener('abort', forward);
    stop.abort();
    await generation;
  }
}

/** Pushes the run's events into the queue and closes it; never rejects. */
async function generate(
  plan: LocalChatPlan,
  sequence: LlamaContextSequence,
  signal: AbortSignal,
  queue: EventQueue<ChatStreamEvent>,
): Promise<void> {
  const meter = new LocalChatMeter(sequence);
  const answer = new LocalAnswer(
    plan.mode,
    plan.model.name,
    (event) => queue.push(event),
    () => meter.markOutput(),
  );
  try {
    // Each request starts from an empty sequence: usage then counts its whole prompt, and no request can
    // see what another one left in the slot.
    await sequence.clearHistory();
    meter.start();
    let outcome: LocalChatOutcome;
    try {
      outcome = await runLlamaChat(plan, sequence, signal, answer);
    } catch (error) {
      // Aborted before the first token: node-llama-cpp throws instead of returning what it has.
      if (!signal.aborted) throw error;
      outcome = { stopReason: 'abort', text: '', functionCalls: [] };
    }
    meter.stop();
    if (answer.finish(outcome)) queue.push({ type: 'usage', usage: meter.usage(answer.reasoningTokens) });
  } catch (error) {
    queue.push({
      type: 'error',
      error: new GatewayError(
        'upstream_error',
        `The local model ${plan.model.name} failed while generating: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      ),
    });
  } finally {
    queue.close();
  }
}
