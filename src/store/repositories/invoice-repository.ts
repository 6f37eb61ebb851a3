import { sql, type Kysely, type Selectable } from 'kysely';
import { isUniqueViolation } from '../constraint-violation.js';
import { inTransaction } from '../in-transaction.js';
import type { InvoiceLinesTable, InvoicesTable, Tables } from '../tables.js';
import type { UsageTokenCounts } from './usage-record-repository.js';

/** A closed month's invoice, as stored. */
export interface InvoiceRecord {
  id: string;
  projectId: string;
  projectName: string | null;
  /** `YYYY-MM`. */
  month: string;
  currency: string;
  subtotalMicroUsd: number;
  taxRateBasisPoints: number;
  taxMicroUsd: number;
  totalMicroUsd: number;
  closedAt: number;
}

export interface InvoiceLineRecord {
  kind: string;
  usageMonth: string;
  deploymentId: string;
  deploymentName: string | null;
  model: string;
  deploymentType: string;
  priceCardVersion: string | null;
  tokens: UsageTokenCounts;
  requests: number;
  amountMicroUsd: number;
  listAmountMicroUsd: number;
  /** The per-token-kind items as JSON text; the metering layer writes and reads it. */
  itemsJson: string;
}

/** What closed invoices billed of one month's usage of a deployment, model and type, adjustments included. */
export interface BilledUsage {
  usageMonth: string;
  deploymentId: string;
  model: string;
  deploymentType: string;
  tokens: UsageTokenCounts;
  requests: number;
  amountMicroUsd: number;
}

/** 19 columns a line: 500 lines stay far below SQLite's 32,766 bound parameters per statement. */
const LINES_PER_STATEMENT = 500;

