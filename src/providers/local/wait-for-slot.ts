import { GatewayError } from '../../spec/index.js';

/**
 * Waits in a model's queue for at most the connection's timeout (the time a vendor gets to start answering),
 * so a request stuck behind long generations fails over to the deployment's next backend instead of waiting
 * without end. A client that leaves stops the wait at once, as before.
 */
export async function waitForSlot<T>(
  acquire: (signal: AbortSignal) => Promise<T>,
  clientSignal: AbortSignal,
  timeoutMs: number | undefined,
): Promise<T> {
  if (timeoutMs === undefined) return acquire(clientSignal);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    return await acquire(AbortSignal.any([clientSignal, timeout.signal]));
  } catch (error) {
    if (!timeout.signal.aborted || clientSignal.aborted) throw error;
    throw new GatewayError(
      'upstream_timeout',
      `No slot of the local model came free within ${timeoutMs} ms (the connection's timeout); ` +
        "raise the model's parallel or the connection's timeout_ms, or add a backend.",
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
