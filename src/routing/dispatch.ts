import type {
  BackendTarget,
  CallContext,
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  EmbeddingRequest,
  EmbeddingResult,
  ProviderAdapter,
} from '../spec/index.js';
import { tryBackendsInOrder } from './backend-attempts.js';

export interface Dispatched<T> {
  value: T;
  /** The backend that answered, for metering. */
  backend: BackendTarget;
  /** Which of the backends tried answered: 0 the first, 1 the first failover, … (the ledger's attempt). */
  attempt: number;
}

export interface DispatchOptions {
  backends: readonly BackendTarget[];
  defaultTimeoutMs: number;
  context: CallContext;
  localProvider?: ProviderAdapter;
}

export function dispatchChat(request: ChatRequest, options: DispatchOptions): Promise<Dispatched<ChatResult>> {
  return tryBackendsInOrder(options.backends, attemptOptions(options), async (provider, backend, attempt) => ({
    value: await provider.chat(request, backend, options.context),
    backend,
    attempt,
  }));
}

export function dispatchChatStream(
  request: ChatRequest,
  options: DispatchOptions,
): Promise<Dispatched<AsyncIterable<ChatStreamEvent>>> {
  return tryBackendsInOrder(options.backends, attemptOptions(options), async (provider, backend, attempt) => ({
    value: await provider.streamChat(request, backend, options.context),
    backend,
    attempt,
  }));
}

export function dispatchEmbeddings(
  request: EmbeddingRequest,
  options: DispatchOptions,
): Promise<Dispatched<EmbeddingResult>> {
  return tryBackendsInOrder(options.backends, attemptOptions(options), async (provider, backend, attempt) => ({
    value: await provider.embed(request, backend, options.context),
    backend,
    attempt,
  }));
}

function attemptOptions(options: DispatchOptions) {
  return {
    defaultTimeoutMs: options.defaultTimeoutMs,
    signal: options.context.signal,
    localProvider: options.localProvider,
  };
}
