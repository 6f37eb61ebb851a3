import {
  resolveRoutingPolicy,
  routingPolicyFromWire,
  routingPolicyView,
  type DeploymentTypeOption,
  type RoutingPolicyView,
  type VersionUpgradeOption,
} from '../spec/index.js';
import type { ApiKeyRecord, ConnectionRecord, DeploymentRecord, ProjectRecord } from '../store/index.js';
import { effectivePriority } from './primary-backend.js';

/**
 * What the admin API shows. Snake_case, as on the wire; never a secret: connections say whether they hold
 * an API key and which headers they add, keys show only their first characters.
 */
export interface ConnectionView {
  id: string;
  name: string;
  provider: string;
  base_url: string | null;
  api_version: string | null;
  has_api_key: boolean;
  /** Header values may be tokens, so only the names are shown. */
  header_names: string[];
  timeout_ms: number | null;
  /** Tokens per minute the account can serve, which provisioned deployments reserve from; null: not known. */
  capacity_tpm: number | null;
  created_at: string;
}

export interface ProjectView {
  id: string;
  name: string;
  created_at: string;
}

export interface KeyView {
  id: string;
  project: string;
  name: string;
  /** The first 8 characters, enough to tell keys apart. */
  prefix: string;
  status: 'active' | 'revoked' | 'expired';
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
  /** The deployments it may call; null: every deployment of its project. */
  deployments: string[] | null;
  /** Recorded off the request path: it may lag by up to a minute. */
  last_used_at: string | null;
  /** `inference`, or `admin` for a key that also acts on the project's admin API. */
  scope: 'inference' | 'admin';
  /** The role an admin key acts with; null for inference keys. */
  role: string | null;
}

export interface DeploymentView {
  id: string;
  project: string;
  name: string;
  model: string;
  /** Tokens per minute; null: not limited. */
  tpm: number | null;
  /** Requests per minute as set; null: derived from the TPM (or not limited). */
  rpm: number | null;
  type: DeploymentTypeOption;
  /** Reserved: the policy name is stored and shown; it is enforced once content safety lands. */
  content_filter: string | null;
  version_upgrade: VersionUpgradeOption;
  /** The effective routing policy: the deployment's settings over the defaults. */
  routing: RoutingPolicyView;
  /** The catalog's retirement date of the model (YYYY-MM-DD); null when none is announced or the model is unknown. */
  model_retires_at: string | null;
  /** `priority` is the one routing uses: the one set, else the backend's position. */
  backends: { connection: string; model: string; priority: number; weight: number }[];
  created_at: string;
}

export function toConnectionView(record: ConnectionRecord): ConnectionView {
  return {
    id: record.id,
    name: record.name,
    provider: record.provider,
    base_url: record.baseUrl,
    api_version: record.apiVersion,
    has_api_key: record.apiKeyEncrypted !== null,
    header_names: Object.keys(record.headers ?? {}).sort(),
    timeout_ms: record.timeoutMs,
    capacity_tpm: record.capacityTpm,
    created_at: toIsoTime(record.createdAt),
  };
}

export function toProjectView(record: ProjectRecord): ProjectView {
  return { id: record.id, name: record.name, created_at: toIsoTime(record.createdAt) };
}

export function toKeyView(record: ApiKeyRecord, projectName: string): KeyView {
  return {
    id: record.id,
    project: projectName,
    name: record.name,
    prefix: record.keyPrefix,
    status:
      record.revokedAt !== null
        ? 'revoked'
        : record.expiresAt !== null && record.expiresAt <= Date.now()
          ? 'expired'
          : 'active',
    created_at: toIsoTime(record.createdAt),
    revoked_at: record.revokedAt === null ? null : toIsoTime(record.revokedAt),
    expires_at: record.expiresAt === null ? null : toIsoTime(record.expiresAt),
    deployments: record.deployments,
    last_used_at: record.lastUsedAt === null ? null : toIsoTime(record.lastUsedAt),
    scope: record.scope,
    role: record.role,
  };
}

export function toDeploymentView(
  record: DeploymentRecord,
  projectName: string,
  connectionNames: ReadonlyMap<string, string>,
  modelRetiresAt: string | null = null,
): DeploymentView {
  return {
    id: record.id,
    project: projectName,
    name: record.name,
    model: record.model,
    tpm: record.tpm,
    rpm: record.rpm,
    type: record.type,
    content_filter: record.contentFilter,
    version_upgrade: record.versionUpgrade,
    routing: routingPolicyView(resolveRoutingPolicy(routingPolicyFromWire(record.routing ?? {}))),
    model_retires_at: modelRetiresAt,
    backends: record.backends.map((backend, position) => ({
      connection: connectionNames.get(backend.connectionId) ?? backend.connectionId,
      model: backend.model,
      priority: effectivePriority(backend, position),
      weight: backend.weight,
    })),
    created_at: toIsoTime(record.createdAt),
  };
}

function toIsoTime(unixMilliseconds: number): string {
  return new Date(unixMilliseconds).toISOString();
}
