import { EMPTY_USAGE, type ChatStreamEvent, type GatewayError, type Usage } from '../../spec/index.js';

export interface StreamObservation {
  usage: Usage;
  /** Milliseconds from the request's start to the first generated token. */
  timeToFirstTokenMs: number | undefined;
  error: GatewayError | undefined;
  /** The stream ran to its end (usage or error), rather than being abandoned by the client. */
  completed: boolean;
}

/** Passes events through unchanged while noting what metering needs; `onEnd` runs however the stream ends. */
export async function* observeStream(
  events: AsyncIterable<ChatStreamEvent>,
  startedAt: number,
  onEnd: (observation: StreamObservation) => void,
): AsyncGenerator<ChatStreamEvent> {
  const observation: StreamObservation = {
    usage: EMPTY_USAGE,
    timeToFirstTokenMs: undefined,
    error: undefined,
    completed: false,
  };
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'text-delta':
        case 'reasoning-delta':
        case 'refusal-delta':
        case 'tool-call-start':
          observation.timeToFirstTokenMs ??= performance.now() - startedAt;
          break;
        case 'usage':
          observation.usage = event.usage;
          break;
        case 'error':
          observation.error = event.error;
          break;
        default:
          break;
      }
      yield event;
    }
    observation.completed = true;
  } finally {
    onEnd(observation);
  }
}
