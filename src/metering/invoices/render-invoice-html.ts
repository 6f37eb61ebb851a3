import { formatMicroUsd } from '../../catalog/index.js';
import type { TokenKind } from '../pricing/price-card.js';
import type { Invoice, InvoiceLine } from './invoice.js';
import { monthStart, nextMonth } from './invoice-month.js';
import { formatUsd } from './format-usd.js';

const TOKEN_KIND_TITLES: Readonly<Record<TokenKind, string>> = {
  input: 'Input',
  cachedInput: 'Cached input',
  cacheWriteInput: 'Cache-write input',
  output: 'Output',
  reasoning: 'Reasoning',
};

// Inline and self-contained: the page prints the same offline, and loads nothing from anywhere.
const STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1b1f24; margin: 0; }
  main { max-width: 960px; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.5rem; margin: 1rem 0 1.5rem; }
  dl.facts dt { color: #57606a; }
  dl.facts dd { margin: 0; }
  .notice { border: 1px solid #d4a72c; background: #fff8c5; padding: .5rem .75rem; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: .3rem .5rem; vertical-align: top; }
  th { border-bottom: 2px solid #1b1f24; font-weight: 600; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tbody.line { break-inside: avoid; page-break-inside: avoid; }
  tbody.line tr.heading td { border-top: 1px solid #d0d7de; padding-top: .6rem; font-weight: 600; }
  tbody.line tr.billed td { color: #1b1f24; font-weight: 600; }
  .muted { color: #57606a; font-weight: 400; }
  tfoot td { border-top: 1px solid #d0d7de; }
  tfoot tr.total td { border-top: 2px solid #1b1f24; font-weight: 700; font-size: 1.1rem; }
  footer { margin-top: 2rem; color: #57606a; font-size: .85rem; }
  @media print {
    body { font-size: 11pt; }
    main { margin: 0; max-width: none; padding: 0; }
    .notice { border-color: #000; background: none; }
  }
  @page { size: A4; margin: 18mm 15mm; }
`;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number | null): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const usd = (microUsd: number) => `$${formatUsd(microUsd, 2, true)}`;
const count = (value: number) => value.toLocaleString('en-US');
const day = (milliseconds: number) => new Date(milliseconds).toISOString().slice(0, 10);

/**
 * A printable invoice: one page of HTML with its CSS inline and no external assets, every value escaped.
 * Each line shows its token kinds at the card's unit price, then the amount billed from the ledger.
 */
export function renderInvoiceHtml(invoice: Invoice): string {
  const project = invoice.projectName ?? invoice.projectId;
  const usage = invoice.lines.filter((line) => line.kind === 'usage');
  const adjustments = invoice.lines.filter((line) => line.kind === 'adjustment');
  const lastDay = day(monthStart(nextMonth(invoice.month)) - 1);
  const facts: [string, string][] = [
    ['Project', project],
    ['Period', `${invoice.month}-01 to ${lastDay} (UTC)`],
    ['Status', invoice.status === 'closed' ? 'Closed' : 'Open'],
    ['Invoice', invoice.id ?? 'Not issued: the month is open'],
    ...(invoice.closedAt === null
      ? []
      : ([['Closed at', new Date(invoice.closedAt).toISOString()]] as [string, string][])),
    ['Currency', invoice.currency],
  ];
  const taxPercent = formatUsd(invoice.taxRateBasisPoints * 10_000, 0);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Invoice ${escapeHtml(project)} ${escapeHtml(invoice.month)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Invoice</h1>
<dl class="facts">
${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}
</dl>
${
  invoice.status === 'open'
    ? '<p class="notice">This month is open: its amounts change as usage arrives until a platform admin closes it.</p>'
    : ''
}
<h2>Usage in ${escapeHtml(invoice.month)}</h2>
${linesTable(usage, 'No usage this month.')}
${
  adjustments.length === 0
    ? ''
    : `<h2>Adjustments: usage of closed months that arrived after they closed</h2>\n${linesTable(adjustments, '')}`
}
<table class="totals">
<tfoot>
<tr><td>Subtotal</td><td class="number">${escapeHtml(usd(invoice.subtotalMicroUsd))}</td></tr>
<tr><td>Tax (${escapeHtml(taxPercent)} %)</td><td class="number">${escapeHtml(usd(invoice.taxMicroUsd))}</td></tr>
<tr class="total"><td>Total</td><td class="number">${escapeHtml(usd(invoice.totalMicroUsd))}</td></tr>
</tfoot>
</table>
<footer>
<p>Amounts are in US dollars, exact to the micro-dollar. Each line bills the sum of the costs the ledger recorded for
its requests, each priced when it was made and rounded half up once per request. The token kinds show the unit
price of the line's price card; their total at that price differs from the billed amount by per-request rounding
and by long-prompt tiers.</p>
</footer>
</main>
</body>
</html>
`;
}

function linesTable(lines: readonly InvoiceLine[], empty: string): string {
  if (lines.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<table class="lines">
<thead><tr><th>Token kind</th><th class="number">Tokens</th><th class="number">Unit price (USD per 1M tokens)</th><th class="number">At unit price</th><th class="number">Amount</th></tr></thead>
${lines.map(lineBody).join('\n')}
</table>`;
}

function lineBody(line: InvoiceLine): string {
  const heading =
    `${line.deploymentName ?? line.deploymentId} · ${line.model} · ${line.deploymentType}` +
    (line.kind === 'adjustment' ? ` · usage of ${line.usageMonth}` : '');
  const items = line.items.map((item) => {
    const discount = item.discountBasisPoints === 0 ? '' : ` (−${formatUsd(item.discountBasisPoints * 10_000, 0)} %)`;
    return (
      `<tr><td>${escapeHtml(TOKEN_KIND_TITLES[item.tokenKind])}</td>` +
      `<td class="number">${escapeHtml(count(item.tokens))}</td>` +
      `<td class="number">${escapeHtml(`$${formatMicroUsd(item.unitPriceMicroUsdPerMillion)}${discount}`)}</td>` +
      `<td class="number">${escapeHtml(usd(item.listAmountMicroUsd))}</td><td></td></tr>`
    );
  });
  return `<tbody class="line">
<tr class="heading"><td colspan="5">${escapeHtml(heading)} <span class="muted">${escapeHtml(line.priceCardVersion ?? '')}</span></td></tr>
${items.join('\n')}
<tr class="billed"><td colspan="3">Billed for ${escapeHtml(count(line.requests))} requests</td><td class="number">${escapeHtml(usd(line.listAmountMicroUsd))}</td><td class="number">${escapeHtml(usd(line.amountMicroUsd))}</td></tr>
</tbody>`;
}
