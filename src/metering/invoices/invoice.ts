import type { TokenKind } from '../pricing/price-card.js';
import type { TokenCounts } from '../usage-record.js';

/** One token kind of a line: its tokens at the card's list price (informative; the line's amount is billed). */
export interface InvoiceItem {
  tokenKind: TokenKind;
  tokens: number;
  unitPriceMicroUsdPerMillion: number;
  discountBasisPoints: number;
  /** tokens × unit price × (1 − discount) / 1M, rounded half up. */
  listAmountMicroUsd: number;
}

/**
 * A deployment's usage of a model under one price card in the invoice's month (`usage`), or what arrived for
 * an earlier, closed month after it closed (`adjustment`).
 */
export interface InvoiceLine {
  kind: 'usage' | 'adjustment';
  /** `YYYY-MM` the usage happened in. */
  usageMonth: string;
  deploymentId: string;
  /** Null when the deployment was removed before the invoice was computed. */
  deploymentName: string | null;
  model: string;
  deploymentType: string;
  /** The card whose unit prices the items show. */
  priceCardVersion: string | null;
  tokens: TokenCounts;
  requests: number;
  items: InvoiceItem[];
  /** The sum of the items' list amounts. */
  listAmountMicroUsd: number;
  /** What is billed: the sum of the ledger's per-request costs (the rollup's cost_micro_usd). */
  amountMicroUsd: number;
}

export interface Invoice {
  /** Null while the month is open. */
  id: string | null;
  projectId: string;
  projectName: string | null;
  /** `YYYY-MM`, UTC. */
  month: string;
  status: 'open' | 'closed';
  currency: 'USD';
  lines: InvoiceLine[];
  subtotalMicroUsd: number;
  taxRateBasisPoints: number;
  taxMicroUsd: number;
  totalMicroUsd: number;
  /** Unix ms; null while open. */
  closedAt: number | null;
}
