import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Badge, Button, Dialog, ErrorNote, Field, Loading, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import { segment, type User } from './admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from './use-action';

/** The API's rule for passwords, checked here only to say it before the request. */
const PASSWORD_MINIMUM = 12;

/** A change that needs a second look: it locks someone out or takes rights away. */
type Pending = { kind: 'disable'; user: User } | { kind: 'revoke-admin'; user: User } | { kind: 'remove'; user: User };

/** People who may sign in: add, reset a password, disable or enable, make or unmake platform admin, remove. */
export function UsersSection() {
  const api = useApi();
  const session = useSession();
  const users = useLoad(
    (signal) => api<ListAnswer<User>>('/admin/users', { signal }).then((answer) => answer.data),
    [],
  );
  const [pending, setPending] = useState<Pending | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const rowAction = useAction();

  const patch = (user: User, body: Record<string, unknown>) =>
    api<User>(`/admin/users/${segment(user.email)}`, { method: 'PATCH', body });

  const you = (user: User) => user.email === session.me.email;

  return (
    <section aria-labelledby="users-heading" className="section">
      <h2 id="users-heading">Users</h2>
      <AddUser onAdded={() => users.reload()} />
      {users.loading && users.data === undefined ? <Loading what="users" /> : null}
      {users.error === undefined ? null : <ErrorNote error={users.error} retry={() => users.reload()} />}
      {rowAction.error === undefined ? null : <ErrorNote error={rowAction.error} />}
      {users.data === undefined ? null : (
        <Table
          caption="Users"
          rows={users.data}
          rowKey={(user) => user.id}
          empty="No users yet: only the admin key signs in. Add people above."
          columns={[
            {
              header: 'Email',
              cell: (user) => (
                <>
                  {user.email} {you(user) ? <Badge>you</Badge> : null}
                </>
              ),
            },
            { header: 'Name', cell: (user) => user.name ?? '—' },
            {
              header: 'Status',
              cell: (user) => (
                <span className="badges">
                  {user.disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="ok">active</Badge>}
                  {user.platform_admin ? <Badge tone="warn">platform admin</Badge> : null}
                </span>
              ),
            },
            { header: 'Created', cell: (user) => dateTime(user.created_at) },
            {
              header: 'Actions',
              cell: (user) => (
                <div className="button-row">
                  <Button onClick={() => setResetting(user)} aria-label={`Reset the password of ${user.email}`}>
                    Reset password
                  </Button>
                  {user.disabled ? (
                    <Button
                      disabled={rowAction.busy}
                      aria-label={`Enable ${user.email}`}
                      onClick={() =>
                        void rowAction.run(async () => {
                          await patch(user, { disabled: false });
                          users.reload();
                        })
                      }
                    >
                      Enable
                    </Button>
                  ) : (
                    <Button onClick={() => setPending({ kind: 'disable', user })} aria-label={`Disable ${user.email}`}>
                      Disable
                    </Button>
                  )}
                  {user.platform_admin ? (
                    <Button
                      onClick={() => setPending({ kind: 'revoke-admin', user })}
                      aria-label={`Remove platform admin from ${user.email}`}
                    >
                      Remove platform admin
                    </Button>
                  ) : (
                    <Button
                      disabled={rowAction.busy}
                      aria-label={`Make ${user.email} a platform admin`}
                      onClick={() =>
                        void rowAction.run(async () => {
                          await patch(user, { platform_admin: true });
                          users.reload();
                        })
                      }
                    >
                      Make platform admin
                    </Button>
                  )}
                  <Button
                    variant="danger"
                    onClick={() => setPending({ kind: 'remove', user })}
                    aria-label={`Remove user ${user.email}`}
                  >
                    Remove
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      {resetting === null ? null : (
        <ResetPassword
          user={resetting}
          onClose={() => setResetting(null)}
          onSave={async (password) => {
            await patch(resetting, { password });
            setResetting(null);
          }}
        />
      )}
      {pending === null ? null : (
        <ConfirmDialog
          danger
          title={
            pending.kind === 'disable'
              ? 'Disable user'
              : pending.kind === 'remove'
                ? 'Remove user'
                : 'Remove platform admin'
          }
          confirmLabel={pending.kind === 'disable' ? 'Disable' : 'Remove'}
          onClose={() => setPending(null)}
          onConfirm={async () => {
            if (pending.kind === 'remove')
              await api(`/admin/users/${segment(pending.user.email)}`, { method: 'DELETE' });
            else await patch(pending.user, pending.kind === 'disable' ? { disabled: true } : { platform_admin: false });
            setPending(null);
            users.reload();
          }}
        >
          <p>{confirmText(pending, you(pending.user))}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function confirmText(pending: Pending, you: boolean): string {
  const who = you ? 'you' : pending.user.email;
  switch (pending.kind) {
    case 'disable':
      return `Disable ${pending.user.email}? Their sessions end and they cannot sign in until enabled again.${you ? ' This signs you out.' : ''}`;
    case 'revoke-admin':
      return `Take platform admin rights from ${who}? Projects, connections, users and the engine are then out of reach; project roles stay.`;
    case 'remove':
      return `Remove ${pending.user.email} with their memberships and sessions? This cannot be undone.`;
  }
}

function AddUser(props: { onAdded: () => void }) {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [admin, setAdmin] = useState(false);
  const action = useAction();
  const short = password !== '' && password.length < PASSWORD_MINIMUM;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api<User>('/admin/users', {
        method: 'POST',
        body: {
          email: email.trim(),
          password,
          ...(name.trim() === '' ? {} : { name: name.trim() }),
          platform_admin: admin,
        },
      });
      setEmail('');
      setName('');
      setPassword('');
      setAdmin(false);
      props.onAdded();
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add a user">
      <h3 className="card-title">Add a user</h3>
      <div className="row">
        <Field label="User email">
          {(id) => (
            <input
              id={id}
              type="email"
              required
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Name (optional)">
          {(id) => <input id={id} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field
          label="Password"
          hint={`At least ${PASSWORD_MINIMUM} characters; tell it to them, they can change it.`}
          error={short ? `${PASSWORD_MINIMUM - password.length} more characters needed.` : undefined}
        >
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="password"
              required
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={admin} onChange={(event) => setAdmin(event.target.checked)} /> Platform admin
        </label>
        <div className="field">
          <Button
            type="submit"
            variant="primary"
            disabled={action.busy || email.trim() === '' || password.length < PASSWORD_MINIMUM}
          >
            Add user
          </Button>
        </div>
      </div>
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
    </form>
  );
}

function ResetPassword(props: { user: User; onClose: () => void; onSave: (password: string) => Promise<void> }) {
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(() => props.onSave(password));
  };
  return (
    <Dialog title={`Reset the password of ${props.user.email}`} open onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>Their sessions end; they sign in with the new password.</p>
        <Field label="New password" hint={`At least ${PASSWORD_MINIMUM} characters.`}>
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="password"
              autoComplete="new-password"
              autoFocus
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        {action.error === undefined ? null : <ErrorNote error={action.error} />}
        <div className="dialog-actions">
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={action.busy || password.length < PASSWORD_MINIMUM}>
            Set password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
