/** The deployment answers of the admin API, as it spells them (src/http/admin/openapi-document.ts). */

/** The types a deployment may have (the catalog also knows data-zone-standard and batch, which are not deployable). */
export const DEPLOYMENT_TYPES = ['global-standard', 'standard', 'provisioned', 'managed'] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export const VERSION_UPGRADES = ['on-new-default', 'on-expiry', 'none'] as const;
export type VersionUpgrade = (typeof VERSION_UPGRADES)[number];

export const DEPLOYMENT_TYPE_HINTS: Record<DeploymentType, string> = {
  'global-standard': 'Pay per token, served wherever the vendor has capacity.',
  standard: 'Pay per token in one region.',
  provisioned: 'Reserves the TPM from the connection’s capacity; only a platform admin may choose it.',
  managed: 'Runs on this Hangar’s local engine: every backend needs a local connection.',
};

export const VERSION_UPGRADE_NAMES: Record<VersionUpgrade, string> = {
  'on-new-default': 'When the vendor sets a new default version',
  'on-expiry': 'When the current version expires',
  none: 'Never',
};

export interface Backend {
  connection: string;
  model: string;
  priority: number;
  weight: number;
}

export interface RoutingPolicy {
  strategy: string;
  max_attempts: number;
  backoff_base_ms?: number;
  backoff_max_ms?: number;
  retry_after_cap_ms?: number;
  timeouts: Record<string, number | null>;
  breaker: Record<string, number>;
  health_probe?: { interval_ms: number } | null;
}

export interface Deployment {
  id: string;
  project: string;
  name: string;
  model: string;
  type: DeploymentType;
  tpm: number | null;
  rpm: number | null;
  content_filter: string | null;
  version_upgrade: VersionUpgrade;
  routing: RoutingPolicy;
  model_retires_at: string | null;
  backends: Backend[];
  created_at: string;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BackendHealth {
  connection: string;
  model: string;
  priority?: number;
  weight?: number;
  breaker: {
    state: BreakerState;
    consecutive_failures: number;
    window_calls: number;
    window_failures: number;
    opened_at?: string | null;
    half_open_at?: string | null;
  };
  latency_ewma_ms: number | null;
  in_flight: number;
  last_probe: { at: string; ok: boolean; error: string | null } | null;
}

export interface DeploymentHealth {
  object: 'deployment_health';
  project: string;
  deployment: string;
  strategy: string;
  backends: BackendHealth[];
}

export interface QuotaGrant {
  project: string;
  model: string;
  tpm: number;
  /** What the project's deployments of the model hold together. */
  allocated_tpm: number;
  updated_at: string;
}

export interface UsageRow {
  deployment?: string | null;
  deployment_id?: string;
  requests: number;
  total_tokens: number;
  input_tokens: number;
  output_tokens: number;
  cost_micro_usd: number;
}

export interface UsageReport {
  from: string;
  to: string;
  data: UsageRow[];
}

export interface ContentFilterPolicy {
  name: string;
  scope: 'platform' | 'project';
  description: string;
}

export interface Connection {
  name: string;
  provider: string;
}

export function deploymentsPath(project: string): string {
  return `/admin/projects/${encodeURIComponent(project)}/deployments`;
}

export function deploymentPath(project: string, name: string): string {
  return `${deploymentsPath(project)}/${encodeURIComponent(name)}`;
}

/** Today's UTC day (YYYY-MM-DD), the day usage rollups are kept by. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The usage of one UTC day, by deployment. */
export function usageTodayPath(project: string, today = utcToday()): string {
  return `/admin/projects/${encodeURIComponent(project)}/usage?from=${today}&to=${today}&group_by=deployment`;
}

/** What the health of every backend adds up to, for a status badge. */
export function summariseHealth(health: DeploymentHealth | undefined): {
  label: string;
  tone: 'ok' | 'warn' | 'bad' | 'neutral';
} {
  if (health === undefined || health.backends.length === 0) return { label: 'Unknown', tone: 'neutral' };
  const open = health.backends.filter((backend) => backend.breaker.state === 'open').length;
  const halfOpen = health.backends.filter((backend) => backend.breaker.state === 'half-open').length;
  if (open === health.backends.length) return { label: 'Unavailable', tone: 'bad' };
  if (open > 0 || halfOpen > 0) return { label: 'Degraded', tone: 'warn' };
  return { label: 'Healthy', tone: 'ok' };
}

/** The retirement of the model, when one is announced: retired once the day has come, retiring before. */
export function retirement(retiresAt: string | null, now = Date.now()): { label: string; retired: boolean } | null {
  if (retiresAt === null) return null;
  const retired = Date.parse(`${retiresAt}T00:00:00Z`) <= now;
  return { label: retired ? `Model retired ${retiresAt}` : `Model retires ${retiresAt}`, retired };
}

/** A limit in words: a number, "From TPM" for an RPM the TPM derives, or "Not limited". */
export function limit(value: number | null, tpm?: number | null): string {
  if (value !== null) return value.toLocaleString('en-US');
  if (tpm !== undefined && tpm !== null) return 'From TPM';
  return 'Not limited';
}
