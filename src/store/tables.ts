import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Timestamps are integer unix milliseconds (bigint on Postgres, read back
 * as number by the pool's type parser); optional values are NULL, never empty strings.
 */
export interface ConnectionsTable {
  id: string;
  name: string;
  provider: string;
  base_url: string | null;
  /** AES-256-GCM, see secrets/secret-box.ts; never the plaintext key. */
  api_key_encrypted: string | null;
  api_version: string | null;
  headers_json: string | null;
  timeout_ms: number | null;
  created_at: number;
  /** Tokens per minute the account can serve; provisioned deployments reserve from it. NULL: not known. */
  capacity_tpm: number | null;
}

export interface ProjectsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  name: string;
  /** SHA-256 of the key, hex. The plaintext is shown once and never stored. */
  key_hash: string;
  /** First 8 characters, so operators can tell keys apart in listings. */
  key_prefix: string;
  created_at: number;
  revoked_at: number | null;
  /** After this time the key no longer authenticates; NULL never expires. */
  expires_at: number | null;
  /** JSON array of the deployment names (lower-cased) the key may call; NULL: all of its project's. */
  deployments_json: string | null;
  /** Written in batches off the request path, so it may lag by the flush interval. */
  last_used_at: number | null;
  /** `inference` (calls models) or `admin` (also acts on its project's admin API with `role`). */
  scope: Generated<string>;
  /** The project role an admin key acts with; NULL for inference keys. */
  role: string | null;
}

export interface DeploymentsTable {
  id: string;
  project_id: string;
  name: string;
  /** `name` lower-cased: deployments resolve case-insensitively, as on Azure. */
  name_key: string;
  model: string;
  created_at: number;
  /** Tokens per minute; NULL: not limited. */
  tpm: number | null;
  /** Requests per minute; NULL: derived from the TPM, as Azure does. */
  rpm: number | null;
  /** `global-standard` (the default), `standard`, `provisioned` or `managed`. */
  type: Generated<string>;
  /** A content-filter policy name, stored for content safety; NULL: none. */
  content_filter: string | null;
  /** `on-new-default` (the default), `on-expiry` or `none`, as Azure's versionUpgradeOption. */
  version_upgrade: Generated<string>;
}

export interface DeploymentBackendsTable {
  deployment_id: string;
  /** 0 is the primary; the rest are tried in order. */
  position: number;
  connection_id: string;
  model: string;
  /** Lower is tried first; NULL: the position. */
  priority: number | null;
  /** Share of traffic among backends of the same priority, 1 to 1000. */
  weight: Generated<number>;
}

export interface ProjectQuotasTable {
  project_id: string;
  model: string;
  /** Tokens per minute granted; the project's deployments of the model share it. */
  tpm: number;
  updated_at: number;
}

export interface UsersTable {
  id: string;
  /** Lower-cased, so sign-in is case-insensitive. */
  email: string;
  display_name: string | null;
  /** scrypt, self-describing; see control/access/password-hash.ts. */
  password_hash: string;
  /** 1: may do anything on the platform; 0: only what their project roles allow. */
  platform_admin: Generated<number>;
  created_at: number;
  /** A disabled user cannot sign in and their sessions stop working. */
  disabled_at: number | null;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  /** `owner`, `contributor` or `reader`. */
  role: string;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the session token, hex; the token itself is shown once, at sign-in. */
  token_hash: string;
  created_at: number;
  expires_at: number;
}

export interface Tables {
  connections: ConnectionsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  deployments: DeploymentsTable;
  deployment_backends: DeploymentBackendsTable;
  project_quotas: ProjectQuotasTable;
  users: UsersTable;
  project_members: ProjectMembersTable;
  sessions: SessionsTable;
}
