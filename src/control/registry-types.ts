import type { DeploymentTypeOption, RoutedBackend, RoutingPolicy } from '../spec/index.js';
import type { ProjectRole } from './access/index.js';

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
  /** `inference`, or `admin`: the key also acts on its project's admin API with `role`. */
  scope: 'inference' | 'admin';
  /** The project role of an admin key; null for inference keys. */
  role: ProjectRole | null;
}

/** A deployment with its backends' connections resolved, ready to route. */
export interface ResolvedDeployment {
  id: string;
  projectId: string;
  /** The name clients send as `model` (or in the Azure path). Matched case-insensitively, as Azure does. */
  name: string;
  /** Catalog model id (`grok-3`, `gpt-4o`). */
  model: string;
  type: DeploymentTypeOption;
  /** By priority, lowest first (the first is the primary); routing shuffles those of one priority by weight. */
  backends: RoutedBackend[];
  /** How routing picks, retries and times out its backends; absent: DEFAULT_ROUTING_POLICY. */
  routing?: RoutingPolicy;
  /** Azure-style rate limits; null: not limited. */
  limits: { tpm: number; rpm?: number } | null;
  /** The content-filter policy the deployment names; null: the default policy. */
  contentFilter: string | null;
  /**
   * The capacity of the primary connection that this (non-provisioned) deployment shares with the others on it;
   * null when the connection has no capacity_tpm, and always for provisioned deployments.
   */
  sharedCapacity: SharedCapacity | null;
  createdAt: number;
}

/**
 * What is left of a connection's `capacity_tpm` once provisioned deployments took their reservations: every other
 * deployment on the connection is charged here too, as a second quota key, at admission.
 */
export interface SharedCapacity {
  /** The quota key of the pool, one per connection. */
  key: string;
  connectionName: string;
  capacityTpm: number;
  /** Reserved by provisioned deployments, out of reach of the pool. */
  provisionedTpm: number;
  /** capacity − provisioned, at least 0; the pool's RPM is derived from it (6 per 1,000 TPM). */
  tpm: number;
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
