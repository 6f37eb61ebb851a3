import { GatewayError } from '../spec/index.js';
import type {
  BackendTarget,
  CallContext,
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  EmbeddingRequest,
  EmbeddingResult,
  ProviderAdapter,
  RoutingPolicy,
} from '../spec/index.js';
import { tryBackendsInOrder, type AttemptOptions } from './backend-attempts.js';
import type { DeploymentHealth } from './backend-health.js';
import type { BackendOrder } from './order-backends.js';
import { canFailOver } from './retry-rules.js';
import { resumedStream } from './resumed-stream.js';

export interface Dispatched<T> {
  value: T;
  /** The backend that answered, for metering. */
  backend: BackendTarget;
  /** Which of the attempts answered: 0 the first, 1 the first retry or failover, … (the ledger's attempt). */
  attempt: number;
}

export interface DispatchOptions {
  backends: readonly (BackendTarget & BackendOrder)[];
  defaultTimeoutMs: number;
  context: CallContext;
  localProvider?: ProviderAdapter;
  /** The deployment's routing policy; absent: the defaults. */
  policy?: RoutingPolicy;
  /** The deployment's backend health on this replica (RoutingState.deployment); absent: no breakers. */
  health?: DeploymentHealth;
  /** For tests: the random source, clock and wait of the attempt loop. */
  random?: () => number;
  now?: () => number;
  sleep?: (delayMs: number, signal: AbortSignal) => Promise<void>;
}

export function dispatchChat(request: ChatRequest, options: DispatchOptions): Promise<Dispatched<ChatResult>> {
  return dispatchOnce(options, (provider, backend, context) => provider.chat(request, backend, context));
}

/**
 * Resolves once a backend's stream produced its first event, so a backend that fails before anything reached
 * the client (an error status, a reset, a stream that breaks at once) is failed over like any other failure.
 * From the first event on, the stream is the client's: a later failure ends it with an error event.
 */
export async function dispatchChatStream(
  request: ChatRequest,
  options: DispatchOptions,
): Promise<Dispatched<AsyncIterable<ChatStreamEvent>>> {
  const deadline = startDeadline(options);
  try {
    return await tryBackendsInOrder(
      options.backends,
      attemptOptions(options, deadline.context.signal),
      async (provider, backend, attempt, lease) => {
        const events = await provider.streamChat(request, backend, deadline.context);
        const iterator = events[Symbol.asyncIterator]();
        let first: IteratorResult<ChatStreamEvent>;
        try {
          first = await iterator.next();
        } catch (error) {
          await closeQuietly(iterator);
          throw error;
        }
        if (!first.done && first.value.type === 'error' && canFailOver(first.value.error)) {
          await closeQuietly(iterator);
          throw first.value.error;
        }
        const release = lease.hold();
        const value = resumedStream(first.done ? undefined : first.value, iterator, {
          explain: (error) => deadline.explain(error),
          finish: (error) => {
            deadline.clear();
            release();
            if (error !== undefined && canFailOver(error)) lease.health?.breaker.recordFailure();
          },
        });
        return { value, backend, attempt };
      },
    );
  } catch (error) {
    deadline.clear();
    throw deadline.explain(error);
  }
}

export function dispatchEmbeddings(
  request: EmbeddingRequest,
  options: DispatchOptions,
): Promise<Dispatched<EmbeddingResult>> {
  return dispatchOnce(options, (provider, backend, context) => provider.embed(request, backend, context));
}

/** A call with one answer (not a stream): tried across the backends under one deadline. */
async function dispatchOnce<Value>(
  options: DispatchOptions,
  call: (provider: ProviderAdapter, backend: BackendTarget, context: CallContext) => Promise<Value>,
): Promise<Dispatched<Value>> {
  const deadline = startDeadline(options);
  try {
    return await tryBackendsInOrder(
      options.backends,
      attemptOptions(options, deadline.context.signal),
      async (provider, backend, attempt) => ({
        value: await call(provider, backend, deadline.context),
        backend,
        attempt,
      }),
    );
  } catch (error) {
    throw deadline.explain(error);
  } finally {
    deadline.clear();
  }
}

function attemptOptions(options: DispatchOptions, signal: AbortSignal): AttemptOptions {
  return {
    defaultTimeoutMs: options.defaultTimeoutMs,
    signal,
    localProvider: options.localProvider,
    policy: options.policy,
    health: options.health,
    random: options.random,
    now: options.now,
    sleep: options.sleep,
    observer: options.context.upstreamObserver,
  };
}

interface Deadline {
  /** The call context whose signal also aborts when the total deadline passes. */
  context: CallContext;
  /** An abort caused by the deadline becomes a 504 that says so; anything else passes unchanged. */
  explain(error: unknown): unknown;
  clear(): void;
}

/** The deployment's total timeout, over attempts, backoff and the streamed body; none when it is 0. */
function startDeadline(options: DispatchOptions): Deadline {
  const totalMs = options.policy?.timeouts.totalMs ?? 0;
  if (totalMs <= 0) return { context: options.context, explain: (error) => error, clear: () => undefined };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, totalMs);
  return {
    context: { ...options.context, signal: AbortSignal.any([options.context.signal, controller.signal]) },
    explain: (error) =>
      timedOut && !options.context.signal.aborted
        ? new GatewayError(
            'upstream_timeout',
            `The deployment did not answer within its total timeout (${totalMs} ms).`,
            {
              cause: error,
              upstream: { providerId: 'routing' },
            },
          )
        : error,
    clear: () => clearTimeout(timer),
  };
}

async function closeQuietly(iterator: AsyncIterator<ChatStreamEvent>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // The failure being reported is the one that matters.
  }
}
