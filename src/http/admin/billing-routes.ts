import type { FastifyInstance } from 'fastify';
import {
  parseInvoiceMonth,
  renderInvoice,
  renderInvoiceCsv,
  renderInvoiceHtml,
  renderInvoiceSummary,
  type InvoiceService,
  type PriceOverrideService,
} from '../../metering/index.js';
import { DEFAULT_DEPLOYMENT_TYPE, DEPLOYMENT_TYPE_OPTIONS, GatewayError } from '../../spec/index.js';
import { singleQueryValue, type AdminQuery } from './single-query-value.js';

export interface BillingServices {
  prices: PriceOverrideService;
  invoices: InvoiceService;
}

type Query = AdminQuery;
type ProjectParams = { Params: { project: string }; Querystring: Query };

const INVOICE_FORMATS = ['json', 'csv', 'html'] as const;
/** The HTML invoice loads nothing and runs nothing: only its own inline style. */
const INVOICE_HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** Per-project price overrides, the card in effect, and monthly invoices (JSON, CSV or printable HTML). */
export function registerBillingRoutes(admin: FastifyInstance, billing: BillingServices): void {
  const { prices, invoices } = billing;

  admin.get<ProjectParams>('/projects/:project/prices', async (request) => ({
    object: 'list',
    data: await prices.list(request.params.project),
  }));

  admin.post<ProjectParams>('/projects/:project/prices', async (request, reply) => {
    const added = await prices.add(request.params.project, request.body);
    return reply.code(201).send(added);
  });

  admin.get<ProjectParams>('/projects/:project/prices/effective', async (request) => {
    const model = singleQueryValue(request.query, 'model');
    if (model === undefined || model === '') {
      throw new GatewayError('invalid_request', 'model is required: the catalog model id to show the price of.', {
        param: 'model',
      });
    }
    const deploymentType = singleQueryValue(request.query, 'deployment_type') ?? DEFAULT_DEPLOYMENT_TYPE;
    if (!(DEPLOYMENT_TYPE_OPTIONS as readonly string[]).includes(deploymentType)) {
      throw new GatewayError(
        'invalid_request',
        `deployment_type must be one of ${DEPLOYMENT_TYPE_OPTIONS.join(', ')}, not '${deploymentType}'.`,
        { param: 'deployment_type' },
      );
    }
    return prices.effective(request.params.project, model, deploymentType);
  });

  admin.delete<{ Params: { project: string; id: string } }>('/projects/:project/prices/:id', async (request) =>
    prices.remove(request.params.project, request.params.id),
  );

  admin.get<ProjectParams>('/projects/:project/invoices', async (request) => {
    const { project, months } = await invoices.list(request.params.project);
    return { object: 'list', data: months.map((month) => renderInvoiceSummary(month, project.name)) };
  });

  admin.get<{ Params: { project: string; month: string }; Querystring: Query }>(
    '/projects/:project/invoices/:month',
    async (request, reply) => {
      const month = parseInvoiceMonth(request.params.month);
      const format = singleQueryValue(request.query, 'format') ?? 'json';
      if (!(INVOICE_FORMATS as readonly string[]).includes(format)) {
        throw new GatewayError('invalid_request', `format must be json, csv or html, not '${format}'.`, {
          param: 'format',
        });
      }
      const invoice = await invoices.get(request.params.project, month);
      const file = `invoice-${request.params.project}-${month}`;
      if (format === 'csv') {
        void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`);
        return renderInvoiceCsv(invoice);
      }
      if (format === 'html') {
        void reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', INVOICE_HTML_POLICY)
          .header('content-disposition', `inline; filename="${file}.html"`);
        return renderInvoiceHtml(invoice);
      }
      return renderInvoice(invoice);
    },
  );

  admin.post<{ Querystring: Query }>('/invoices/close', async (request) => {
    const month = parseInvoiceMonth(singleQueryValue(request.query, 'month'));
    const closing = await invoices.closeMonth(month);
    return {
      object: 'invoice_closing',
      month: closing.month,
      closed: closing.closed.map((invoice) => ({
        project: invoice.projectName,
        project_id: invoice.projectId,
        total_micro_usd: invoice.totalMicroUsd,
      })),
      already_closed: closing.alreadyClosed,
    };
  });
}
