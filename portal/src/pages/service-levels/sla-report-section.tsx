import { useState } from 'react';
import { useApi } from '../../auth/session-context';
import { count, dateTime, dollars, percent } from '../../components/format';
import { Badge, Empty, ErrorNote, Field, Loading } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { TotalsTable } from '../usage/totals-table';
import { monthName, utcMonth } from '../usage/utc-dates';
import { slaDeploymentName, slaPath, type SlaReport } from './slo-types';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month's SLA report: each deployment's target, measured availability, downtime and service credit. */
export function SlaReportSection(props: { project: string }) {
  const api = useApi();
  const current = utcMonth(Date.now());
  const [month, setMonth] = useState(current);
  const valid = MONTH.test(month) && month <= current;
  const report = useLoad(
    (signal) => (valid ? api<SlaReport>(slaPath(props.project, month), { signal }) : Promise.resolve(undefined)),
    [props.project, month, valid],
  );
  const data = report.data;
  return (
    <section aria-labelledby="sla-report">
      <div className="section-head">
        <h2 id="sla-report">SLA report</h2>
        <Field
          label="Month (UTC)"
          error={valid ? undefined : month > current ? 'That month has not started yet.' : 'Pick a month.'}
        >
          {(id) => (
            <input
              id={id}
              type="month"
              value={month}
              max={current}
              onChange={(event) => setMonth(event.target.value)}
            />
          )}
        </Field>
      </div>
      {report.loading && data === undefined ? <Loading what="the SLA report" /> : null}
      {report.error === undefined ? null : <ErrorNote error={report.error} retry={() => report.reload()} />}
      {data === undefined || !valid ? null : data.deployments.length === 0 ? (
        <Empty>No deployment of the project served requests in {monthName(data.month)}.</Empty>
      ) : (
        <>
          <p className="hint">
            {monthName(data.month)}
            {data.period_start === undefined || data.period_end === undefined
              ? ''
              : `, ${dateTime(data.period_start)} to ${dateTime(data.period_end)}`}
            {data.month === current ? ' (the month is still running)' : ''}.
            {data.downtime_error_rate_percent === undefined
              ? ''
              : ` A minute counts as down when more than ${data.downtime_error_rate_percent} % of its eligible requests failed.`}
          </p>
          <TotalsTable
            caption={`SLA report for ${monthName(data.month)}`}
            rows={data.deployments}
            rowKey={(row) => row.deployment_id}
            totalLabel="Total credit"
            columns={[
              {
                header: 'Deployment',
                cell: (row) => (
                  <>
                    {slaDeploymentName(row)}
                    {row.deployment_type === undefined ? null : (
                      <small className="hint block">{row.deployment_type}</small>
                    )}
                  </>
                ),
              },
              { header: 'Target', numeric: true, cell: (row) => percent(row.target_percent) },
              { header: 'Measured', numeric: true, cell: (row) => percent(row.availability_percent, 3) },
              {
                header: 'Met',
                cell: (row) =>
                  row.availability_percent === null ? (
                    <Badge>No requests</Badge>
                  ) : row.met === false ? (
                    <Badge tone="bad">Missed</Badge>
                  ) : (
                    <Badge tone="ok">Met</Badge>
                  ),
              },
              { header: 'Downtime (min)', numeric: true, cell: (row) => count(row.downtime_minutes ?? 0) },
              { header: 'Active (min)', numeric: true, cell: (row) => count(row.active_minutes ?? 0) },
              {
                header: 'Credit',
                numeric: true,
                cell: (row) => percent(row.credit_percent, Number.isInteger(row.credit_percent) ? 0 : 2),
              },
              {
                header: 'Invoiced',
                numeric: true,
                cell: (row) =>
                  row.invoice_amount_micro_usd === undefined ? '—' : dollars(row.invoice_amount_micro_usd),
              },
              {
                header: 'Credit amount',
                numeric: true,
                cell: (row) => dollars(row.credit_micro_usd),
                total: dollars(data.total_credit_micro_usd),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
