import { DEFAULT_ROUTING_POLICY, GatewayError, toGatewayError } from '../spec/index.js';
import type { BackendTarget, ProviderAdapter, RoutingPolicy, UpstreamAttemptObserver } from '../spec/index.js';
import { providerFor } from '../providers/index.js';
import type { BackendHealth, DeploymentHealth } from './backend-health.js';
import type { BackendOrder } from './order-backends.js';
import { orderForStrategy } from './order-for-strategy.js';
import { backoffDelayMs, canFailOver, canRetrySameBackend } from './retry-rules.js';
import { abortableDelay } from './abortable-delay.js';

export interface AttemptOptions {
  /** Applied to connections that do not set their own timeout. */
  defaultTimeoutMs: number;
  signal: AbortSignal;
  /** The in-process engine's adapter, when this server hosts models; `local` backends fail without it. */
  localProvider?: ProviderAdapter;
  /** Draws the weighted order and the backoff jitter; Math.random unless a test passes its own. */
  random?: () => number;
  /** Absent: DEFAULT_ROUTING_POLICY. */
  policy?: RoutingPolicy;
  /** The deployment's breakers, latencies and loads on this replica; absent: none are kept or read. */
  health?: DeploymentHealth;
  now?: () => number;
  /** Waits before a retry; tests pass their own to skip real time. */
  sleep?: (delayMs: number, signal: AbortSignal) => Promise<void>;
  /** Told about each attempt (metrics and trace spans in the http layer; see UpstreamAttemptObserver). */
  observer?: UpstreamAttemptObserver;
}

/** What an attempt may do besides answering. */
export interface AttemptLease {
  health: BackendHealth | undefined;
  /**
   * Keeps the backend counted as busy past the attempt (a stream still flowing): the returned function ends it.
   * Without it the backend stops counting as busy when the attempt settles.
   */
  hold(): () => void;
}

interface Track<Backend> {
  backend: Backend;
  health: BackendHealth | undefined;
  tries: number;
  /** Unix ms before which the upstream asked not to be called again (retry-after). */
  notBefore: number;
  /** No more tries of this backend for this request. */
  done: boolean;
}

/**
 * Tries a deployment's backends until one answers, within the policy's attempt budget (retries and failovers
 * together, so a failing fleet never sees a retry storm). The order comes from the deployment's strategy; backends
 * whose circuit is open are skipped unless every one is. A failure another backend could fix moves on at once to a
 * backend not tried yet; once every backend was tried, those whose failure may pass (408, 429, 5xx, connection
 * errors, timeouts) are tried again after a full-jitter backoff, or after the upstream's retry-after when longer
 * — unless that is beyond the cap, which ends that backend's tries. A request the upstream found malformed would
 * fail everywhere, so it is returned at once. Once a backend answered, its result is final: a stream is never
 * restarted.
 */
