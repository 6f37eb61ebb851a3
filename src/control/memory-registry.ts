import { hashApiKey } from './api-key-secret.js';
import type { AuthenticatedCaller, Registry, ResolvedDeployment } from './registry-types.js';

/** Everything the request path needs, indexed for one map lookup per question. */
export interface RegistrySnapshot {
  callersByKeyHash: ReadonlyMap<string, AuthenticatedCaller>;
  /** projectId → lower-cased deployment name → deployment. */
  deploymentsByProject: ReadonlyMap<string, ReadonlyMap<string, ResolvedDeployment>>;
}

export const EMPTY_SNAPSHOT: RegistrySnapshot = { callersByKeyHash: new Map(), deploymentsByProject: new Map() };

/**
 * The registry the request path reads. A whole snapshot is swapped in after every change, so a request
 * sees either the old state or the new one, never half of each.
 */
export class MemoryRegistry implements Registry {
  #snapshot: RegistrySnapshot = EMPTY_SNAPSHOT;

  replace(snapshot: RegistrySnapshot): void {
    this.#snapshot = snapshot;
  }

  authenticate(presentedKey: string): AuthenticatedCaller | undefined {
    // Hashing first makes the work independent of how much of the key matches a stored one.
    return this.#snapshot.callersByKeyHash.get(hashApiKey(presentedKey));
  }

  resolveDeployment(projectId: string, name: string): ResolvedDeployment | undefined {
    return this.#snapshot.deploymentsByProject.get(projectId)?.get(name.toLowerCase());
  }

  listDeployments(projectId: string): ResolvedDeployment[] {
    const deployments = this.#snapshot.deploymentsByProject.get(projectId);
    return deployments === undefined ? [] : [...deployments.values()];
  }
}
