export type { Invoice, InvoiceItem, InvoiceLine } from './invoice.js';
export {
  createInvoiceService,
  type InvoiceService,
  type InvoiceServiceOptions,
  type InvoiceSummary,
  type MonthClosing,
} from './invoice-service.js';
export { parseInvoiceMonth } from './invoice-month.js';
export { renderInvoice, renderInvoiceSummary } from './render-invoice.js';
export { renderInvoiceCsv } from './render-invoice-csv.js';
export { renderInvoiceHtml } from './render-invoice-html.js';
