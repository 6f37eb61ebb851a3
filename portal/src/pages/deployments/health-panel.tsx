import { useApi } from '../../auth/session-context';
import { count, dateTime, milliseconds } from '../../components/format';
import { Badge, Button, ErrorNote, Loading, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { deploymentPath, type BackendHealth, type BreakerState, type DeploymentHealth } from './deployment-types';
import { useEvery } from './use-every';

/** How often the health view re-reads: breakers open and close within seconds. */
export const HEALTH_POLL_MS = 5_000;

const BREAKER: Record<BreakerState, { label: string; tone: 'ok' | 'warn' | 'bad' }> = {
  closed: { label: 'Closed (serving)', tone: 'ok' },
  'half-open': { label: 'Half-open (trying again)', tone: 'warn' },
  open: { label: 'Open (skipped)', tone: 'bad' },
};

function breakerCell(backend: BackendHealth) {
  const state = BREAKER[backend.breaker.state];
  const since =
    backend.breaker.state === 'open' && backend.breaker.opened_at
      ? ` since ${dateTime(backend.breaker.opened_at)}`
      : backend.breaker.state === 'half-open' && backend.breaker.half_open_at
        ? ` since ${dateTime(backend.breaker.half_open_at)}`
        : '';
  return (
    <>
      <Badge tone={state.tone}>{state.label}</Badge>
      {since === '' ? null : <small className="muted">{since}</small>}
    </>
  );
}

function probeCell(backend: BackendHealth) {
  if (backend.last_probe === null) return <span className="muted">No probe yet</span>;
  return (
    <>
      <Badge tone={backend.last_probe.ok ? 'ok' : 'bad'}>{backend.last_probe.ok ? 'OK' : 'Failed'}</Badge>{' '}
      <small className="muted">{dateTime(backend.last_probe.at)}</small>
      {backend.last_probe.error === null ? null : <div className="field-error">{backend.last_probe.error}</div>}
    </>
  );
}

/** Each backend's circuit breaker, latency and load as this replica sees them, re-read every few seconds. */
export function HealthPanel(props: { project: string; name: string }) {
  const api = useApi();
  const health = useLoad(
    (signal) => api<DeploymentHealth>(`${deploymentPath(props.project, props.name)}/health`, { signal }),
    [props.project, props.name],
  );
  useEvery(HEALTH_POLL_MS, () => health.reload());
  return (
    <section className="card" aria-labelledby="health-heading">
      <div className="section-head">
        <h2 id="health-heading">Backends and health</h2>
        <Button onClick={() => health.reload()}>Refresh health</Button>
      </div>
      <p className="hint">
        This server’s view, refreshed every {HEALTH_POLL_MS / 1000} seconds
        {health.data === undefined ? '' : `; routing strategy: ${health.data.strategy}`}. An open breaker skips its
        backend until it cools down.
      </p>
      {health.error !== undefined ? (
        <ErrorNote error={health.error} retry={() => health.reload()} />
      ) : health.data === undefined ? (
        <Loading what="health" />
      ) : (
        <Table
          caption={`Health of the backends of ${props.name}`}
          rows={health.data.backends}
          rowKey={(backend) => `${backend.connection}/${backend.model}/${backend.priority ?? ''}`}
          empty="This deployment has no backends."
          columns={[
            { header: 'Connection', cell: (backend) => backend.connection },
            { header: 'Upstream model', cell: (backend) => backend.model },
            { header: 'Priority', numeric: true, cell: (backend) => backend.priority ?? '—' },
            { header: 'Weight', numeric: true, cell: (backend) => backend.weight ?? '—' },
            { header: 'Breaker', cell: breakerCell },
            {
              header: 'Failures',
              numeric: true,
              cell: (backend) =>
                `${count(backend.breaker.consecutive_failures)} in a row · ` +
                `${count(backend.breaker.window_failures)} of ${count(backend.breaker.window_calls)} recent`,
            },
            { header: 'Latency (avg)', numeric: true, cell: (backend) => milliseconds(backend.latency_ewma_ms) },
            { header: 'In flight', numeric: true, cell: (backend) => count(backend.in_flight) },
            { header: 'Last probe', cell: probeCell },
          ]}
        />
      )}
    </section>
  );
}
