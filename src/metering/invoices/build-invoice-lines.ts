import type { BilledUsage, RollupUsage } from '../../store/index.js';
import { amountOfTokens, divideRoundingHalfUp } from '../pricing/cost-of-tokens.js';
import { TOKEN_KINDS, type PriceCard } from '../pricing/price-card.js';
import type { TokenCounts } from '../usage-record.js';
import type { InvoiceItem, InvoiceLine } from './invoice.js';
import { dayStart, lastDayStart } from './invoice-month.js';

/** The card for a model and deployment type at a time (the project is the invoice's). */
export type CardAt = (model: string, deploymentType: string, at: number) => PriceCard;

export interface InvoiceLineSources {
  month: string;
  /** The month's rollups per day (period `YYYY-MM-DD`). */
  dailyUsage: readonly RollupUsage[];
  /** Closed months whose late usage lands on this invoice, with what the rollups hold for them now (period `YYYY-MM`)… */
  adjustedMonths: readonly string[];
  currentUsage: readonly RollupUsage[];
  /** …and what closed invoices billed of them. */
  billedUsage: readonly BilledUsage[];
  cardAt: CardAt;
}

/**
 * An invoice's lines: the month's rollups grouped by deployment, model, deployment type and the card in effect on
 * each day (so a price change splits a line), then one adjustment line per deployment, model and type of an
 * earlier closed month whose rollups now hold more (or less) than was billed.
 */
export function buildInvoiceLines(sources: InvoiceLineSources): InvoiceLine[] {
  const cards = new Map<InvoiceLine, PriceCard>();
  const newLine = (...fields: Parameters<typeof emptyLine>) => {
    const line = emptyLine(...fields);
    cards.set(line, fields[3]);
    return line;
  };
  const usage = new Map<string, InvoiceLine>();
  for (const row of sources.dailyUsage) {
    const card = sources.cardAt(row.model, row.deploymentType, dayStart(row.period));
    const key = [row.deploymentId, row.model, row.deploymentType, card.version].join('\u0000');
    const line = usage.get(key) ?? newLine('usage', sources.month, row, card);
    usage.set(key, line);
    addTo(line, row.tokens, row.requests, row.costMicroUsd);
    line.deploymentName ??= row.deploymentName;
  }

  const adjustments: InvoiceLine[] = [];
  for (const month of [...sources.adjustedMonths].sort()) {
    const groups = new Map<string, InvoiceLine>();
    const groupOf = (row: Pick<RollupUsage, 'deploymentId' | 'model' | 'deploymentType'>, name: string | null) => {
      const key = [row.deploymentId, row.model, row.deploymentType].join('\u0000');
      let line = groups.get(key);
      if (line === undefined) {
        const card = sources.cardAt(row.model, row.deploymentType, lastDayStart(month));
        line = newLine('adjustment', month, { ...row, deploymentName: name }, card);
        groups.set(key, line);
      }
      return line;
    };
    for (const row of sources.currentUsage) {
      if (row.period !== month) continue;
      const line = groupOf(row, row.deploymentName);
      addTo(line, row.tokens, row.requests, row.costMicroUsd);
      line.deploymentName ??= row.deploymentName;
    }
    for (const billed of sources.billedUsage) {
      if (billed.usageMonth !== month) continue;
      addTo(groupOf(billed, null), negate(billed.tokens), -billed.requests, -billed.amountMicroUsd);
    }
    adjustments.push(...[...groups.values()].filter((line) => !isZero(line)));
  }

  const lines = [...[...usage.values()].sort(byDeploymentAndModel), ...adjustments.sort(byDeploymentAndModel)];
  for (const line of lines) {
    const card = cards.get(line);
    if (card !== undefined) priceItems(line, card);
  }
  return lines;
}

/** Tax on the subtotal, rounded half up once per invoice. */
export function invoiceTotals(
  lines: readonly InvoiceLine[],
  taxRateBasisPoints: number,
): { subtotalMicroUsd: number; taxMicroUsd: number; totalMicroUsd: number } {
  const subtotalMicroUsd = lines.reduce((sum, line) => sum + line.amountMicroUsd, 0);
  const taxMicroUsd = Number(divideRoundingHalfUp(BigInt(subtotalMicroUsd) * BigInt(taxRateBasisPoints), 10_000n));
  return { subtotalMicroUsd, taxMicroUsd, totalMicroUsd: subtotalMicroUsd + taxMicroUsd };
}

function emptyLine(
  kind: InvoiceLine['kind'],
  usageMonth: string,
  row: Pick<RollupUsage, 'deploymentId' | 'deploymentName' | 'model' | 'deploymentType'>,
  card: PriceCard,
): InvoiceLine {
  return {
    kind,
    usageMonth,
    deploymentId: row.deploymentId,
    deploymentName: row.deploymentName,
    model: row.model,
    deploymentType: row.deploymentType,
    priceCardVersion: card.version,
    tokens: { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 },
    requests: 0,
    items: [],
    listAmountMicroUsd: 0,
    amountMicroUsd: 0,
  };
}

function addTo(line: InvoiceLine, tokens: TokenCounts, requests: number, costMicroUsd: number): void {
  for (const kind of TOKEN_KINDS) line.tokens[kind] += tokens[kind];
  line.requests += requests;
  line.amountMicroUsd += costMicroUsd;
}

function negate(tokens: TokenCounts): TokenCounts {
  return {
    input: -tokens.input,
    cachedInput: -tokens.cachedInput,
    cacheWriteInput: -tokens.cacheWriteInput,
    output: -tokens.output,
    reasoning: -tokens.reasoning,
  };
}

function isZero(line: InvoiceLine): boolean {
  return line.requests === 0 && line.amountMicroUsd === 0 && TOKEN_KINDS.every((kind) => line.tokens[kind] === 0);
}

/** The items of a line: each token kind it has, at the unit price of the line's card. */
function priceItems(line: InvoiceLine, card: PriceCard): void {
  line.items = TOKEN_KINDS.filter((kind) => line.tokens[kind] !== 0).map((kind): InvoiceItem => ({
    tokenKind: kind,
    tokens: line.tokens[kind],
    unitPriceMicroUsdPerMillion: card.rates[kind],
    discountBasisPoints: card.discountBasisPoints,
    listAmountMicroUsd: amountOfTokens(line.tokens[kind], card.rates[kind], card.discountBasisPoints),
  }));
  line.listAmountMicroUsd = line.items.reduce((sum, item) => sum + item.listAmountMicroUsd, 0);
}

function byDeploymentAndModel(a: InvoiceLine, b: InvoiceLine): number {
  const name = (line: InvoiceLine) => line.deploymentName ?? line.deploymentId;
  return (
    a.usageMonth.localeCompare(b.usageMonth) ||
    name(a).localeCompare(name(b)) ||
    a.model.localeCompare(b.model) ||
    a.deploymentType.localeCompare(b.deploymentType) ||
    (a.priceCardVersion ?? '').localeCompare(b.priceCardVersion ?? '')
  );
}
