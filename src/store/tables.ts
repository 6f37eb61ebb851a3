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
  /** The deployment's `routing` settings as JSON, in the admin API's spelling; NULL: the defaults. */
  routing: string | null;
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

/** One request attempt that reached a backend; appended once (the id makes a repeated write harmless), never changed. */
export interface UsageRecordsTable {
  /** `<request_id>:<attempt>`. */
  id: string;
  request_id: string;
  attempt: number;
  /** When the request started, unix ms. */
  at: number;
  project_id: string;
  key_id: string;
  deployment_id: string;
  deployment_type: string;
  model: string;
  backend: string;
  dialect: string;
  operation: string;
  /** 1: streamed. */
  streamed: number;
  outcome: string;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  /** 1: the vendor sent no usage and Hangar counted the tokens. */
  estimated: number;
  latency_ms: number;
  time_to_first_token_ms: number | null;
  cost_micro_usd: number;
  price_card_version: string;
}

/** Sums of the usage records of one UTC day per project, key, deployment, model and deployment type. */
export interface UsageDailyTable {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  project_id: string;
  key_id: string;
  deployment_id: string;
  model: string;
  deployment_type: string;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cost_micro_usd: number;
  requests: number;
  estimated_requests: number;
  client_abort_requests: number;
  upstream_error_requests: number;
  filtered_requests: number;
}

/** A monthly budget on a project (key_id NULL) or one of its keys. */
export interface BudgetsTable {
  id: string;
  project_id: string;
  key_id: string | null;
  monthly_limit_micro_usd: number;
  /** 1: requests that could pass the limit are refused; 0: alerts only. */
  hard_limit: Generated<number>;
  /** JSON array of percents of the limit, ascending, e.g. `[50,80,100]`. */
  alert_thresholds: string;
  webhook_url: string | null;
  /** AES-256-GCM, see secrets/secret-box.ts; signs webhook bodies. */
  webhook_secret_encrypted: string | null;
  created_at: number;
  updated_at: number;
}

/** A threshold a budget's month crossed: written once per budget, month and threshold; delivered to the webhook. */
export interface BudgetEventsTable {
  id: string;
  budget_id: string;
  /** `YYYY-MM`, UTC. */
  month: string;
  /** Percent of the limit. */
  threshold: number;
  spend_micro_usd: number;
  limit_micro_usd: number;
  created_at: number;
  delivered_at: number | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** When the next delivery attempt is due; NULL once delivered, given up, or without a webhook. */
  next_attempt_at: number | null;
}

/** A project's own price for a model: explicit rates, or a discount off the catalog card. */
export interface PriceOverridesTable {
  id: string;
  project_id: string;
  model: string;
  /** NULL: every deployment type. */
  deployment_type: string | null;
  /** Micro-dollars per 1M tokens; all NULL when the override is a discount. */
  input_micro_usd_per_million: number | null;
  cached_input_micro_usd_per_million: number | null;
  cache_write_input_micro_usd_per_million: number | null;
  output_micro_usd_per_million: number | null;
  reasoning_micro_usd_per_million: number | null;
  /** Basis points off the catalog card; NULL when the override has explicit rates. */
  discount_basis_points: number | null;
  effective_from: number;
  /** Exclusive; NULL: open-ended. */
  effective_to: number | null;
  created_at: number;
}

/** The frozen invoice of one project and closed month; never changed once written. */
export interface InvoicesTable {
  id: string;
  project_id: string;
  project_name: string | null;
  /** `YYYY-MM`, UTC. */
  month: string;
  currency: string;
  subtotal_micro_usd: number;
  tax_rate_basis_points: number;
  tax_micro_usd: number;
  total_micro_usd: number;
  closed_at: number;
}

/** One writer's service-level counts of one deployment in one minute (see migrations/0010-slo-minutes.ts). */
export interface SloMinutesTable {
  /** `<writer>:<minute>:<deployment id>`. */
  id: string;
  /** Unix ms of the minute's start. */
  minute: number;
  project_id: string;
  deployment_id: string;
  deployment_type: string;
  eligible: number;
  succeeded: number;
  excluded_client_error: number;
  excluded_quota: number;
  excluded_budget: number;
  excluded_content_filter: number;
  excluded_client_abort: number;
  /** Compact JSON: [index gap, count] pairs of the non-empty buckets. */
  latency_histogram: string;
  time_to_first_token_histogram: string;
  output_tokens: number;
  generation_ms: number;
}

/** One line of a closed invoice: a deployment, model and price card's usage, or a late-usage adjustment. */
export interface InvoiceLinesTable {
  invoice_id: string;
  position: number;
  /** `usage` or `adjustment`. */
  kind: string;
  /** `YYYY-MM` the usage happened in. */
  usage_month: string;
  deployment_id: string;
  deployment_name: string | null;
  model: string;
  deployment_type: string;
  price_card_version: string | null;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  requests: number;
  amount_micro_usd: number;
  list_amount_micro_usd: number;
  /** JSON array of the per-token-kind items shown. */
  items_json: string;
}

/** A named content-filter policy: the platform's (`scope` '') or a project's (`scope` its id). */
export interface ContentFilterPoliciesTable {
  id: string;
  /** The owning project's id, or '' for a platform policy; unique with `name`. */
  scope: string;
  /** The owning project again, for the cascade on its removal; NULL for platform policies. */
  project_id: string | null;
  name: string;
  description: string;
  /** The policy's settings as JSON in the admin API's spelling, without name and without the analyzer's key. */
  definition: string;
  /** The Azure AI Content Safety key, AES-256-GCM (see secrets/secret-box.ts); NULL for other analyzers. */
  api_key_ciphertext: string | null;
  created_at: number;
  updated_at: number;
}

/** A project's list of terms and regular expressions that its content filters refuse. */
export interface ContentBlocklistsTable {
  id: string;
  project_id: string;
  name: string;
  description: string;
  /** JSON array of `{ pattern, regex }`. */
  items: string;
  created_at: number;
  updated_at: number;
}

/** A request whose prompt or completion a content filter blocked, redacted or annotated. */
export interface ContentFilterEventsTable {
  id: string;
  at: number;
  project_id: string;
  deployment_id: string;
  deployment_name: string;
  request_id: string;
  /** `prompt` or `completion`. */
  stage: string;
  /** `blocked`, `redacted` or `annotated`. */
  action: string;
  policy_name: string;
  /** The annotations (Azure's content_filter_results) as JSON; never the text. */
  results: string;
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
  usage_records: UsageRecordsTable;
  usage_daily: UsageDailyTable;
  budgets: BudgetsTable;
  budget_events: BudgetEventsTable;
  price_overrides: PriceOverridesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  slo_minutes: SloMinutesTable;
  content_filter_policies: ContentFilterPoliciesTable;
  content_blocklists: ContentBlocklistsTable;
  content_filter_events: ContentFilterEventsTable;
}
