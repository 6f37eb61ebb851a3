import { useState } from 'react';
import { useApi } from '../../auth/session-context';
import { LineChart, type Point } from '../../components/charts';
import { count, milliseconds, percent } from '../../components/format';
import { Empty, ErrorNote, Field, Loading, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { monthName, monthsUpTo, utcMonth } from '../usage/utc-dates';
import { tokensPerSecond } from './current-levels';
import {
  slaPath,
  sloPath,
  WINDOWS,
  type DeploymentName,
  type DeploymentSlo,
  type SlaDeployment,
  type SlaReport,
  type SloPoint,
  type SloWindow,
} from './slo-types';

const TREND_MONTHS = 6;

/** The summary table lists the rolling windows longest first, so a figure that grows downwards got worse lately. */
const WINDOWS_OLDEST_FIRST = [...WINDOWS].reverse();

interface Trends {
  windows: DeploymentSlo[];
  months: { month: string; row: SlaDeployment | undefined }[];
}

/** Points with a value; a month or window without requests has none and is left out rather than drawn as 0. */
function pointsOf<Item>(
  items: readonly Item[],
  label: (item: Item) => string,
  value: (item: Item) => number | null | undefined,
): Point[] {
  return items.flatMap((item) => {
    const figure = value(item);
    return figure === null || figure === undefined ? [] : [{ label: label(item), value: figure }];
  });
}

/** One deployment's availability by month and its latency and time to first token across windows. */
export function DeploymentTrends(props: { project: string; deployments: readonly DeploymentName[] }) {
  const api = useApi();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [trendWindow, setTrendWindow] = useState<SloWindow>('24h');
  const deployment = props.deployments.find((candidate) => candidate.name === chosen) ?? props.deployments[0];
  const trends = useLoad(
    async (signal): Promise<Trends | undefined> => {
      if (deployment === undefined) return undefined;
      const months = monthsUpTo(utcMonth(Date.now()), TREND_MONTHS);
      const [windows, reports] = await Promise.all([
        Promise.all(
          WINDOWS_OLDEST_FIRST.map((window) =>
            api<DeploymentSlo>(sloPath(props.project, deployment.name, window.value), { signal }),
          ),
        ),
        Promise.all(months.map((month) => api<SlaReport>(slaPath(props.project, month), { signal }))),
      ]);
      return {
        windows,
        months: reports.map((report) => ({
          month: report.month,
          row: report.deployments.find((row) => row.deployment_id === deployment.id),
        })),
      };
    },
    [props.project, deployment?.id, deployment?.name],
  );
  if (deployment === undefined) return null;

  const windowLabel = (slo: DeploymentSlo) =>
    WINDOWS.find((candidate) => candidate.value === slo.window)?.label ?? slo.window;
  const data = trends.data;
  const availability =
    data === undefined
      ? []
      : pointsOf(
          data.months,
          (month) => monthName(month.month),
          (month) => month.row?.availability_percent,
        );
  const lowest = Math.min(100, ...availability.map((point) => point.value));
  return (
    <section aria-labelledby="deployment-trends">
      <div className="section-head">
        <h2 id="deployment-trends">Trends</h2>
        <Field label="Deployment">
          {(id) => (
            <select id={id} value={deployment.name} onChange={(event) => setChosen(event.target.value)}>
              {props.deployments.map((candidate) => (
                <option key={candidate.id} value={candidate.name}>
                  {candidate.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {trends.loading && data === undefined ? <Loading what={`trends of ${deployment.name}`} /> : null}
      {trends.error === undefined ? null : <ErrorNote error={trends.error} retry={() => trends.reload()} />}
      {data === undefined ? null : (
        <>
          <h3>Availability by month</h3>
          <div className="chart-pair">
            {availability.length === 0 ? (
              <Empty>
                No requests to {deployment.name} in the last {TREND_MONTHS} months.
              </Empty>
            ) : (
              <LineChart
                title={`Availability of ${deployment.name} by month`}
                points={availability}
                format={(value) => percent(value, 2)}
                // A band that starts just under the worst month, so the differences that matter show.
                min={Math.max(0, Math.floor(lowest) - 1)}
                max={100}
              />
            )}
            <Table
              caption={`Availability of ${deployment.name} by month`}
              rows={data.months}
              rowKey={(month) => month.month}
              empty="No months."
              columns={[
                { header: 'Month', cell: (month) => monthName(month.month) },
                { header: 'Target', numeric: true, cell: (month) => percent(month.row?.target_percent) },
                { header: 'Availability', numeric: true, cell: (month) => percent(month.row?.availability_percent, 3) },
                { header: 'Downtime (min)', numeric: true, cell: (month) => count(month.row?.downtime_minutes ?? 0) },
                { header: 'Requests', numeric: true, cell: (month) => count(month.row?.eligible_requests ?? 0) },
              ]}
            />
          </div>
          <div className="section-head">
            <h3>Availability and latency over time</h3>
            <Field label="Trend over">
              {(id) => (
                <select
                  id={id}
                  value={trendWindow}
                  onChange={(event) => setTrendWindow(event.target.value as SloWindow)}
                >
                  {WINDOWS.map((window) => (
                    <option key={window.value} value={window.value}>
                      {window.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <p className="hint">
            In steps of {STEP_NAMES[trendWindow]} (UTC); steps without requests are left out. Time to first token counts
            streamed requests only.
          </p>
          <TrendCharts
            name={deployment.name}
            window={trendWindow}
            series={data.windows.find((slo) => slo.window === trendWindow)?.series ?? []}
          />
          <Table
            caption={`Latency of ${deployment.name} by window`}
            rows={data.windows}
            rowKey={(slo) => slo.window}
            empty="No windows."
            columns={[
              { header: 'Window', cell: windowLabel },
              { header: 'Availability', numeric: true, cell: (slo) => percent(slo.availability_percent, 3) },
              { header: 'Requests', numeric: true, cell: (slo) => count(slo.eligible_requests) },
              { header: 'Latency p50', numeric: true, cell: (slo) => milliseconds(slo.latency_ms?.p50) },
              { header: 'Latency p95', numeric: true, cell: (slo) => milliseconds(slo.latency_ms?.p95) },
              {
                header: 'First token p50',
                numeric: true,
                cell: (slo) => milliseconds(slo.time_to_first_token_ms?.p50),
              },
              {
                header: 'First token p95',
                numeric: true,
                cell: (slo) => milliseconds(slo.time_to_first_token_ms?.p95),
              },
              { header: 'Tokens/s', numeric: true, cell: (slo) => tokensPerSecond(slo.output_tokens_per_second) },
            ]}
          />
        </>
      )}
    </section>
  );
}

const STEP_NAMES: Record<SloWindow, string> = { '1h': '5 minutes', '24h': 'an hour', '30d': 'a day' };

/** A step's start as its axis label: the time for the hour and day windows, the date for the month. */
function stepLabel(from: string, window: SloWindow): string {
  const at = new Date(from);
  return window === '30d'
    ? at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
    : at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
}

function TrendCharts(props: { name: string; window: SloWindow; series: readonly SloPoint[] }) {
  const label = (point: SloPoint) => stepLabel(point.from, props.window);
  const availability = pointsOf(props.series, label, (point) => point.availability_percent);
  const lowest = Math.min(100, ...availability.map((point) => point.value));
  const charts: { title: string; points: Point[]; format: (value: number) => string; min?: number; max?: number }[] = [
    {
      title: `Availability of ${props.name}`,
      points: availability,
      format: (value: number) => percent(value, 2),
      min: Math.max(0, Math.floor(lowest) - 1),
      max: 100,
    },
    {
      title: `Latency p50 of ${props.name}`,
      points: pointsOf(props.series, label, (point) => point.latency_ms.p50),
      format: milliseconds,
    },
    {
      title: `Latency p95 of ${props.name}`,
      points: pointsOf(props.series, label, (point) => point.latency_ms.p95),
      format: milliseconds,
    },
    {
      title: `Time to first token p95 of ${props.name}`,
      points: pointsOf(props.series, label, (point) => point.time_to_first_token_ms?.p95),
      format: milliseconds,
    },
  ].filter((chart) => chart.points.length > 0);
  if (charts.length === 0) {
    return <Empty>No requests to {props.name} in this window, so there is no trend to show.</Empty>;
  }
  return (
    <div className="chart-pair">
      {charts.map((chart) => (
        <LineChart
          key={chart.title}
          title={chart.title}
          points={chart.points}
          format={chart.format}
          {...(chart.min === undefined ? {} : { min: chart.min })}
          {...(chart.max === undefined ? {} : { max: chart.max })}
        />
      ))}
    </div>
  );
}
