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
}

export interface DeploymentBackendsTable {
  deployment_id: string;
  /** 0 is the primary; the rest are tried in order. */
  position: number;
  connection_id: string;
  model: string;
}

export interface ProjectQuotasTable {
  project_id: string;
  model: string;
  /** Tokens per minute granted; the project's deployments of the model share it. */
  tpm: number;
  updated_at: number;
}

export interface Tables {
  connections: ConnectionsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  deployments: DeploymentsTable;
  deployment_backends: DeploymentBackendsTable;
  project_quotas: ProjectQuotasTable;
}
