import type { BackendTarget } from '../spec/index.js';

/** A caller identified by its key; served from memory, never from the database, on the request path. */
export interface AuthenticatedCaller {
  keyId: string;
  keyName: string;
  projectId: string;
  projectName: string;
  /** Unix ms after which the key no longer authenticates; null never. */
  expiresAt: number | null;
  /** Lower-cased deployment names the key may call; null: every deployment of its project. */
  deployments: ReadonlySet<string> | null;
}

/** A deployment with its backends' connections resolved, ready to route. */
export interface ResolvedDeployment {
  id: string;
  projectId: string;
  /** The name clients send as `model` (or in the Azure path). Matched case-insensitively, as Azure does. */
  name: string;
  /** Catalog model id (`grok-3`, `gpt-4o`). */
  model: string;
  /** Tried in order; the first is the primary. */
  backends: BackendTarget[];
  /** Azure-style rate limits; null: not limited. */
  limits: { tpm: number; rpm?: number } | null;
  createdAt: number;
}

/** The in-memory view of keys and deployments that the request path reads. */
export interface Registry {
  /** The key's caller, also when it has expired (the caller checks, to say so); undefined for unknown keys. */
  authenticate(presentedKey: string): AuthenticatedCaller | undefined;
  /** Notes that a key was used now; the time reaches the database in batches, off the request path. */
  markUsed(keyId: string): void;
  resolveDeployment(projectId: string, name: string): ResolvedDeployment | undefined;
  listDeployments(projectId: string): ResolvedDeployment[];
}
