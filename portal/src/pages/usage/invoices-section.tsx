import { useEffect, useRef, useState } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import type { ListAnswer } from '../../api/client';
import { count, dateTime, dollars } from '../../components/format';
import { Badge, Button, Dialog, Empty, ErrorNote, Field, Loading, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { usdPerMillion } from './usd-per-million';
import { DownloadButton } from './download-button';
import {
  TOKEN_KIND_LABELS,
  type Invoice,
  type InvoiceClosing,
  type InvoiceLine,
  type InvoiceSummary,
} from './usage-types';
import { monthName, shiftMonth, utcMonth } from './utc-dates';

export function invoicePath(project: string, month: string, format?: 'csv' | 'html'): string {
  const path = `/admin/projects/${encodeURIComponent(project)}/invoices/${encodeURIComponent(month)}`;
  return format === undefined ? path : `${path}?format=${format}`;
}

/** The project's invoices by month; one opened shows its lines; each downloads as printable HTML or CSV. */
export function InvoicesSection(props: { project: string }) {
  const api = useApi();
  const { me } = useSession();
  const list = useLoad(
    (signal) =>
      api<ListAnswer<InvoiceSummary>>(`/admin/projects/${encodeURIComponent(props.project)}/invoices`, { signal }),
    [props.project],
  );
  const [open, setOpen] = useState<string | undefined>(undefined);
  const [closing, setClosing] = useState(false);
  const months = [...(list.data?.data ?? [])].sort((left, right) => right.month.localeCompare(left.month));
  return (
    <section aria-labelledby="invoices-heading">
      <div className="section-head">
        <h2 id="invoices-heading">Invoices</h2>
        {me.platform_admin ? <Button onClick={() => setClosing(true)}>Close a month…</Button> : null}
      </div>
      {list.loading && list.data === undefined ? <Loading what="invoices" /> : null}
      {list.error === undefined ? null : <ErrorNote error={list.error} retry={() => list.reload()} />}
      {list.data === undefined ? null : (
        <Table
          caption="Invoices by month, newest first"
          rows={months}
          rowKey={(invoice) => invoice.month}
          empty="No invoices yet: a month appears once the project has usage in it."
          columns={[
            { header: 'Month', cell: (invoice) => monthName(invoice.month) },
            {
              header: 'Status',
              cell: (invoice) =>
                invoice.status === 'closed' ? <Badge tone="ok">Closed</Badge> : <Badge tone="warn">Open</Badge>,
            },
            { header: 'Total', numeric: true, cell: (invoice) => dollars(invoice.total_micro_usd) },
            { header: 'Closed', cell: (invoice) => dateTime(invoice.closed_at) },
            {
              header: 'Actions',
              cell: (invoice) => (
                <InvoiceActions
                  project={props.project}
                  month={invoice.month}
                  opened={open === invoice.month}
                  onOpen={() => setOpen(open === invoice.month ? undefined : invoice.month)}
                />
              ),
            },
          ]}
        />
      )}
      {open === undefined ? null : (
        <InvoiceDetail project={props.project} month={open} onClose={() => setOpen(undefined)} />
      )}
      {closing ? (
        <CloseMonthDialog
          onClose={(closed) => {
            setClosing(false);
            if (closed) list.reload();
          }}
        />
      ) : null}
    </section>
  );
}

function InvoiceActions(props: { project: string; month: string; opened: boolean; onOpen: () => void }) {
  const name = monthName(props.month);
  const file = `invoice-${props.project}-${props.month}`;
  return (
    <div className="row actions">
      <Button
        onClick={props.onOpen}
        aria-expanded={props.opened}
        aria-label={`${props.opened ? 'Hide' : 'Open'} the invoice of ${name}`}
      >
        {props.opened ? 'Hide' : 'Open'}
      </Button>
      <DownloadButton
        path={invoicePath(props.project, props.month, 'html')}
        fileName={`${file}.html`}
        label="HTML"
        description={`Download the invoice of ${name} as HTML`}
      />
      <DownloadButton
        path={invoicePath(props.project, props.month, 'csv')}
        fileName={`${file}.csv`}
        label="CSV"
        description={`Download the invoice of ${name} as CSV`}
      />
    </div>
  );
}

function InvoiceDetail(props: { project: string; month: string; onClose: () => void }) {
  const api = useApi();
  const invoice = useLoad(
    (signal) => api<Invoice>(invoicePath(props.project, props.month), { signal }),
    [props.project, props.month],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening an invoice moves the focus to it, so keyboard and screen reader users land on what they asked for.
  useEffect(() => heading.current?.focus(), [props.month]);
  const data = invoice.data;
  return (
    <article className="card invoice" aria-labelledby="invoice-heading">
      <div className="section-head">
        <h3 id="invoice-heading" ref={heading} tabIndex={-1}>
          Invoice of {monthName(props.month)}
        </h3>
        <Button onClick={props.onClose} aria-label={`Close the invoice of ${monthName(props.month)}`}>
          Close
        </Button>
      </div>
      {invoice.loading && data === undefined ? <Loading what="the invoice" /> : null}
      {invoice.error === undefined ? null : <ErrorNote error={invoice.error} retry={() => invoice.reload()} />}
      {data === undefined ? null : (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              {data.status === 'closed' ? `Closed ${dateTime(data.closed_at)}` : 'Open: the month is still counting'}
            </dd>
            {data.id === null || data.id === undefined ? null : (
              <>
                <dt>Number</dt>
                <dd>
                  <code>{data.id}</code>
                </dd>
              </>
            )}
            <dt>Period</dt>
            <dd>
              {dateTime(data.period_start)} to {dateTime(data.period_end)}
            </dd>
          </dl>
          <InvoiceLines invoice={data} />
        </>
      )}
    </article>
  );
}

function lineName(line: InvoiceLine): string {
  return line.deployment ?? `${line.deployment_id} (removed)`;
}

function InvoiceLines(props: { invoice: Invoice }) {
  const { invoice } = props;
  if (invoice.lines.length === 0) return <Empty>This invoice has no lines: there was no usage in the month.</Empty>;
  const taxRate = (invoice.tax_rate_basis_points ?? 0) / 100;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Lines of the invoice of {monthName(invoice.month)}</caption>
        <thead>
          <tr>
            <th scope="col">Deployment</th>
            <th scope="col">Model</th>
            <th scope="col" className="numeric">
              Requests
            </th>
            <th scope="col">Tokens × price per 1M</th>
            <th scope="col" className="numeric">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, index) => (
            <tr key={`${line.kind}-${line.usage_month}-${line.deployment_id}-${line.model}-${index}`}>
              <th scope="row">
                {lineName(line)}
                {line.kind === 'adjustment' ? (
                  <>
                    {' '}
                    <Badge>Adjustment for {monthName(line.usage_month)}</Badge>
                  </>
                ) : null}
              </th>
              <td>
                {line.model}
                {line.deployment_type === undefined ? null : (
                  <small className="hint block">{line.deployment_type}</small>
                )}
              </td>
              <td className="numeric">{line.requests === undefined ? '—' : count(line.requests)}</td>
              <td>
                <ul className="line-items">
                  {line.items.map((item) => (
                    <li key={item.token_kind}>
                      {TOKEN_KIND_LABELS[item.token_kind]}: {count(item.tokens)} ×{' '}
                      {usdPerMillion(item.unit_price_usd_per_million_tokens)}
                      {item.discount_basis_points !== undefined && item.discount_basis_points > 0
                        ? ` (−${item.discount_basis_points / 100} %)`
                        : ''}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="numeric">{dollars(line.amount_micro_usd)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              Subtotal
            </th>
            <td className="numeric">{dollars(invoice.subtotal_micro_usd)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4}>
              Tax{taxRate > 0 ? ` (${taxRate} %)` : ''}
            </th>
            <td className="numeric">{dollars(invoice.tax_micro_usd)}</td>
          </tr>
          <tr className="totals-row">
            <th scope="row" colSpan={4}>
              Total (USD)
            </th>
            <td className="numeric">{dollars(invoice.total_micro_usd)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Platform admins freeze every project's invoice for a month that has ended. */
function CloseMonthDialog(props: { onClose: (closed: boolean) => void }) {
  const api = useApi();
  const current = utcMonth(Date.now());
  const [month, setMonth] = useState(() => shiftMonth(current, -1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [result, setResult] = useState<InvoiceClosing | undefined>(undefined);
  const problem = !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)
    ? 'Pick a month.'
    : month >= current
      ? 'Only a month that has ended can be closed.'
      : undefined;
  return (
    <Dialog title="Close a month" open onClose={() => props.onClose(result !== undefined)}>
      {result === undefined ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (problem !== undefined) return;
            setBusy(true);
            setError(undefined);
            api<InvoiceClosing>(`/admin/invoices/close?month=${encodeURIComponent(month)}`, { method: 'POST' }).then(
              (closing) => {
                setBusy(false);
                setResult(closing);
              },
              (failure: unknown) => {
                setBusy(false);
                setError(failure instanceof Error ? failure : new Error(String(failure)));
              },
            );
          }}
        >
          <p>
            Closing a month freezes the invoice of <strong>every project</strong> for it: later corrections appear as
            adjustments on the next open month. This cannot be undone.
          </p>
          <Field label="Month (UTC)" error={problem}>
            {(id) => (
              <input
                id={id}
                type="month"
                value={month}
                max={shiftMonth(current, -1)}
                onChange={(event) => setMonth(event.target.value)}
                autoFocus
              />
            )}
          </Field>
          {error === undefined ? null : <ErrorNote error={error} />}
          <div className="row form-actions">
            <Button type="submit" variant="danger" disabled={busy || problem !== undefined}>
              {busy ? 'Closing…' : `Close ${problem === undefined ? monthName(month) : 'month'}`}
            </Button>
            <Button onClick={() => props.onClose(false)}>Cancel</Button>
          </div>
        </form>
      ) : (
        <>
          <p role="status">
            {monthName(result.month)}: closed {result.closed.length} invoice{result.closed.length === 1 ? '' : 's'}
            {result.already_closed > 0 ? `; ${result.already_closed} had been closed already` : ''}.
          </p>
          {result.closed.length === 0 ? null : (
            <ul>
              {result.closed.map((invoice) => (
                <li key={invoice.project_id}>
                  {invoice.project ?? invoice.project_id}: {dollars(invoice.total_micro_usd)}
                </li>
              ))}
            </ul>
          )}
          <Button variant="primary" onClick={() => props.onClose(true)}>
            Done
          </Button>
        </>
      )}
    </Dialog>
  );
}
