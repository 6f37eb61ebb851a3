/** The answers of the service-level operations (src/http/admin/openapi-slo.ts). */
export type SloWindow = '1h' | '24h' | '30d';

export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

export interface DeploymentSlo {
  object: 'deployment_slo';
  project?: string;
  deployment: string;
  deployment_id?: string;
  deployment_type?: string;
  window: SloWindow;
  from?: string;
  to?: string;
  eligible_requests: number;
  successful_requests: number;
  failed_requests?: number;
  /** Null when no request was eligible. */
  availability_percent: number | null;
  excluded_requests?: {
    client_error: number;
    quota: number;
    budget: number;
    content_filter: number;
    client_abort: number;
  };
  latency_ms?: Percentiles;
  time_to_first_token_ms?: Percentiles;
  output_tokens_per_second?: number | null;
  /** The window in steps on the UTC grid, oldest first: 5 minutes for 1h, an hour for 24h, a day for 30d. */
  series?: SloPoint[];
}

export interface SloPoint {
  from: string;
  eligible_requests: number;
  successful_requests: number;
  availability_percent: number | null;
  latency_ms: Percentiles;
  time_to_first_token_ms?: Percentiles;
}

export interface SlaDeployment {
  deployment?: string | null;
  deployment_id: string;
  deployment_type?: string;
  target_percent: number;
  eligible_requests?: number;
  successful_requests?: number;
  availability_percent: number | null;
  met?: boolean;
  downtime_minutes?: number;
  active_minutes?: number;
  credit_percent: number;
  invoice_amount_micro_usd?: number;
  credit_micro_usd: number;
}

export interface SlaReport {
  object: 'sla_report';
  project?: string | null;
  month: string;
  period_start?: string;
  period_end?: string;
  downtime_error_rate_percent?: number;
  deployments: SlaDeployment[];
  total_credit_micro_usd: number;
}

export interface DeploymentName {
  id: string;
  name: string;
  model: string;
  type: string;
}

/** `short` fits under a chart's point. */
export const WINDOWS: { value: SloWindow; label: string; short: string }[] = [
  { value: '1h', label: 'Last hour', short: '1 h' },
  { value: '24h', label: 'Last 24 hours', short: '24 h' },
  { value: '30d', label: 'Last 30 days', short: '30 d' },
];

export function sloPath(project: string, deployment: string, window: SloWindow): string {
  return `/admin/projects/${encodeURIComponent(project)}/deployments/${encodeURIComponent(deployment)}/slo?window=${window}`;
}

export function slaPath(project: string, month: string): string {
  return `/admin/projects/${encodeURIComponent(project)}/sla?month=${encodeURIComponent(month)}`;
}

export function slaDeploymentName(row: SlaDeployment): string {
  return row.deployment ?? `${row.deployment_id} (removed)`;
}