export class InvoiceRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * Writes a closed invoice with its lines, all or nothing. False when the project's month was already closed
   * (by another replica, say): the invoice that exists stays as it is.
   */
  async insert(invoice: InvoiceRecord, lines: readonly InvoiceLineRecord[]): Promise<boolean> {
    try {
      await inTransaction(this.db, async (transaction) => {
        await transaction
          .insertInto('invoices')
          .values({
            id: invoice.id,
            project_id: invoice.projectId,
            project_name: invoice.projectName,
            month: invoice.month,
            currency: invoice.currency,
            subtotal_micro_usd: invoice.subtotalMicroUsd,
            tax_rate_basis_points: invoice.taxRateBasisPoints,
            tax_micro_usd: invoice.taxMicroUsd,
            total_micro_usd: invoice.totalMicroUsd,
            closed_at: invoice.closedAt,
          })
          .execute();
        const columns = lines.map((line, position) => toLineColumns(invoice.id, position, line));
        for (let start = 0; start < columns.length; start += LINES_PER_STATEMENT) {
          await transaction
            .insertInto('invoice_lines')
            .values(columns.slice(start, start + LINES_PER_STATEMENT))
            .execute();
        }
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** The project's closed invoices, oldest month first. */
  async listByProject(projectId: string): Promise<InvoiceRecord[]> {
    const rows = await this.db
      .selectFrom('invoices')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('month')
      .execute();
    return rows.map(toInvoice);
  }

  async find(
    projectId: string,
    month: string,
  ): Promise<{ invoice: InvoiceRecord; lines: InvoiceLineRecord[] } | undefined> {
    const row = await this.db
      .selectFrom('invoices')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('month', '=', month)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const lines = await this.db
      .selectFrom('invoice_lines')
      .selectAll()
      .where('invoice_id', '=', row.id)
      .orderBy('position')
      .execute();
    return { invoice: toInvoice(row), lines: lines.map(toLine) };
  }

  /** The projects whose invoice for the month is closed. */
  async closedProjectIds(month: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('invoices').select('project_id').where('month', '=', month).execute();
    return new Set(rows.map((row) => row.project_id));
  }

  /** Sums of the closed lines that billed usage of these months, per deployment, model and deployment type. */
  async billedUsage(projectId: string, usageMonths: readonly string[]): Promise<BilledUsage[]> {
    if (usageMonths.length === 0) return [];
    const rows = await this.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select([
        'invoice_lines.usage_month',
        'invoice_lines.deployment_id',
        'invoice_lines.model',
        'invoice_lines.deployment_type',
      ])
      .select([
        sql<number | string>`SUM(invoice_lines.input_tokens)`.as('input_tokens'),
        sql<number | string>`SUM(invoice_lines.cached_input_tokens)`.as('cached_input_tokens'),
        sql<number | string>`SUM(invoice_lines.cache_write_input_tokens)`.as('cache_write_input_tokens'),
        sql<number | string>`SUM(invoice_lines.output_tokens)`.as('output_tokens'),
        sql<number | string>`SUM(invoice_lines.reasoning_tokens)`.as('reasoning_tokens'),
        sql<number | string>`SUM(invoice_lines.requests)`.as('requests'),
        sql<number | string>`SUM(invoice_lines.amount_micro_usd)`.as('amount_micro_usd'),
      ])
      .where('invoices.project_id', '=', projectId)
      .where('invoice_lines.usage_month', 'in', [...usageMonths])
      .groupBy([
        'invoice_lines.usage_month',
        'invoice_lines.deployment_id',
        'invoice_lines.model',
        'invoice_lines.deployment_type',
      ])
      .execute();
    // Postgres answers SUM over bigint as numeric, which pg returns as a string.
    return rows.map((row) => ({
      usageMonth: row.usage_month,
      deploymentId: row.deployment_id,
      model: row.model,
      deploymentType: row.deployment_type,
      tokens: {
        input: Number(row.input_tokens),
        cachedInput: Number(row.cached_input_tokens),
        cacheWriteInput: Number(row.cache_write_input_tokens),
        output: Number(row.output_tokens),
        reasoning: Number(row.reasoning_tokens),
      },
      requests: Number(row.requests),
      amountMicroUsd: Number(row.amount_micro_usd),
    }));
  }
}

function toLineColumns(invoiceId: string, position: number, line: InvoiceLineRecord): InvoiceLinesTable {
  return {
    invoice_id: invoiceId,
    position,
    kind: line.kind,
    usage_month: line.usageMonth,
    deployment_id: line.deploymentId,
    deployment_name: line.deploymentName,
    model: line.model,
    deployment_type: line.deploymentType,
    price_card_version: line.priceCardVersion,
    input_tokens: line.tokens.input,
    cached_input_tokens: line.tokens.cachedInput,
    cache_write_input_tokens: line.tokens.cacheWriteInput,
    output_tokens: line.tokens.output,
    reasoning_tokens: line.tokens.reasoning,
    requests: line.requests,
    amount_micro_usd: line.amountMicroUsd,
    list_amount_micro_usd: line.listAmountMicroUsd,
    items_json: line.itemsJson,
  };
}

function toInvoice(row: Selectable<InvoicesTable>): InvoiceRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    month: row.month,
    currency: row.currency,
    subtotalMicroUsd: Number(row.subtotal_micro_usd),
    taxRateBasisPoints: Number(row.tax_rate_basis_points),
    taxMicroUsd: Number(row.tax_micro_usd),
    totalMicroUsd: Number(row.total_micro_usd),
    closedAt: Number(row.closed_at),
  };
}

function toLine(row: Selectable<InvoiceLinesTable>): InvoiceLineRecord {
  return {
    kind: row.kind,
    usageMonth: row.usage_month,
    deploymentId: row.deployment_id,
    deploymentName: row.deployment_name,
    model: row.model,
    deploymentType: row.deployment_type,
    priceCardVersion: row.price_card_version,
    tokens: {
      input: Number(row.input_tokens),
      cachedInput: Number(row.cached_input_tokens),
      cacheWriteInput: Number(row.cache_write_input_tokens),
      output: Number(row.output_tokens),
      reasoning: Number(row.reasoning_tokens),
    },
    requests: Number(row.requests),
    amountMicroUsd: Number(row.amount_micro_usd),
    listAmountMicroUsd: Number(row.list_amount_micro_usd),
    itemsJson: row.items_json,
  };
}
