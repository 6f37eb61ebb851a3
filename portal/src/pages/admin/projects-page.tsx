import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Button, CopyButton, Dialog, ErrorNote, Field, Loading, PageHeader, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import type { Project } from '../../api/types';
import { segment, type CreatedProject } from './admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from './use-action';
import { UsersSection } from './users-section';
import { PlatformAdminsOnly } from './platform-admins-only';

/** Platform admins: projects (create, showing key1 and key2 once; delete) and the users who may sign in. */
export function AdminProjectsPage() {
  const session = useSession();
  const api = useApi();
  const projects = useLoad(
    (signal) => api<ListAnswer<Project>>('/admin/projects', { signal }).then((answer) => answer.data),
    [],
  );
  const [created, setCreated] = useState<CreatedProject | null>(null);
  const [removing, setRemoving] = useState<Project | null>(null);

  if (!session.me.platform_admin)
    return <PlatformAdminsOnly title="Projects" message="Only platform admins manage projects and users." />;

  const changed = async () => {
    projects.reload();
    // The project picker in the top bar lists projects from the session.
    await session.refresh();
  };

  return (
    <div className="area-admin">
      <PageHeader title="Projects" />
      <CreateProject
        onCreated={async (project) => {
          setCreated(project);
          await changed();
        }}
      />
      {projects.loading && projects.data === undefined ? <Loading what="projects" /> : null}
      {projects.error === undefined ? null : <ErrorNote error={projects.error} retry={() => projects.reload()} />}
      {projects.data === undefined ? null : (
        <Table
          caption="Projects"
          rows={projects.data}
          rowKey={(project) => project.id}
          empty="No projects yet. Create one above."
          columns={[
            { header: 'Name', cell: (project) => project.name },
            { header: 'Id', cell: (project) => <code>{project.id}</code> },
            { header: 'Created', cell: (project) => dateTime(project.created_at) },
            {
              header: 'Actions',
              cell: (project) => (
                <Button
                  variant="danger"
                  onClick={() => setRemoving(project)}
                  aria-label={`Delete project ${project.name}`}
                >
                  Delete
                </Button>
              ),
            },
          ]}
        />
      )}
      <UsersSection />
      {created === null ? null : <CreatedKeys project={created} onClose={() => setCreated(null)} />}
      {removing === null ? null : (
        <ConfirmDialog
          danger
          title="Delete project"
          confirmLabel="Delete project"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api(`/admin/projects/${segment(removing.name)}`, { method: 'DELETE' });
            setRemoving(null);
            await changed();
          }}
        >
          <p>
            Delete <strong>{removing.name}</strong> with its keys and deployments? Applications using its keys stop
            working at once. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function CreateProject(props: { onCreated: (project: CreatedProject) => Promise<void> }) {
  const api = useApi();
  const [name, setName] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const project = await api<CreatedProject>('/admin/projects', { method: 'POST', body: { name: name.trim() } });
      setName('');
      await props.onCreated(project);
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Create a project">
      <h2 className="card-title">Create a project</h2>
      <div className="row">
        <Field label="Project name" hint="1 to 64 letters, digits, dots, dashes and underscores.">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              required
              autoComplete="off"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <div className="field">
          <Button type="submit" variant="primary" disabled={action.busy || name.trim() === ''}>
            Create project
          </Button>
        </div>
      </div>
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
    </form>
  );
}

/** key1 and key2 are in the create answer only: shown here once, with copy buttons. */
function CreatedKeys(props: { project: CreatedProject; onClose: () => void }) {
  const keys = props.project.keys;
  return (
    <Dialog title={`Project ${props.project.name} created`} open onClose={props.onClose}>
      {keys === undefined ? (
        <p>The project was created.</p>
      ) : (
        <>
          <p>
            Copy its keys now: <strong>they are not shown again.</strong> Either key calls the project’s deployments;
            rotate them one at a time on the Keys page.
          </p>
          <dl className="secret-list">
            {(['key1', 'key2'] as const).map((name) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>
                  <code>{keys[name]}</code> <CopyButton text={keys[name]} label={`Copy ${name}`} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <div className="dialog-actions">
        <Button variant="primary" onClick={props.onClose} autoFocus>
          I have copied them
        </Button>
      </div>
    </Dialog>
  );
}
