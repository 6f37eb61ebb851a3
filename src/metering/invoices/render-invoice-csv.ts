import { formatMicroUsd } from '../../catalog/index.js';
import { TOKEN_KINDS, TOKEN_KIND_WIRE_NAMES } from '../pricing/price-card.js';
import type { Invoice, InvoiceLine } from './invoice.js';
import { formatUsd } from './format-usd.js';

type Cell = string | number | null;

const KIND_COLUMNS = TOKEN_KINDS.flatMap((kind) => [
  `${TOKEN_KIND_WIRE_NAMES[kind]}_tokens`,
  `${TOKEN_KIND_WIRE_NAMES[kind]}_usd_per_million_tokens`,
]);

const HEADER = [
  'month',
  'kind',
  'usage_month',
  'deployment',
  'deployment_id',
  'model',
  'deployment_type',
  'price_card_version',
  'requests',
  ...KIND_COLUMNS,
  'discount_basis_points',
  'list_amount_usd',
  'amount_usd',
  'tax_rate_basis_points',
];

/**
 * An invoice as CSV (RFC 4180, CRLF): one row per line with each token kind's tokens and unit price, then the
 * subtotal, tax and total rows. `amount_usd` of the lines adds up to the subtotal exactly; amounts are exact
 * decimal dollars (up to six places), never rounded to cents.
 */
export function renderInvoiceCsv(invoice: Invoice): string {
  const rows: Cell[][] = [HEADER];
  for (const line of invoice.lines) rows.push(lineRow(invoice.month, line));
  const total = (kind: string, microUsd: number, taxRate: number | null = null): Cell[] =>
    HEADER.map((column) => {
      if (column === 'month') return invoice.month;
      if (column === 'kind') return kind;
      if (column === 'amount_usd') return formatUsd(microUsd);
      if (column === 'tax_rate_basis_points') return taxRate;
      return null;
    });
  rows.push(total('subtotal', invoice.subtotalMicroUsd));
  rows.push(total('tax', invoice.taxMicroUsd, invoice.taxRateBasisPoints));
  rows.push(total('total', invoice.totalMicroUsd));
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function lineRow(month: string, line: InvoiceLine): Cell[] {
  const byKind = new Map(line.items.map((item) => [item.tokenKind, item]));
  return [
    month,
    line.kind,
    line.usageMonth,
    line.deploymentName,
    line.deploymentId,
    line.model,
    line.deploymentType,
    line.priceCardVersion,
    line.requests,
    ...TOKEN_KINDS.flatMap((kind) => {
      const item = byKind.get(kind);
      return [line.tokens[kind], item === undefined ? null : formatMicroUsd(item.unitPriceMicroUsdPerMillion)];
    }),
    line.items[0]?.discountBasisPoints ?? 0,
    formatUsd(line.listAmountMicroUsd),
    formatUsd(line.amountMicroUsd),
    null,
  ];
}

/**
 * Quoted when it holds a comma, quote or line break; text that a spreadsheet would run as a formula (starting
 * with = + - @) is prefixed with a quote mark, as OWASP's CSV-injection advice says. Numbers are written as is.
 */
function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
