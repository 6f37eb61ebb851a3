import { useState } from 'react';
import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Badge, Button, Empty, ErrorNote, Loading, PageHeader, Table, type Column } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CreateKeyDialog } from './create-key-dialog';
import { STATUS_TITLES, scopeLabel, statusTone } from './key-labels';
import { keyPath, keysPath, projectRoleOf, type ApiKey, type ApiKeyWithSecret } from './key-types';
import { SecretDialog } from './secret-dialog';

export function KeysPage() {
  const session = useSession();
  if (session.project === null) {
    return (
      <div className="area-keys">
        <PageHeader title="Keys" />
        <Empty>There is no project to show keys of yet.</Empty>
      </div>
    );
  }
  return <ProjectKeys key={session.project} project={session.project} />;
}

type Pending = { action: 'regenerate' | 'revoke'; key: ApiKey } | null;

function ProjectKeys(props: { project: string }) {
  const api = useApi();
  const session = useSession();
  const keys = useLoad((signal) => api<ListAnswer<ApiKey>>(keysPath(props.project), { signal }), [props.project]);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [secret, setSecret] = useState<{ title: string; created: ApiKeyWithSecret } | null>(null);

  const mayManage = session.can('Contributor', props.project);
  // An admin key can only be handled by someone who holds its role (the API refuses the rest).
  const mayHandle = (key: ApiKey) =>
    mayManage && (key.scope !== 'admin' || key.role === null || session.can(projectRoleOf(key.role), props.project));

  const columns: Column<ApiKey>[] = [
    { header: 'Name', cell: (key) => <strong>{key.name}</strong> },
    { header: 'Prefix', cell: (key) => <code>{key.prefix}…</code> },
    { header: 'Status', cell: (key) => <Badge tone={statusTone(key.status)}>{STATUS_TITLES[key.status]}</Badge> },
    { header: 'Scope', cell: scopeLabel },
    {
      header: 'Deployments',
      cell: (key) => (key.deployments === null ? 'All' : key.deployments.join(', ')),
    },
    { header: 'Expires', cell: (key) => (key.expires_at === null ? 'Never' : dateTime(key.expires_at)) },
    { header: 'Last used', cell: (key) => (key.last_used_at === null ? 'Never' : dateTime(key.last_used_at)) },
  ];
  if (mayManage) {
    columns.push({
      header: 'Actions',
      cell: (key) =>
        mayHandle(key) ? (
          <div className="row-actions">
            <Button onClick={() => setPending({ action: 'regenerate', key })} aria-label={`Regenerate ${key.name}`}>
              Regenerate
            </Button>
            {key.status === 'revoked' ? null : (
              <Button
                variant="danger"
                onClick={() => setPending({ action: 'revoke', key })}
                aria-label={`Revoke ${key.name}`}
              >
                Revoke
              </Button>
            )}
          </div>
        ) : (
          <span className="hint">Needs the {key.role} role</span>
        ),
    });
  }

  const regenerate = async (key: ApiKey) => {
    const created = await api<ApiKeyWithSecret>(`${keyPath(props.project, key.name)}/regenerate`, { method: 'POST' });
    setPending(null);
    setSecret({ title: `New secret for ${key.name}`, created });
    keys.reload();
  };
  const revoke = async (key: ApiKey) => {
    await api<ApiKey>(keyPath(props.project, key.name), { method: 'DELETE' });
    setPending(null);
    keys.reload();
  };

  return (
    <div className="area-keys">
      <PageHeader title="Keys">
        {mayManage ? (
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create key
          </Button>
        ) : null}
      </PageHeader>
      <p className="hint page-intro">
        Keys of project <strong>{props.project}</strong> call its deployments (scope inference) or also act on its admin
        API with a role (scope admin). A project created in Hangar starts with key1 and key2: regenerate one while
        clients use the other, then switch them over.
      </p>
      {keys.loading && keys.data === undefined ? (
        <Loading what="keys" />
      ) : keys.error !== undefined ? (
        <ErrorNote error={keys.error} retry={() => keys.reload()} />
      ) : (
        <Table
          caption={`Keys of project ${props.project}`}
          rows={keys.data?.data ?? []}
          columns={columns}
          rowKey={(key) => key.id}
          empty={mayManage ? 'No keys yet. Create one to call the deployments.' : 'No keys yet.'}
        />
      )}
      {creating ? (
        <CreateKeyDialog
          project={props.project}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSecret({ title: 'Key created', created });
            keys.reload();
          }}
        />
      ) : null}
      {pending?.action === 'regenerate' ? (
        <ConfirmDialog
          title={`Regenerate ${pending.key.name}?`}
          confirmLabel="Regenerate"
          onConfirm={() => regenerate(pending.key)}
          onClose={() => setPending(null)}
        >
          <p>
            The current secret of <strong>{pending.key.name}</strong> stops working at once; clients using it get 401
            until they switch to the new secret, which is shown once.
            {pending.key.status === 'revoked' ? ' The key becomes active again.' : ''}
          </p>
        </ConfirmDialog>
      ) : null}
      {pending?.action === 'revoke' ? (
        <ConfirmDialog
          title={`Revoke ${pending.key.name}?`}
          confirmLabel="Revoke"
          danger
          onConfirm={() => revoke(pending.key)}
          onClose={() => setPending(null)}
        >
          <p>
            Requests with <strong>{pending.key.name}</strong> are refused from now on. The name stays taken;
            regenerating the key later gives it a new secret and makes it active again.
          </p>
        </ConfirmDialog>
      ) : null}
      <SecretDialog title={secret?.title ?? ''} created={secret?.created ?? null} onClose={() => setSecret(null)} />
    </div>
  );
}
