import { GatewayError, toGatewayError } from '../spec/index.js';
import type { BackendTarget, ProviderAdapter } from '../spec/index.js';
import { providerFor } from '../providers/index.js';
import { orderBackends, type BackendOrder } from './order-backends.js';

export interface AttemptOptions {
  /** Applied to connections that do not set their own timeout. */
  defaultTimeoutMs: number;
  signal: AbortSignal;
  /** The in-process engine's adapter, when this server hosts models; `local` backends fail without it. */
  localProvider?: ProviderAdapter;
  /** Draws the weighted order of backends of equal priority; Math.random unless a test passes its own. */
  random?: () => number;
}

/**
 * Tries a deployment's backends until one answers: by priority, and those of one priority in a weighted random
 * order drawn for this request (see orderBackends); backends without a priority keep their order. Only failures
 * another backend could fix move on (429, 5xx, timeouts, dropped connections); a request the upstream found
 * malformed would fail everywhere, so it is returned at once. Once a backend answered, its result is final: a
 * stream is never restarted.
 */
export async function tryBackendsInOrder<T>(
  backends: readonly (BackendTarget & BackendOrder)[],
  options: AttemptOptions,
  attempt: (provider: ProviderAdapter, backend: BackendTarget, attemptNumber: number) => Promise<T>,
): Promise<T> {
  if (backends.length === 0) {
    throw new GatewayError('upstream_unavailable', 'The deployment has no backends configured.');
  }
  let lastError: GatewayError | undefined;
  let attemptNumber = 0;
  for (const backend of orderBackends(backends, options.random)) {
    if (options.signal.aborted) break;
    const id = backend.connection.provider;
    const provider = id === 'local' && options.localProvider !== undefined ? options.localProvider : providerFor(id);
    try {
      return await attempt(provider, withDefaultTimeout(backend, options.defaultTimeoutMs), attemptNumber);
    } catch (error) {
      attemptNumber += 1;
      lastError = toGatewayError(error);
      if (!lastError.isRetryableUpstream) throw lastError;
    }
  }
  throw lastError ?? new GatewayError('client_closed_request', 'The client closed the request.');
}

// A connection without its own timeout uses the server's; the completed target is cached per backend.
const completed = new WeakMap<BackendTarget, BackendTarget>();

function withDefaultTimeout(backend: BackendTarget, defaultTimeoutMs: number): BackendTarget {
  if (backend.connection.timeoutMs !== undefined) return backend;
  const known = completed.get(backend);
  if (known !== undefined) return known;
  const result: BackendTarget = {
    model: backend.model,
    connection: { ...backend.connection, timeoutMs: defaultTimeoutMs },
  };
  completed.set(backend, result);
  return result;
}
