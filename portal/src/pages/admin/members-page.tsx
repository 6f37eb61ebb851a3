import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Badge, Button, Empty, ErrorNote, Field, Loading, PageHeader, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import { MEMBER_ROLES, roleTitle, segment, type Member, type MemberRole } from './admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from './use-action';

/** A project's members and roles; Owners (and platform admins) add people, change roles and remove them. */
export function MembersPage() {
  const session = useSession();
  const api = useApi();
  const project = session.project;
  const owner = session.can('Owner');
  const members = useLoad(
    (signal) =>
      project === null
        ? Promise.resolve([])
        : api<ListAnswer<Member>>(`/admin/projects/${segment(project)}/members`, { signal }).then(
            (answer) => answer.data,
          ),
    [project],
  );
  const [removing, setRemoving] = useState<Member | null>(null);

  if (project === null) {
    return (
      <div className="area-admin">
        <PageHeader title="Members" />
        <Empty>There is no project yet. A platform admin creates projects on the Projects page.</Empty>
      </div>
    );
  }

  const saved = async (email: string) => {
    members.reload();
    // Your own role changed: what the portal offers you changes with it.
    if (email === session.me.email) await session.refresh();
  };

  return (
    <div className="area-admin">
      <PageHeader title={`Members of ${project}`} />
      {owner ? (
        <AddMember project={project} onAdded={saved} />
      ) : (
        <p className="hint">Only the project’s Owners add, change and remove members.</p>
      )}
      {members.loading && members.data === undefined ? <Loading what="members" /> : null}
      {members.error === undefined ? null : <ErrorNote error={members.error} retry={() => members.reload()} />}
      {members.data === undefined ? null : (
        <Table
          caption={`Members of ${project}`}
          rows={members.data}
          rowKey={(member) => member.email}
          empty="No one is a member yet. Platform admins can still open the project."
          columns={[
            {
              header: 'Email',
              cell: (member) => (
                <>
                  {member.email}
                  {member.email === session.me.email ? (
                    <>
                      {' '}
                      <Badge>you</Badge>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: 'Name', cell: (member) => member.name ?? '—' },
            {
              header: 'Role',
              cell: (member) =>
                owner ? <RoleEditor project={project} member={member} onSaved={saved} /> : roleTitle(member.role),
            },
            { header: 'Added', cell: (member) => dateTime(member.added_at) },
            ...(owner
              ? [
                  {
                    header: 'Actions',
                    cell: (member: Member) => (
                      <Button
                        variant="danger"
                        onClick={() => setRemoving(member)}
                        aria-label={`Remove ${member.email}`}
                      >
                        Remove
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {removing === null ? null : (
        <ConfirmDialog
          danger
          title="Remove member"
          confirmLabel="Remove"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api(`/admin/projects/${segment(project)}/members/${segment(removing.email)}`, { method: 'DELETE' });
            const email = removing.email;
            setRemoving(null);
            await saved(email);
          }}
        >
          <p>
            Remove {removing.email} from {project}? They lose access to the project at once.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function RoleSelect(props: { id?: string; label?: string; value: MemberRole; onChange: (role: MemberRole) => void }) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as MemberRole)}
    >
      {MEMBER_ROLES.map((role) => (
        <option key={role} value={role}>
          {roleTitle(role)}
        </option>
      ))}
    </select>
  );
}

function RoleEditor(props: { project: string; member: Member; onSaved: (email: string) => Promise<void> }) {
  const api = useApi();
  const [role, setRole] = useState<MemberRole>(props.member.role);
  const action = useAction();
  const changed = role !== props.member.role;
  return (
    <div className="inline-edit">
      <RoleSelect label={`Role of ${props.member.email}`} value={role} onChange={setRole} />
      {changed ? (
        <Button
          variant="primary"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              await api(`/admin/projects/${segment(props.project)}/members/${segment(props.member.email)}`, {
                method: 'PUT',
                body: { role },
              });
              await props.onSaved(props.member.email);
            })
          }
        >
          Save role
        </Button>
      ) : null}
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
    </div>
  );
}

function AddMember(props: { project: string; onAdded: (email: string) => Promise<void> }) {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('reader');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    void action.run(async () => {
      await api(`/admin/projects/${segment(props.project)}/members/${segment(address)}`, {
        method: 'PUT',
        body: { role },
      });
      setEmail('');
      await props.onAdded(address.toLowerCase());
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add a member">
      <h2 className="card-title">Add a member</h2>
      <div className="row">
        <Field label="Email" hint="Someone with an account (platform admins add accounts).">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="email"
              required
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Role">{(id) => <RoleSelect id={id} value={role} onChange={setRole} />}</Field>
        <div className="field">
          <Button type="submit" variant="primary" disabled={action.busy || email.trim() === ''}>
            Add member
          </Button>
        </div>
      </div>
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
    </form>
  );
}
