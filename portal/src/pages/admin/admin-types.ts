/** The admin API's answers the admin pages read (GET /openapi.json is the full contract). */

/** Roles as the API spells them on members; the session's `can()` takes the titled spelling. */
export type MemberRole = 'reader' | 'contributor' | 'owner';
export const MEMBER_ROLES: readonly MemberRole[] = ['reader', 'contributor', 'owner'];

export function roleTitle(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

export interface Deleted {
  object: string;
  deleted: true;
}

export interface User {
  id: string;
  email: string;
  name: string | null;
  platform_admin: boolean;
  disabled: boolean;
  created_at: string;
}

export interface Member {
  project: string;
  email: string;
  name: string | null;
  role: MemberRole;
  added_at: string;
}

export interface CreatedProject {
  id: string;
  name: string;
  created_at: string;
  keys?: { key1: string; key2: string };
}

export interface Connection {
  id: string;
  name: string;
  provider: string;
  base_url: string | null;
  api_version: string | null;
  has_api_key: boolean;
  header_names: string[];
  timeout_ms: number | null;
  capacity_tpm: number | null;
  created_at: string;
}

export interface QuotaGrant {
  project: string;
  model: string;
  tpm: number;
  allocated_tpm: number;
  updated_at: string;
}

export type DeploymentType = 'global-standard' | 'standard' | 'provisioned' | 'managed';
/** The API's deployment types (src/spec DEPLOYMENT_TYPE_OPTIONS); the portal does not import the server's code. */
export const DEPLOYMENT_TYPES: readonly DeploymentType[] = ['global-standard', 'standard', 'provisioned', 'managed'];

export type TokenKind = 'input' | 'cached_input' | 'cache_write_input' | 'output' | 'reasoning';
export const TOKEN_KINDS: readonly TokenKind[] = ['input', 'cached_input', 'cache_write_input', 'output', 'reasoning'];
export const TOKEN_KIND_TITLES: Record<TokenKind, string> = {
  input: 'Input',
  cached_input: 'Cached input',
  cache_write_input: 'Cache write',
  output: 'Output',
  reasoning: 'Reasoning',
};

export interface PriceOverride {
  id: string;
  project: string;
  model: string;
  deployment_type: DeploymentType | null;
  usd_per_million_tokens: {
    input: number;
    cached_input: number | null;
    cache_write_input: number | null;
    output: number;
    reasoning: number | null;
  } | null;
  discount_basis_points: number | null;
  effective_from: string;
  effective_to: string | null;
  created_at: string;
}

export type Rates = Record<TokenKind, number>;

export interface PriceCard {
  project: string;
  model: string;
  deployment_type: DeploymentType;
  at: string;
  version: string;
  origin: 'catalog' | 'override' | 'unpriced';
  priced_as_deployment_type: string | null;
  sold_by: string | null;
  source: string | null;
  override_id: string | null;
  effective_from: string | null;
  effective_to: string | null;
  discount_basis_points: number;
  usd_per_million_tokens: Rates;
  tiers: { prompt_tokens_above: number; version: string; usd_per_million_tokens: Rates }[];
}

export interface LoadedModel {
  name: string;
  path: string;
  memory_bytes: number;
  context_size: number;
  slots: number;
  busy_slots: number;
  queued: number;
  in_use: number;
  loaded_at: string;
  load_duration_ms: number;
  chat_template: string;
  keep_alive_ms: number;
  expires_at: string | null;
}

export interface Engine {
  threads: number;
  gpu: string | boolean;
  accelerator: string | null;
  memory_budget_bytes: number;
  memory_used_bytes: number;
  loaded: LoadedModel[];
}

export interface LocalModel {
  name: string;
  file: string;
  size_bytes: number;
  sha256: string | null;
  source: string | null;
  added_at: string;
  architecture: string | null;
  parameters: number | null;
  quantisation: string | null;
  context_length: number | null;
  has_chat_template: boolean;
  loaded: boolean;
}

export interface UnloadedModel {
  name: string;
  unloaded: boolean;
  unloads_when_idle: boolean;
}

/** A path segment: names and emails go into paths escaped (an email's `@`, a model's `/`). */
export const segment = encodeURIComponent;

/** A pull into the local store, as `/admin/engine/models/pull` streams it and `/admin/engine/pulls` lists it. */
export interface ModelPull {
  object: 'model_pull';
  id: string;
  source: string;
  name: string | null;
  resolved_source: string | null;
  status: 'resolving' | 'downloading' | 'verifying' | 'success' | 'error' | 'cancelled';
  completed_bytes: number;
  total_bytes: number | null;
  started_at: string;
  model?: LocalModel;
  sha256_verified?: boolean;
  resumed_from_bytes?: number;
  error?: { message: string; code: string };
}
