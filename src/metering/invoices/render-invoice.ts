import { microUsdToUsd } from '../../catalog/index.js';
import type { JsonObject } from '../../spec/index.js';
import { TOKEN_KIND_WIRE_NAMES } from '../pricing/price-card.js';
import type { Invoice } from './invoice.js';
import { monthStart, nextMonth } from './invoice-month.js';
import type { InvoiceSummary } from './invoice-service.js';

const isoTime = (milliseconds: number | null) => (milliseconds === null ? null : new Date(milliseconds).toISOString());

/** An invoice as the admin API answers it: amounts in integer micro-dollars, unit prices in dollars per 1M tokens. */
export function renderInvoice(invoice: Invoice): JsonObject {
  return {
    object: 'invoice',
    id: invoice.id,
    project: invoice.projectName,
    month: invoice.month,
    status: invoice.status,
    currency: invoice.currency,
    period_start: isoTime(monthStart(invoice.month)),
    period_end: isoTime(monthStart(nextMonth(invoice.month))),
    closed_at: isoTime(invoice.closedAt),
    lines: invoice.lines.map((line) => ({
      kind: line.kind,
      usage_month: line.usageMonth,
      deployment: line.deploymentName,
      deployment_id: line.deploymentId,
      model: line.model,
      deployment_type: line.deploymentType,
      price_card_version: line.priceCardVersion,
      requests: line.requests,
      items: line.items.map((item) => ({
        token_kind: TOKEN_KIND_WIRE_NAMES[item.tokenKind],
        tokens: item.tokens,
        unit_price_usd_per_million_tokens: microUsdToUsd(item.unitPriceMicroUsdPerMillion),
        discount_basis_points: item.discountBasisPoints,
        list_amount_micro_usd: item.listAmountMicroUsd,
      })),
      list_amount_micro_usd: line.listAmountMicroUsd,
      amount_micro_usd: line.amountMicroUsd,
    })),
    subtotal_micro_usd: invoice.subtotalMicroUsd,
    tax_rate_basis_points: invoice.taxRateBasisPoints,
    tax_micro_usd: invoice.taxMicroUsd,
    total_micro_usd: invoice.totalMicroUsd,
  };
}

export function renderInvoiceSummary(summary: InvoiceSummary, projectName: string): JsonObject {
  return {
    object: 'invoice_summary',
    project: projectName,
    month: summary.month,
    status: summary.status,
    currency: 'USD',
    total_micro_usd: summary.totalMicroUsd,
    closed_at: isoTime(summary.closedAt),
  };
}
