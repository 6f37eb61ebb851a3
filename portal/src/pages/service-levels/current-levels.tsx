import { useState } from 'react';
import { useApi } from '../../auth/session-context';
import { count, milliseconds, percent } from '../../components/format';
import { Badge, ErrorNote, Field, Loading, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { sloPath, WINDOWS, type DeploymentName, type DeploymentSlo, type SloWindow } from './slo-types';

/** Tokens per second with one decimal, or a dash before any streamed output. */
export function tokensPerSecond(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(1);
}

export function AvailabilityBadge(props: { slo: Pick<DeploymentSlo, 'availability_percent'> }) {
  const value = props.slo.availability_percent;
  if (value === null) return <Badge>No requests</Badge>;
  return <Badge tone={value >= 99.9 ? 'ok' : value >= 99 ? 'warn' : 'bad'}>{percent(value, 3)}</Badge>;
}

/** Every deployment's availability and latency over one rolling window ending now. */
export function CurrentLevels(props: { project: string; deployments: readonly DeploymentName[] }) {
  const api = useApi();
  const [window, setWindow] = useState<SloWindow>('1h');
  const names = props.deployments.map((deployment) => deployment.name);
  const levels = useLoad(
    (signal) => Promise.all(names.map((name) => api<DeploymentSlo>(sloPath(props.project, name, window), { signal }))),
    [props.project, names.join('\n'), window],
  );
  const label = WINDOWS.find((candidate) => candidate.value === window)?.label ?? window;
  return (
    <section aria-labelledby="current-levels">
      <div className="section-head">
        <h2 id="current-levels">Now</h2>
        <Field label="Window">
          {(id) => (
            <select id={id} value={window} onChange={(event) => setWindow(event.target.value as SloWindow)}>
              {WINDOWS.map((candidate) => (
                <option key={candidate.value} value={candidate.value}>
                  {candidate.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {levels.loading && levels.data === undefined ? <Loading what="service levels" /> : null}
      {levels.error === undefined ? null : <ErrorNote error={levels.error} retry={() => levels.reload()} />}
      {levels.data === undefined ? null : (
        <Table
          caption={`Availability and latency per deployment, ${label.toLowerCase()}`}
          rows={levels.data}
          rowKey={(slo) => slo.deployment}
          empty="No deployments."
          columns={[
            { header: 'Deployment', cell: (slo) => slo.deployment },
            { header: 'Availability', cell: (slo) => <AvailabilityBadge slo={slo} /> },
            { header: 'Requests', numeric: true, cell: (slo) => count(slo.eligible_requests) },
            {
              header: 'Failed',
              numeric: true,
              cell: (slo) => count(slo.failed_requests ?? slo.eligible_requests - slo.successful_requests),
            },
            { header: 'Latency p50', numeric: true, cell: (slo) => milliseconds(slo.latency_ms?.p50) },
            { header: 'Latency p95', numeric: true, cell: (slo) => milliseconds(slo.latency_ms?.p95) },
            { header: 'First token p50', numeric: true, cell: (slo) => milliseconds(slo.time_to_first_token_ms?.p50) },
            { header: 'First token p95', numeric: true, cell: (slo) => milliseconds(slo.time_to_first_token_ms?.p95) },
            { header: 'Tokens/s', numeric: true, cell: (slo) => tokensPerSecond(slo.output_tokens_per_second) },
          ]}
        />
      )}
      <p className="hint">
        Availability counts successful requests over eligible ones; client errors, quota and budget refusals, content
        filtering and cancelled requests are not eligible.
      </p>
    </section>
  );
}
