import { z } from 'zod';
import { safeParseJson } from '../../kit/index.js';
import type { InvoiceLineRecord, InvoiceRecord } from '../../store/index.js';
import { TOKEN_KINDS } from '../pricing/price-card.js';
import type { Invoice, InvoiceItem, InvoiceLine } from './invoice.js';

const storedItemsSchema = z.array(
  z.object({
    tokenKind: z.enum(TOKEN_KINDS),
    tokens: z.number().int(),
    unitPriceMicroUsdPerMillion: z.number().int(),
    discountBasisPoints: z.number().int(),
    listAmountMicroUsd: z.number().int(),
  }),
);

export function toStoredLine(line: InvoiceLine): InvoiceLineRecord {
  return {
    kind: line.kind,
    usageMonth: line.usageMonth,
    deploymentId: line.deploymentId,
    deploymentName: line.deploymentName,
    model: line.model,
    deploymentType: line.deploymentType,
    priceCardVersion: line.priceCardVersion,
    tokens: line.tokens,
    requests: line.requests,
    amountMicroUsd: line.amountMicroUsd,
    listAmountMicroUsd: line.listAmountMicroUsd,
    itemsJson: JSON.stringify(line.items),
  };
}

/** A closed invoice exactly as it was frozen: nothing is recomputed, not even the items' list amounts. */
export function fromStoredInvoice(invoice: InvoiceRecord, lines: readonly InvoiceLineRecord[]): Invoice {
  return {
    id: invoice.id,
    projectId: invoice.projectId,
    projectName: invoice.projectName,
    month: invoice.month,
    status: 'closed',
    currency: 'USD',
    lines: lines.map((line): InvoiceLine => ({
      kind: line.kind === 'adjustment' ? 'adjustment' : 'usage',
      usageMonth: line.usageMonth,
      deploymentId: line.deploymentId,
      deploymentName: line.deploymentName,
      model: line.model,
      deploymentType: line.deploymentType,
      priceCardVersion: line.priceCardVersion,
      tokens: line.tokens,
      requests: line.requests,
      items: parseItems(line.itemsJson, invoice.id),
      listAmountMicroUsd: line.listAmountMicroUsd,
      amountMicroUsd: line.amountMicroUsd,
    })),
    subtotalMicroUsd: invoice.subtotalMicroUsd,
    taxRateBasisPoints: invoice.taxRateBasisPoints,
    taxMicroUsd: invoice.taxMicroUsd,
    totalMicroUsd: invoice.totalMicroUsd,
    closedAt: invoice.closedAt,
  };
}

function parseItems(text: string, invoiceId: string): InvoiceItem[] {
  const parsed = safeParseJson(text);
  const items = parsed.ok ? storedItemsSchema.safeParse(parsed.value) : undefined;
  // Written by toStoredLine only; anything else is a damaged database, which must not pass as an invoice.
  if (items === undefined || !items.success)
    throw new Error(`Invoice ${invoiceId} has a line whose items are damaged.`);
  return items.data;
}
