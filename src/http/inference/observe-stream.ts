import type { ChatStreamEvent, GatewayError, Usage } from '../../spec/index.js';
import type { StreamUsageEstimator } from './estimate-stream-usage.js';

export interface StreamObservation {
  /** The vendor's usage; Hangar's count (`raw: null`) when the stream ended before the vendor reported it. */
  usage: Usage;
  /** Milliseconds from the request's start to the first generated token. */
  timeToFirstTokenMs: number | undefined;
  /** The upstream failed mid-stream. A client that went away is not an upstream failure. */
  error: GatewayError | undefined;
  /** Ran to its end (usage or error), rather than being abandoned by the client. */
  completed: boolean;
  /** A choice finished because the vendor's content filter stopped it. */
  contentFiltered: boolean;
}

/**
 * Passes events through unchanged while noting what metering needs; `onEnd` runs however the stream ends.
 * Vendors report usage only at the end, so a stream the client abandons, or one cut by the upstream, is
 * billed for what was generated: the text that went through is kept, and counted only when no usage came.
 */
export async function* observeStream(
  events: AsyncIterable<ChatStreamEvent>,
  estimateUsage: StreamUsageEstimator,
  startedAt: number,
  onEnd: (observation: StreamObservation) => void,
): AsyncGenerator<ChatStreamEvent> {
  let usage: Usage | undefined;
  let timeToFirstTokenMs: number | undefined;
  let error: GatewayError | undefined;
  let completed = false;
  let contentFiltered = false;
  const output: string[] = [];
  const reasoning: string[] = [];
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'text-delta':
        case 'refusal-delta':
          timeToFirstTokenMs ??= performance.now() - startedAt;
          output.push(event.delta);
          break;
        case 'reasoning-delta':
          timeToFirstTokenMs ??= performance.now() - startedAt;
          reasoning.push(event.delta);
          break;
        case 'tool-call-start':
          timeToFirstTokenMs ??= performance.now() - startedAt;
          output.push(event.name);
          break;
        case 'tool-call-delta':
          output.push(event.argumentsDelta);
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'error':
          if (event.error.code !== 'client_closed_request') error = event.error;
          break;
        case 'choice-finish':
          if (event.finishReason.unified === 'content_filter') contentFiltered = true;
          break;
        default:
          break;
      }
      yield event;
    }
    completed = error !== undefined || usage !== undefined;
  } finally {
    onEnd({
      usage: usage ?? estimateUsage({ output: output.join(''), reasoning: reasoning.join('') }),
      timeToFirstTokenMs,
      error,
      completed,
      contentFiltered,
    });
  }
}
