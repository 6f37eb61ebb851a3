import type { RoutingPolicy } from '../spec/index.js';
import { DeploymentHealth } from './backend-health.js';

/**
 * Everything routing remembers between requests on this replica: per deployment, its backends' circuits,
 * latencies and in-flight counts. Replicas do not share it; each learns from the calls it makes, which is what
 * a breaker needs (a backend unreachable from one replica may be fine from another).
 */
export class RoutingState {
  readonly #deployments = new Map<string, DeploymentHealth>();

  constructor(readonly now: () => number = Date.now) {}

  /** The deployment's health, created on first use and given the deployment's current policy. */
  deployment(deploymentId: string, policy: RoutingPolicy): DeploymentHealth {
    let health = this.#deployments.get(deploymentId);
    if (health === undefined) {
      health = new DeploymentHealth(policy, this.now);
      this.#deployments.set(deploymentId, health);
    } else if (health.policy !== policy) {
      health.configure(policy);
    }
    return health;
  }

  /** The deployment's health if any request or probe touched it on this replica. */
  peek(deploymentId: string): DeploymentHealth | undefined {
    return this.#deployments.get(deploymentId);
  }

  /** A deleted deployment's state goes with it. */
  forget(deploymentId: string): void {
    this.#deployments.delete(deploymentId);
  }

  deploymentIds(): string[] {
    return [...this.#deployments.keys()];
  }
}
