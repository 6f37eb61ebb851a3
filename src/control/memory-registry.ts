import { hashApiKey } from './api-key-secret.js';
import type { AuthenticatedCaller, Registry, ResolvedDeployment } from './registry-types.js';

/** Everything the request path needs, indexed for one map lookup per question. */
export interface RegistrySnapshot {
  callersByKeyHash: ReadonlyMap<string, AuthenticatedCaller>;
  /** projectId → lower-cased deployment name → deployment. */
  deploymentsByProject: ReadonlyMap<string, ReadonlyMap<string, ResolvedDeployment>>;
}

const MAX_VERIFIED_KEYS = 10_000;

export const EMPTY_SNAPSHOT: RegistrySnapshot = { callersByKeyHash: new Map(), deploymentsByProject: new Map() };

/**
 * The registry the request path reads. A whole snapshot is swapped in after every change, so a request
 * sees either the old state or the new one, never half of each.
 */
export class MemoryRegistry implements Registry {
  #snapshot: RegistrySnapshot = EMPTY_SNAPSHOT;
  /**
   * Keys that already proved valid against this snapshot, so a busy key is hashed once rather than on
   * every request. Only successes are kept (a flood of wrong keys cannot grow it), it is bounded, and it is
   * dropped with the snapshot, so a revoked key stops working at the next request.
   */
  #verified = new Map<string, AuthenticatedCaller>();

  /** Key id → when it was last used, since the last flush. */
  #used = new Map<string, number>();

  markUsed(keyId: string): void {
    this.#used.set(keyId, Date.now());
  }

  /** Hands over the uses seen since the last call, for the database. */
  takeUses(): Map<string, number> {
    const uses = this.#used;
    this.#used = new Map();
    return uses;
  }

  replace(snapshot: RegistrySnapshot): void {
    this.#snapshot = snapshot;
    this.#verified = new Map();
  }

  authenticate(presentedKey: string): AuthenticatedCaller | undefined {
    const known = this.#verified.get(presentedKey);
    if (known !== undefined) return known;
    // Hashing first makes the work independent of how much of the key matches a stored one.
    const caller = this.#snapshot.callersByKeyHash.get(hashApiKey(presentedKey));
    if (caller !== undefined) {
      if (this.#verified.size >= MAX_VERIFIED_KEYS) this.#verified.clear();
      this.#verified.set(presentedKey, caller);
    }
    return caller;
  }

  resolveDeployment(projectId: string, name: string): ResolvedDeployment | undefined {
    return this.#snapshot.deploymentsByProject.get(projectId)?.get(name.toLowerCase());
  }

  listDeployments(projectId: string): ResolvedDeployment[] {
    const deployments = this.#snapshot.deploymentsByProject.get(projectId);
    return deployments === undefined ? [] : [...deployments.values()];
  }
}
