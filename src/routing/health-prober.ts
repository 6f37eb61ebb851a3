import { toGatewayError } from '../spec/index.js';
import type { BackendTarget, ProviderAdapter, RoutingPolicy } from '../spec/index.js';
import { providerFor } from '../providers/index.js';
import type { RoutingState } from './routing-state.js';

/** A probe waits this long for an answer when the deployment names no first-byte timeout. */
const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
/** How often the prober looks for deployments due; each probes at its own interval, at least a second. */
const DEFAULT_TICK_MS = 1_000;

/** What the prober needs of a deployment (a ResolvedDeployment fits). */
export interface ProbedDeployment {
  id: string;
  backends: readonly BackendTarget[];
  /** Absent, or without healthProbe: never probed. */
  routing?: RoutingPolicy;
}

export interface HealthProberOptions {
  routing: RoutingState;
  /** Every deployment of every project, read afresh on each tick so added and edited ones are picked up. */
  listDeployments: () => Promise<readonly ProbedDeployment[]>;
  /** The in-process engine's adapter; `local` backends are not probed without it. */
  localProvider?: ProviderAdapter;
  /** For tests: the adapter of a provider id; default providerFor. */
  providerOf?: (backend: BackendTarget) => ProviderAdapter | undefined;
  /** Told when listing the deployments fails; probes failing is routine and only recorded. */
  onError?: (error: unknown) => void;
  tickMs?: number;
}

/**
 * Active health checks: each deployment with `health_probe` has every backend probed once per interval (a model
 * listing, no tokens spent), off the request path. The outcome is kept on the backend's health for the admin view
 * and fed to its breaker: a failure counts as one, a success closes an open circuit at once, so a dead backend is
 * skipped before a client meets it and a recovered one takes traffic again without waiting for a half-open request.
 */
export class HealthProber {
  readonly #options: HealthProberOptions;
  /** Unix ms each deployment is next due. */
  readonly #dueAt = new Map<string, number>();
  readonly #running = new Set<string>();
  readonly #stopping = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;

  constructor(options: HealthProberOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      if (this.#tick !== undefined) return;
      this.#tick = this.tick().finally(() => {
        this.#tick = undefined;
      });
    }, this.#options.tickMs ?? DEFAULT_TICK_MS);
    // Probing never keeps the process alive on its own.
    this.#timer.unref();
  }

  /** Stops the timer, aborts probes in flight and waits for them to settle. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#stopping.abort();
    await this.#tick;
  }

  /** One pass: probes the backends of every deployment that is due. Public so tests drive it with a fake clock. */
  async tick(): Promise<void> {
    let deployments: readonly ProbedDeployment[];
    try {
      deployments = await this.#options.listDeployments();
    } catch (error) {
      this.#options.onError?.(error);
      return;
    }
    const now = this.#options.routing.now();
    const probing: Promise<void>[] = [];
    const probed = new Set<string>();
    for (const deployment of deployments) {
      const probe = deployment.routing?.healthProbe;
      if (probe === undefined || deployment.routing === undefined) continue;
      probed.add(deployment.id);
      if (this.#running.has(deployment.id) || now < (this.#dueAt.get(deployment.id) ?? 0)) continue;
      this.#dueAt.set(deployment.id, now + probe.intervalMs);
      this.#running.add(deployment.id);
      probing.push(
        this.#probeDeployment(deployment, deployment.routing).finally(() => this.#running.delete(deployment.id)),
      );
    }
    // A deployment deleted, or whose probes were turned off, starts afresh if they come back.
    for (const id of this.#dueAt.keys()) if (!probed.has(id)) this.#dueAt.delete(id);
    await Promise.all(probing);
  }

  async #probeDeployment(deployment: ProbedDeployment, policy: RoutingPolicy): Promise<void> {
    const health = this.#options.routing.deployment(deployment.id, policy);
    const timeoutMs = policy.timeouts.firstByteMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    await Promise.all(
      deployment.backends.map(async (backend) => {
        const provider = this.#providerOf(backend);
        if (provider?.probe === undefined) return;
        const backendHealth = health.of(backend);
        const signal = AbortSignal.any([this.#stopping.signal, AbortSignal.timeout(timeoutMs)]);
        const target: BackendTarget = {
          model: backend.model,
          connection: { ...backend.connection, timeoutMs, connectTimeoutMs: policy.timeouts.connectMs },
        };
        try {
          await provider.probe(target, signal);
          if (this.#stopping.signal.aborted) return;
          backendHealth.lastProbe = { at: this.#options.routing.now(), ok: true, error: null };
          backendHealth.breaker.recordProbeSuccess();
        } catch (error) {
          // A probe cut short by shutdown says nothing about the backend.
          if (this.#stopping.signal.aborted) return;
          backendHealth.lastProbe = {
            at: this.#options.routing.now(),
            ok: false,
            error: toGatewayError(error).message,
          };
          backendHealth.breaker.recordProbeFailure();
        }
      }),
    );
  }

  #providerOf(backend: BackendTarget): ProviderAdapter | undefined {
    if (this.#options.providerOf !== undefined) return this.#options.providerOf(backend);
    const id = backend.connection.provider;
    if (id === 'local') return this.#options.localProvider;
    return providerFor(id);
  }
}
