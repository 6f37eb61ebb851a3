import { useState } from 'react';
import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { count, dateTime, dollars } from '../../components/format';
import { Button, Dialog, Empty, ErrorNote, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { navigate } from '../../router/use-route';
import {
  deploymentPath,
  deploymentsPath,
  limit,
  retirement,
  usageTodayPath,
  VERSION_UPGRADE_NAMES,
  type Deployment,
  type QuotaGrant,
  type UsageReport,
} from './deployment-types';
import { EditDeploymentForm } from './edit-deployment-form';
import { HealthPanel } from './health-panel';
import { QuotaBar } from './quota-view';
import { routingText } from './settings-fields';

/** One deployment: settings, backends with live health, quota and today's use, edit and delete. */
export function DeploymentPage(props: { name: string }) {
  return (
    <div className="area-deployments">
      <DeploymentPageBody name={props.name} />
    </div>
  );
}

function DeploymentPageBody(props: { name: string }) {
  const session = useSession();
  if (session.project === null) {
    return (
      <>
        <PageHeader title={props.name} />
        <Empty>There is no project yet; a platform admin creates projects.</Empty>
      </>
    );
  }
  return <ProjectDeployment project={session.project} name={props.name} />;
}

function ProjectDeployment(props: { project: string; name: string }) {
  const { project } = props;
  const session = useSession();
  const api = useApi();
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // There is no GET of one deployment: the list is read and the name matched as the API does (ignoring case).
  const deployments = useLoad((signal) => api<ListAnswer<Deployment>>(deploymentsPath(project), { signal }), [project]);
  const deployment = deployments.data?.data.find(
    (candidate) => candidate.name.toLowerCase() === props.name.toLowerCase(),
  );
  const mayChange = session.can('Contributor');

  if (deployments.error !== undefined) {
    return (
      <>
        <PageHeader title={props.name} />
        <ErrorNote error={deployments.error} retry={() => deployments.reload()} />
      </>
    );
  }
  if (deployments.data === undefined) {
    return (
      <>
        <PageHeader title={props.name} />
        <Loading what="the deployment" />
      </>
    );
  }
  if (deployment === undefined) {
    return (
      <>
        <PageHeader title={props.name} />
        <Empty>
          Project {project} has no deployment named {props.name}. <a href="#/deployments">See its deployments</a>.
        </Empty>
      </>
    );
  }

  return (
    <>
      <PageHeader title={deployment.name}>
        <Button onClick={() => navigate('/deployments')}>All deployments</Button>
        {mayChange ? (
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        ) : null}
      </PageHeader>
      {notice === null ? null : (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Settings deployment={deployment} />
      <HealthPanel project={project} name={deployment.name} />
      <QuotaAndUse deployment={deployment} />
      {mayChange ? (
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change settings</h2>
          <EditDeploymentForm
            // A saved change re-reads the deployment; the key starts the form again from what the API answered.
            key={JSON.stringify(deployment)}
            deployment={deployment}
            onSaved={() => {
              setNotice('Saved. The next request uses the new settings.');
              deployments.reload();
            }}
          />
        </section>
      ) : (
        <section className="card" aria-labelledby="routing-heading">
          <h2 id="routing-heading">Routing</h2>
          <pre>{routingText(deployment.routing)}</pre>
        </section>
      )}
      <DeleteDialog
        open={deleting}
        deployment={deployment}
        onClose={() => setDeleting(false)}
        onDeleted={() => navigate('/deployments')}
      />
    </>
  );
}

function Settings(props: { deployment: Deployment }) {
  const { deployment } = props;
  const retiring = retirement(deployment.model_retires_at);
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <dl className="facts settings-facts">
        <div>
          <dt>Model</dt>
          <dd>{deployment.model}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{deployment.type}</dd>
        </div>
        <div>
          <dt>Tokens per minute</dt>
          <dd>{limit(deployment.tpm)}</dd>
        </div>
        <div>
          <dt>Requests per minute</dt>
          <dd>{limit(deployment.rpm, deployment.tpm)}</dd>
        </div>
        <div>
          <dt>Content filter</dt>
          <dd>{deployment.content_filter ?? 'The default policy'}</dd>
        </div>
        <div>
          <dt>Version upgrade</dt>
          <dd>{VERSION_UPGRADE_NAMES[deployment.version_upgrade] ?? deployment.version_upgrade}</dd>
        </div>
        <div>
          <dt>Routing</dt>
          <dd>
            {deployment.routing.strategy}, up to {deployment.routing.max_attempts} attempts
          </dd>
        </div>
        <div>
          <dt>Model retirement</dt>
          <dd>{retiring === null ? 'Not announced' : retiring.label}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{dateTime(deployment.created_at)}</dd>
        </div>
        <div>
          <dt>Id</dt>
          <dd>
            <code>{deployment.id}</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The project's grant for this model (if any) and what this deployment did today. */
function QuotaAndUse(props: { deployment: Deployment }) {
  const { deployment } = props;
  const api = useApi();
  const project = deployment.project;
  const quotas = useLoad(
    (signal) => api<ListAnswer<QuotaGrant>>(`/admin/projects/${encodeURIComponent(project)}/quotas`, { signal }),
    [project],
  );
  const usage = useLoad((signal) => api<UsageReport>(usageTodayPath(project), { signal }), [project]);
  const grant = quotas.data?.data.find((candidate) => candidate.model === deployment.model);
  const today = usage.data?.data.find(
    (row) => row.deployment_id === deployment.id || row.deployment === deployment.name,
  );
  return (
    <section className="card" aria-labelledby="quota-heading">
      <h2 id="quota-heading">Quota and use today</h2>
      {quotas.error !== undefined ? (
        <ErrorNote error={quotas.error} retry={() => quotas.reload()} />
      ) : quotas.data === undefined ? (
        <Loading what="quota" />
      ) : grant === undefined ? (
        <p className="muted">
          The project has no quota grant for {deployment.model}; its TPM is not checked against one.
        </p>
      ) : (
        <>
          <QuotaBar label={`Project grant for ${grant.model}`} used={grant.allocated_tpm} granted={grant.tpm} />
          <p className="hint">
            This deployment holds {deployment.tpm === null ? 'no fixed TPM' : `${count(deployment.tpm)} TPM`} of it.
          </p>
        </>
      )}
      {usage.error !== undefined ? (
        <ErrorNote error={usage.error} retry={() => usage.reload()} />
      ) : usage.data === undefined ? (
        <Loading what="today's use" />
      ) : (
        <dl className="facts">
          <div>
            <dt>Requests today (UTC)</dt>
            <dd>{count(today?.requests ?? 0)}</dd>
          </div>
          <div>
            <dt>Tokens today</dt>
            <dd>{count(today?.total_tokens ?? 0)}</dd>
          </div>
          <div>
            <dt>Cost today</dt>
            <dd>{dollars(today?.cost_micro_usd ?? 0)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function DeleteDialog(props: { open: boolean; deployment: Deployment; onClose: () => void; onDeleted: () => void }) {
  const api = useApi();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(deploymentPath(props.deployment.project, props.deployment.name), { method: 'DELETE' });
      props.onDeleted();
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Delete ${props.deployment.name}?`} open={props.open} onClose={props.onClose}>
      <p>
        Clients calling <strong>{props.deployment.name}</strong> get an error from then on. Its usage stays in the
        reports. This cannot be undone.
      </p>
      {error === null ? null : <ErrorNote error={error} />}
      <div className="row form-actions">
        <Button variant="danger" disabled={busy} onClick={() => void remove()}>
          {busy ? 'Deleting…' : 'Delete deployment'}
        </Button>
        <Button onClick={props.onClose} autoFocus>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}
