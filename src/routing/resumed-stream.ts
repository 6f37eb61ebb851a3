import { GatewayError, toGatewayError, type ChatStreamEvent } from '../spec/index.js';

export interface ResumedStreamHooks {
  /** Rewrites an error (a deadline's abort becomes a timeout). */
  explain(error: unknown): unknown;
  /** Called once when the stream ends: completed (undefined), failed (the error), or abandoned by the consumer. */
  finish(error: GatewayError | undefined): void;
}

/**
 * The stream a dispatch hands on after reading its first event: that event again, then the rest. An explicit
 * iterator rather than a generator, so a consumer that leaves before reading anything still closes the upstream.
 */
export function resumedStream(
  first: ChatStreamEvent | undefined,
  upstream: AsyncIterator<ChatStreamEvent>,
  hooks: ResumedStreamHooks,
): AsyncIterable<ChatStreamEvent> {
  let pending = first;
  let finished = false;
  const end = (error?: GatewayError) => {
    if (finished) return;
    finished = true;
    hooks.finish(error);
  };
  const deliver = (event: ChatStreamEvent): IteratorResult<ChatStreamEvent, undefined> => {
    if (event.type !== 'error') return { done: false, value: event };
    const error = toGatewayError(hooks.explain(event.error));
    end(error);
    return { done: false, value: error === event.error ? event : { type: 'error', error } };
  };
  const iterator: AsyncIterator<ChatStreamEvent, undefined> = {
    next: async () => {
      if (pending !== undefined) {
        const event = pending;
        pending = undefined;
        return deliver(event);
      }
      try {
        const result = await upstream.next();
        if (result.done === true) {
          end();
          return { done: true, value: undefined };
        }
        return deliver(result.value);
      } catch (error) {
        const explained = toGatewayError(hooks.explain(error));
        end(explained);
        throw explained;
      }
    },
    return: async () => {
      end();
      await upstream.return?.();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      end();
      await upstream.return?.();
      throw error;
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
