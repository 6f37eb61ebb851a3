import type { UpstreamResponse } from '../../kit/index.js';

/**
 * Wraps a generator that reads an upstream body so that a consumer leaving early (`break`, `return()`)
 * destroys the body at once: the socket closes, the upstream sees the disconnect and stops generating.
 * A generator's own `finally` would not run if `return()` came before the first `next()`.
 */
export function cancellableStream<T>(
  body: UpstreamResponse['body'],
  events: AsyncGenerator<T, void, undefined>,
): AsyncIterable<T> {
  const iterator: AsyncIterator<T, void, undefined> = {
    next: () => events.next(),
    return: async () => {
      body.destroy();
      return events.return(undefined);
    },
    throw: async (error: unknown) => {
      body.destroy();
      return events.throw(error);
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
