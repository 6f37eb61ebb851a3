import { useState } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { BarChart } from '../../components/charts';
import { count, dollars } from '../../components/format';
import { Empty, ErrorNote, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { DownloadButton } from './download-button';
import { RangePicker } from './range-picker';
import { TotalsTable } from './totals-table';
import { chartDollars, chartLabel, compactCount, GROUPING_HEADERS, rowLabel, usageColumns } from './usage-columns';
import type { UsageGrouping, UsageReport } from './usage-types';
import { daysOf, shortDay, thisMonth, type DayRange } from './utc-dates';

/** The path of a project's usage report; `csv` asks for the spreadsheet instead of JSON. */
export function usagePath(project: string, range: DayRange, groupBy: UsageGrouping, csv = false): string {
  const query = new URLSearchParams({ from: range.from, to: range.to, group_by: groupBy });
  if (csv) query.set('format', 'csv');
  return `/admin/projects/${encodeURIComponent(project)}/usage?${query.toString()}`;
}

export function UsagePage() {
  const { project } = useSession();
  return (
    <div className="metering-page">
      <PageHeader title="Usage" />
      {project === null ? (
        <Empty>There is no project yet, so there is no usage to show.</Empty>
      ) : (
        <ProjectUsage key={project} project={project} />
      )}
    </div>
  );
}

function ProjectUsage(props: { project: string }) {
  const api = useApi();
  const [range, setRange] = useState<DayRange>(() => thisMonth(Date.now()));
  const byDay = useLoad(
    (signal) => api<UsageReport>(usagePath(props.project, range, 'day'), { signal }),
    [props.project, range.from, range.to],
  );
  return (
    <>
      <RangePicker range={range} onChange={setRange} />
      {byDay.loading && byDay.data === undefined ? <Loading what="usage" /> : null}
      {byDay.error === undefined ? null : <ErrorNote error={byDay.error} retry={() => byDay.reload()} />}
      {byDay.data === undefined ? null : byDay.data.data.length === 0 && byDay.data.totals.requests === 0 ? (
        <Empty>
          No usage from {byDay.data.from} to {byDay.data.to} (UTC) yet. Requests to the project’s deployments show up
          here once they are metered; <a href="#/playground">try a deployment in the playground</a>.
        </Empty>
      ) : (
        <>
          <UsageTotals report={byDay.data} />
          <DaySection project={props.project} report={byDay.data} />
          <BreakdownSection project={props.project} range={range} />
        </>
      )}
    </>
  );
}

function UsageTotals(props: { report: UsageReport }) {
  const { totals } = props.report;
  const figures: [string, string][] = [
    ['Requests', count(totals.requests)],
    ['Input tokens', count(totals.input_tokens)],
    ['Output tokens', count(totals.output_tokens)],
    ['Total tokens', count(totals.total_tokens)],
    ['Cost', dollars(totals.cost_micro_usd)],
  ];
  const notes = [
    totals.estimated_requests > 0 ? `${count(totals.estimated_requests)} with tokens counted by Hangar` : null,
    totals.upstream_error_requests > 0 ? `${count(totals.upstream_error_requests)} failed upstream` : null,
    totals.client_abort_requests > 0 ? `${count(totals.client_abort_requests)} cancelled by the client` : null,
    totals.filtered_requests > 0 ? `${count(totals.filtered_requests)} filtered` : null,
  ].filter((note) => note !== null);
  return (
    <section className="card" aria-label="Totals">
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {notes.length === 0 ? null : <p className="hint">Of the requests: {notes.join(', ')}.</p>}
    </section>
  );
}

function DaySection(props: { project: string; report: UsageReport }) {
  const { report } = props;
  // The report lists only days with usage; the charts show every day of the range, the others as zero.
  const found = new Map(report.data.map((row) => [row.day, row]));
  const days = daysOf(report).map((day) => ({ day, row: found.get(day) }));
  return (
    <section aria-labelledby="usage-by-day">
      <div className="section-head">
        <h2 id="usage-by-day">By day</h2>
        <DownloadButton
          path={usagePath(props.project, report, 'day', true)}
          fileName={`usage-${props.project}-day-${report.from}-${report.to}.csv`}
          label="Download CSV"
          description="Download usage by day as CSV"
        />
      </div>
      <div className="chart-pair">
        <BarChart
          title={`Tokens per day, ${report.from} to ${report.to}`}
          points={days.map(({ day, row }) => ({ label: shortDay(day), value: row?.total_tokens ?? 0 }))}
          format={compactCount}
        />
        <BarChart
          title={`Cost per day, ${report.from} to ${report.to}`}
          points={days.map(({ day, row }) => ({ label: shortDay(day), value: row?.cost_micro_usd ?? 0 }))}
          format={chartDollars}
        />
      </div>
      <TotalsTable
        caption="Usage by day"
        rows={report.data}
        columns={usageColumns('day', report.totals)}
        rowKey={(row) => row.day ?? ''}
      />
    </section>
  );
}

const BREAKDOWNS: Exclude<UsageGrouping, 'day'>[] = ['deployment', 'model', 'key'];

function BreakdownSection(props: { project: string; range: DayRange }) {
  const api = useApi();
  const [groupBy, setGroupBy] = useState<Exclude<UsageGrouping, 'day'>>('deployment');
  const report = useLoad(
    (signal) => api<UsageReport>(usagePath(props.project, props.range, groupBy), { signal }),
    [props.project, props.range.from, props.range.to, groupBy],
  );
  const noun = GROUPING_HEADERS[groupBy].toLowerCase();
  return (
    <section aria-labelledby="usage-breakdown">
      <div className="section-head">
        <h2 id="usage-breakdown">Breakdown</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">Break usage down by</legend>
          {BREAKDOWNS.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="usage-breakdown"
                value={option}
                checked={groupBy === option}
                onChange={() => setGroupBy(option)}
              />
              By {GROUPING_HEADERS[option].toLowerCase()}
            </label>
          ))}
        </fieldset>
        <DownloadButton
          path={usagePath(props.project, props.range, groupBy, true)}
          fileName={`usage-${props.project}-${groupBy}-${props.range.from}-${props.range.to}.csv`}
          label="Download CSV"
          description={`Download usage by ${noun} as CSV`}
        />
      </div>
      {report.loading && report.data === undefined ? <Loading what={`usage by ${noun}`} /> : null}
      {report.error === undefined ? null : <ErrorNote error={report.error} retry={() => report.reload()} />}
      {report.data === undefined ? null : report.data.data.length === 0 ? (
        <Empty>No usage by {noun} in this range.</Empty>
      ) : (
        <Breakdown report={report.data} groupBy={groupBy} />
      )}
    </section>
  );
}

function Breakdown(props: { report: UsageReport; groupBy: Exclude<UsageGrouping, 'day'> }) {
  const { report, groupBy } = props;
  const noun = GROUPING_HEADERS[groupBy].toLowerCase();
  const byTokens = [...report.data].sort((left, right) => right.total_tokens - left.total_tokens);
  const byCost = [...report.data].sort((left, right) => right.cost_micro_usd - left.cost_micro_usd);
  return (
    <>
      <div className="chart-pair">
        <BarChart
          title={`Tokens by ${noun}, ${report.from} to ${report.to}`}
          points={byTokens.map((row) => ({ label: chartLabel(row, groupBy), value: row.total_tokens }))}
          format={compactCount}
        />
        <BarChart
          title={`Cost by ${noun}, ${report.from} to ${report.to}`}
          points={byCost.map((row) => ({ label: chartLabel(row, groupBy), value: row.cost_micro_usd }))}
          format={chartDollars}
        />
      </div>
      <TotalsTable
        caption={`Usage by ${noun}`}
        rows={byCost}
        columns={usageColumns(groupBy, report.totals)}
        rowKey={(row) => `${rowLabel(row, groupBy)}|${row.deployment_id ?? row.key_id ?? ''}`}
      />
    </>
  );
}
