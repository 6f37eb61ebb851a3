import { useState } from 'react';
import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { count, dollars } from '../../components/format';
import { Badge, Button, Empty, ErrorNote, Loading, PageHeader, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { CreateDeploymentDialog } from './create-deployment-dialog';
import {
  deploymentPath,
  deploymentsPath,
  limit,
  retirement,
  summariseHealth,
  usageTodayPath,
  type Deployment,
  type DeploymentHealth,
  type QuotaGrant,
  type UsageReport,
  type UsageRow,
} from './deployment-types';
import { QuotaList } from './quota-view';
import { useEvery } from './use-every';

/** Health is this replica's view and moves with traffic, so the list re-reads it now and then. */
const HEALTH_REFRESH_MS = 10_000;

export function deploymentHref(name: string): string {
  return `#/deployments/${encodeURIComponent(name)}`;
}

/** A deployment's status: its backends' health, and its model's retirement when one is announced. */
export function DeploymentStatus(props: { deployment: Deployment; health: DeploymentHealth | undefined }) {
  const health = summariseHealth(props.health);
  const retiring = retirement(props.deployment.model_retires_at);
  return (
    <span className="status">
      <Badge tone={health.tone}>{health.label}</Badge>
      {retiring === null ? null : <Badge tone={retiring.retired ? 'bad' : 'warn'}>{retiring.label}</Badge>}
    </span>
  );
}

/** The project's deployments with status, type, model, limits and today's use; a form to add one. */
export function DeploymentsPage() {
  return (
    <div className="area-deployments">
      <DeploymentsPageBody />
    </div>
  );
}

function DeploymentsPageBody() {
  const session = useSession();
  if (session.project === null) {
    return (
      <>
        <PageHeader title="Deployments" />
        <Empty>There is no project yet; a platform admin creates projects.</Empty>
      </>
    );
  }
  return <ProjectDeployments project={session.project} />;
}

function ProjectDeployments(props: { project: string }) {
  const { project } = props;
  const session = useSession();
  const api = useApi();
  const [creating, setCreating] = useState(false);
  const deployments = useLoad((signal) => api<ListAnswer<Deployment>>(deploymentsPath(project), { signal }), [project]);
  const names = (deployments.data?.data ?? []).map((deployment) => deployment.name);
  const health = useLoad(
    async (signal) => {
      // One deployment's health failing must not hide the others'.
      const answers = await Promise.allSettled(
        names.map((name) => api<DeploymentHealth>(`${deploymentPath(project, name)}/health`, { signal })),
      );
      return new Map(
        answers.flatMap((answer, index) =>
          answer.status === 'fulfilled' ? [[names[index] ?? '', answer.value] as const] : [],
        ),
      );
    },
    [project, names.join('\n')],
  );
  useEvery(HEALTH_REFRESH_MS, () => health.reload());
  const quotas = useLoad(
    (signal) => api<ListAnswer<QuotaGrant>>(`/admin/projects/${encodeURIComponent(project)}/quotas`, { signal }),
    [project],
  );
  const usage = useLoad((signal) => api<UsageReport>(usageTodayPath(project), { signal }), [project]);
  const usageOf = (deployment: Deployment): UsageRow | undefined =>
    usage.data?.data.find((row) => row.deployment_id === deployment.id || row.deployment === deployment.name);
  const mayChange = session.can('Contributor');

  return (
    <>
      <PageHeader title="Deployments">
        <Button
          onClick={() => {
            deployments.reload();
            health.reload();
            quotas.reload();
            usage.reload();
          }}
        >
          Refresh
        </Button>
        {mayChange ? (
          <Button variant="primary" onClick={() => setCreating(true)}>
            New deployment
          </Button>
        ) : null}
      </PageHeader>
      {deployments.error !== undefined ? (
        <ErrorNote error={deployments.error} retry={() => deployments.reload()} />
      ) : deployments.data === undefined ? (
        <Loading what="deployments" />
      ) : (
        <Table
          caption={`Deployments of project ${project}`}
          rows={deployments.data.data}
          rowKey={(deployment) => deployment.id}
          empty={
            mayChange ? (
              <>
                No deployments yet. Deploy a model from the <a href="#/catalog">catalog</a> or with New deployment.
              </>
            ) : (
              'No deployments yet.'
            )
          }
          columns={[
            {
              header: 'Name',
              cell: (deployment) => <a href={deploymentHref(deployment.name)}>{deployment.name}</a>,
            },
            {
              header: 'Status',
              cell: (deployment) => (
                <DeploymentStatus deployment={deployment} health={health.data?.get(deployment.name)} />
              ),
            },
            { header: 'Type', cell: (deployment) => deployment.type },
            { header: 'Model', cell: (deployment) => deployment.model },
            {
              header: 'Backends',
              cell: (deployment) => deployment.backends.map((backend) => backend.connection).join(', '),
            },
            { header: 'TPM', numeric: true, cell: (deployment) => limit(deployment.tpm) },
            { header: 'RPM', numeric: true, cell: (deployment) => limit(deployment.rpm, deployment.tpm) },
            {
              header: 'Requests today',
              numeric: true,
              cell: (deployment) => (usage.data === undefined ? '—' : count(usageOf(deployment)?.requests ?? 0)),
            },
            {
              header: 'Tokens today',
              numeric: true,
              cell: (deployment) => (usage.data === undefined ? '—' : count(usageOf(deployment)?.total_tokens ?? 0)),
            },
            {
              header: 'Cost today',
              numeric: true,
              cell: (deployment) =>
                usage.data === undefined ? '—' : dollars(usageOf(deployment)?.cost_micro_usd ?? 0),
            },
          ]}
        />
      )}
      {usage.error === undefined ? null : <ErrorNote error={usage.error} retry={() => usage.reload()} />}
      <section className="card" aria-labelledby="quota-heading">
        <h2 id="quota-heading">Quota</h2>
        <p className="hint">Tokens per minute granted to the project per model, and what its deployments hold.</p>
        {quotas.error !== undefined ? (
          <ErrorNote error={quotas.error} retry={() => quotas.reload()} />
        ) : quotas.data === undefined ? (
          <Loading what="quota" />
        ) : (
          <QuotaList grants={quotas.data.data} />
        )}
      </section>
      <CreateDeploymentDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