export async function tryBackendsInOrder<T>(
  backends: readonly (BackendTarget & BackendOrder)[],
  options: AttemptOptions,
  attempt: (
    provider: ProviderAdapter,
    backend: BackendTarget,
    attemptNumber: number,
    lease: AttemptLease,
  ) => Promise<T>,
): Promise<T> {
  if (backends.length === 0) {
    throw new GatewayError('upstream_unavailable', 'The deployment has no backends configured.');
  }
  const policy = options.policy ?? DEFAULT_ROUTING_POLICY;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableDelay;
  const { health, signal } = options;
  const tracks: Track<BackendTarget & BackendOrder>[] = orderForStrategy(backends, policy.strategy, health, random).map(
    (backend) => ({ backend, health: health?.of(backend), tries: 0, notBefore: 0, done: false }),
  );
  const deadline = policy.timeouts.totalMs > 0 ? now() + policy.timeouts.totalMs : Number.POSITIVE_INFINITY;

  let lastError: GatewayError | undefined;
  let attemptNumber = 0;
  let retries = 0;
  while (attemptNumber < policy.maxAttempts && !signal.aborted) {
    const open = tracks.filter((track) => !track.done);
    if (open.length === 0) break;
    const admitted = open.filter((track) => track.health?.breaker.refusing !== true);
    const track = chooseTrack(admitted.length > 0 ? admitted : open, now());
    if (track.tries > 0) {
      const retryAfterMs = Math.max(0, track.notBefore - now());
      if (retryAfterMs > policy.retryAfterCapMs) {
        track.done = true;
        continue;
      }
      const waitMs = Math.max(retryAfterMs, backoffDelayMs(retries, policy.backoffBaseMs, policy.backoffMaxMs, random));
      if (now() + waitMs >= deadline) break;
      retries += 1;
      if (waitMs > 0) await sleep(waitMs, signal);
      if (signal.aborted) break;
    }

    const breaker = track.health?.breaker;
    const admission = breaker?.admit();
    track.tries += 1;
    const id = track.backend.connection.provider;
    const provider = id === 'local' && options.localProvider !== undefined ? options.localProvider : providerFor(id);
    const backendHealth = track.health;
    let held = false;
    if (backendHealth !== undefined) backendHealth.inFlight += 1;
    const lease: AttemptLease = {
      health: backendHealth,
      hold: () => {
        held = true;
        let released = false;
        return () => {
          if (released || backendHealth === undefined) return;
          released = true;
          backendHealth.inFlight -= 1;
        };
      },
    };
    const startedAt = now();
    options.observer?.attemptStarted(track.backend, attemptNumber);
    try {
      const value = await attempt(
        provider,
        withTimeouts(track.backend, options.defaultTimeoutMs, policy),
        attemptNumber,
        lease,
      );
      breaker?.recordSuccess();
      backendHealth?.recordLatency(now() - startedAt);
      options.observer?.attemptEnded(track.backend, attemptNumber, undefined);
      return value;
    } catch (error) {
      const failure = toGatewayError(error);
      options.observer?.attemptEnded(track.backend, attemptNumber, failure);
      attemptNumber += 1;
      if (signal.aborted || failure.code === 'client_closed_request') {
        if (admission === 'probe') breaker?.releaseProbe();
        throw failure;
      }
      if (!canFailOver(failure)) {
        // The backend answered; the request was at fault.
        breaker?.recordSuccess();
        throw failure;
      }
      breaker?.recordFailure();
      lastError = failure;
      if (!canRetrySameBackend(failure)) track.done = true;
      else if (failure.retryAfterMs !== undefined) track.notBefore = now() + failure.retryAfterMs;
    } finally {
      if (!held && backendHealth !== undefined) backendHealth.inFlight -= 1;
    }
  }
  if (lastError !== undefined) throw lastError;
  throw new GatewayError('client_closed_request', 'The client closed the request.');
}

/**
 * A backend not tried yet comes first, in the strategy's order (failing over costs no wait). Among backends
 * already tried, the one the upstream lets us call soonest, then the one tried least.
 */
function chooseTrack<Backend>(tracks: Track<Backend>[], now: number): Track<Backend> {
  let best = tracks[0]!;
  for (const track of tracks) {
    if (best.tries === 0) break;
    if (track.tries === 0) {
      best = track;
      continue;
    }
    const readyAt = Math.max(track.notBefore, now);
    const bestReadyAt = Math.max(best.notBefore, now);
    if (readyAt < bestReadyAt || (readyAt === bestReadyAt && track.tries < best.tries)) best = track;
  }
  return best;
}

// The deployment's timeouts go on the connection the provider reads; completed targets are cached per backend
// and policy so the hot path allocates nothing.
const completed = new WeakMap<
  BackendTarget,
  { policy: RoutingPolicy; defaultTimeoutMs: number; target: BackendTarget }
>();

function withTimeouts(backend: BackendTarget, defaultTimeoutMs: number, policy: RoutingPolicy): BackendTarget {
  const known = completed.get(backend);
  if (known !== undefined && known.policy === policy && known.defaultTimeoutMs === defaultTimeoutMs) {
    return known.target;
  }
  const { timeouts } = policy;
  const target: BackendTarget = {
    model: backend.model,
    connection: {
      ...backend.connection,
      // Precedence: the deployment's first_byte_ms, the connection's timeout_ms, the server's default.
      timeoutMs: timeouts.firstByteMs ?? backend.connection.timeoutMs ?? defaultTimeoutMs,
      connectTimeoutMs: timeouts.connectMs,
      idleTimeoutMs: timeouts.idleMs,
    },
  };
  completed.set(backend, { policy, defaultTimeoutMs, target });
  return target;
}
