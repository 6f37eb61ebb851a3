/** The answers of the usage, budget and invoice operations (src/http/admin/openapi-usage/-budgets/-billing). */
export type UsageGrouping = 'day' | 'deployment' | 'model' | 'key';

export interface UsageFigures {
  requests: number;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  total_tokens: number;
  cost_micro_usd: number;
  cost_usd: string;
  estimated_requests: number;
  client_abort_requests: number;
  upstream_error_requests: number;
  filtered_requests: number;
}

/** One group; only the grouping's dimensions are present, and a name is null once its object was removed. */
export interface UsageRow extends UsageFigures {
  day?: string;
  deployment_id?: string;
  deployment?: string | null;
  model?: string;
  key_id?: string;
  key?: string | null;
}

export interface UsageReport {
  object: 'list';
  from: string;
  to: string;
  group_by: UsageGrouping;
  data: UsageRow[];
  totals: UsageFigures;
}

export interface Budget {
  object: 'budget';
  id: string;
  project: string;
  /** A key's name: the budget covers that key only; null: the whole project. */
  key: string | null;
  monthly_limit_micro_usd: number;
  hard_limit: boolean;
  alert_thresholds: number[];
  webhook_url: string | null;
  has_webhook_secret: boolean;
  month: string;
  spend_micro_usd: number;
  reserved_micro_usd?: number;
  percent: number;
  resets_at: string;
  created_at?: string;
  updated_at?: string;
}

export interface BudgetEvent {
  object: 'budget_event';
  id: string;
  budget: string;
  month: string;
  threshold: number;
  spend_micro_usd?: number;
  limit_micro_usd?: number;
  status: 'delivered' | 'pending' | 'failed' | 'no_webhook';
  attempts?: number;
  last_error?: string | null;
  created_at: string;
  delivered_at?: string | null;
}

export interface InvoiceSummary {
  object: 'invoice_summary';
  project: string;
  month: string;
  status: 'open' | 'closed';
  total_micro_usd: number;
  closed_at?: string | null;
}

export type TokenKind = 'input' | 'cached_input' | 'cache_write_input' | 'output' | 'reasoning';

export interface InvoiceLine {
  kind: 'usage' | 'adjustment';
  usage_month: string;
  deployment?: string | null;
  deployment_id: string;
  model: string;
  deployment_type?: string;
  price_card_version?: string | null;
  requests?: number;
  items: {
    token_kind: TokenKind;
    tokens: number;
    unit_price_usd_per_million_tokens: number;
    discount_basis_points?: number;
    list_amount_micro_usd: number;
  }[];
  list_amount_micro_usd?: number;
  amount_micro_usd: number;
}

export interface Invoice {
  object: 'invoice';
  id?: string | null;
  project?: string | null;
  month: string;
  status: 'open' | 'closed';
  period_start?: string;
  period_end?: string;
  closed_at?: string | null;
  lines: InvoiceLine[];
  subtotal_micro_usd: number;
  tax_rate_basis_points?: number;
  tax_micro_usd: number;
  total_micro_usd: number;
}

export interface InvoiceClosing {
  object: 'invoice_closing';
  month: string;
  closed: { project?: string | null; project_id: string; total_micro_usd: number }[];
  already_closed: number;
}

type Rates = Record<TokenKind, number>;

export interface PriceCard {
  object: 'price_card';
  model?: string;
  deployment_type?: string;
  version: string;
  origin: 'catalog' | 'override' | 'unpriced';
  priced_as_deployment_type?: string | null;
  sold_by?: string | null;
  source?: string | null;
  effective_from?: string | null;
  effective_to?: string | null;
  discount_basis_points?: number;
  usd_per_million_tokens: Rates;
  tiers: { prompt_tokens_above: number; version: string; usd_per_million_tokens: Rates }[];
}

/** What these pages read of a deployment and a key. */
export interface DeploymentSummary {
  id: string;
  name: string;
  model: string;
  type: string;
}

export interface KeySummary {
  id: string;
  name: string;
  status?: string;
}

export const TOKEN_KIND_LABELS: Record<TokenKind, string> = {
  input: 'Input',
  cached_input: 'Cached input',
  cache_write_input: 'Cache write',
  output: 'Output',
  reasoning: 'Reasoning',
};
