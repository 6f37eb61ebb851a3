import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GatewayError } from '../../spec/index.js';
import {
  InvoiceRepository,
  InvoiceUsageRepository,
  ProjectRepository,
  type ProjectRecord,
  type Tables,
} from '../../store/index.js';
import type { CatalogPricer } from '../pricing/create-catalog-pricer.js';
import { buildInvoiceLines, invoiceTotals } from './build-invoice-lines.js';
import type { Invoice } from './invoice.js';
import { monthOf, monthStart, nextMonth, previousMonth } from './invoice-month.js';
import { fromStoredInvoice, toStoredLine } from './stored-invoice.js';

export interface InvoiceServiceOptions {
  db: Kysely<Tables>;
  /** Gives each line the unit prices of the card in effect, with the project's overrides. */
  pricer: CatalogPricer;
  /** Tax on each invoice's subtotal, in basis points (2000 = 20 %); 0, no tax, by default. */
  taxRateBasisPoints?: number;
  now?: () => number;
}

/** One month of a project in the list of its invoices. */
export interface InvoiceSummary {
  month: string;
  status: Invoice['status'];
  totalMicroUsd: number;
  closedAt: number | null;
}

export interface MonthClosing {
  month: string;
  /** Invoices frozen by this call. */
  closed: { projectId: string; projectName: string | null; totalMicroUsd: number }[];
  /** Projects whose invoice for the month was already closed. */
  alreadyClosed: number;
}

export interface InvoiceService {
  list(projectName: string): Promise<{ project: ProjectRecord; months: InvoiceSummary[] }>;
  get(projectName: string, month: string): Promise<Invoice>;
  /** Freezes every project's invoice for a month that has ended; a closed invoice is never recomputed. */
  closeMonth(month: string): Promise<MonthClosing>;
}

/**
 * Invoices per project and UTC month, from the ledger's day rollups. An open month is computed on each read; a
 * closed one is read back as frozen. Usage that reaches the rollups of a closed month after it closed is billed
 * as adjustment lines on the next month that is still open (see docs/operations.md, Billing).
 */
export function createInvoiceService(options: InvoiceServiceOptions): InvoiceService {
  const { db, pricer } = options;
  const now = options.now ?? Date.now;
  const taxRateBasisPoints = options.taxRateBasisPoints ?? 0;
  if (!Number.isInteger(taxRateBasisPoints) || taxRateBasisPoints < 0 || taxRateBasisPoints > 10_000) {
    throw new RangeError(`The tax rate must be 0 to 10000 basis points, not ${taxRateBasisPoints}.`);
  }
  const invoices = new InvoiceRepository(db);
  const usage = new InvoiceUsageRepository(db);
  const projects = new ProjectRepository(db);

  const project = async (name: string): Promise<ProjectRecord> => {
    const found = await projects.findByName(name);
    if (found === undefined) {
      throw new GatewayError('not_found', `Project '${name}' does not exist; check the name.`, { param: 'project' });
    }
    return found;
  };

  /** The invoice as it stands now: the month's usage, and late usage of the closed months just before it. */
  const computeOpen = async (projectId: string, projectName: string | null, month: string): Promise<Invoice> => {
    const closedMonths = new Set((await invoices.listByProject(projectId)).map((invoice) => invoice.month));
    const adjustedMonths: string[] = [];
    for (let earlier = previousMonth(month); closedMonths.has(earlier); earlier = previousMonth(earlier)) {
      adjustedMonths.push(earlier);
    }
    const [dailyUsage, currentUsage, billedUsage] = await Promise.all([
      usage.byDay(projectId, month),
      usage.byMonth(projectId, adjustedMonths),
      invoices.billedUsage(projectId, adjustedMonths),
    ]);
    const lines = buildInvoiceLines({
      month,
      dailyUsage,
      adjustedMonths,
      currentUsage,
      billedUsage,
      cardAt: (model, deploymentType, at) => pricer.cardFor({ projectId, model, deploymentType, at }),
    });
    return {
      id: null,
      projectId,
      projectName,
      month,
      status: 'open',
      currency: 'USD',
      lines,
      taxRateBasisPoints,
      ...invoiceTotals(lines, taxRateBasisPoints),
      closedAt: null,
    };
  };

  const invoiceOf = async (projectId: string, projectName: string | null, month: string): Promise<Invoice> => {
    const stored = await invoices.find(projectId, month);
    if (stored !== undefined) return fromStoredInvoice(stored.invoice, stored.lines);
    return computeOpen(projectId, projectName, month);
  };

  return {
    async list(projectName) {
      const found = await project(projectName);
      const closed = await invoices.listByProject(found.id);
      const closedMonths = new Set(closed.map((invoice) => invoice.month));
      const current = monthOf(now());
      // Open months worth listing: those with usage, the current one, and the first open month after each closed
      // one, where late usage of it is billed.
      const open = new Set([...(await usage.monthsWithUsage(found.id)), current]);
      for (const month of closedMonths) open.add(nextMonth(month));
      const months: InvoiceSummary[] = closed.map((invoice) => ({
        month: invoice.month,
        status: 'closed',
        totalMicroUsd: invoice.totalMicroUsd,
        closedAt: invoice.closedAt,
      }));
      for (const month of open) {
        if (closedMonths.has(month) || month > current) continue;
        const invoice = await computeOpen(found.id, found.name, month);
        months.push({ month, status: 'open', totalMicroUsd: invoice.totalMicroUsd, closedAt: null });
      }
      return { project: found, months: months.sort((a, b) => b.month.localeCompare(a.month)) };
    },

    async get(projectName, month) {
      const found = await project(projectName);
      return invoiceOf(found.id, found.name, month);
    },

    async closeMonth(month) {
      const endsAt = monthStart(nextMonth(month));
      if (endsAt > now()) {
        throw new GatewayError(
          'invalid_request',
          `Month ${month} has not ended yet; it can be closed from ${new Date(endsAt).toISOString()}.`,
          { param: 'month' },
        );
      }
      const names = new Map((await projects.list()).map((found) => [found.id, found.name]));
      const alreadyClosed = await invoices.closedProjectIds(month);
      const projectIds = new Set([...names.keys(), ...(await usage.projectsWithUsage(month))]);
      const result: MonthClosing = { month, closed: [], alreadyClosed: 0 };
      for (const projectId of [...projectIds].sort()) {
        if (alreadyClosed.has(projectId)) {
          result.alreadyClosed += 1;
          continue;
        }
        const projectName = names.get(projectId) ?? null;
        const invoice = await computeOpen(projectId, projectName, month);
        const written = await invoices.insert(
          {
            id: `inv_${randomUUID().replaceAll('-', '')}`,
            projectId,
            projectName,
            month,
            currency: invoice.currency,
            subtotalMicroUsd: invoice.subtotalMicroUsd,
            taxRateBasisPoints: invoice.taxRateBasisPoints,
            taxMicroUsd: invoice.taxMicroUsd,
            totalMicroUsd: invoice.totalMicroUsd,
            closedAt: now(),
          },
          invoice.lines.map(toStoredLine),
        );
        if (written) result.closed.push({ projectId, projectName, totalMicroUsd: invoice.totalMicroUsd });
        else result.alreadyClosed += 1;
      }
      return result;
    },
  };
}
