import { useState, type FormEvent } from 'react';
import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { Button, Dialog, ErrorNote, Field, Loading } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { EXPIRY_CHOICES, expiryFor, type ExpiryChoice } from './expiry-choice';
import {
  KEY_NAME_PATTERN,
  KEY_ROLES,
  keysPath,
  projectRoleOf,
  type ApiKeyWithSecret,
  type KeyInput,
  type KeyRole,
  type KeyScope,
} from './key-types';

const ROLE_TITLES: Record<KeyRole, string> = { reader: 'Reader', contributor: 'Contributor', owner: 'Owner' };

/** The form of `POST /admin/projects/{project}/keys`; answers the created key with its secret. */
export function CreateKeyDialog(props: {
  project: string;
  onClose: () => void;
  onCreated: (created: ApiKeyWithSecret) => void;
}) {
  const api = useApi();
  const session = useSession();
  // A key may only act with a role its creator holds: a Contributor cannot mint an Owner key.
  const roles = KEY_ROLES.filter((role) => session.can(projectRoleOf(role), props.project));
  const deployments = useLoad(
    (signal) =>
      api<ListAnswer<{ name: string }>>(`/admin/projects/${encodeURIComponent(props.project)}/deployments`, {
        signal,
      }),
    [props.project],
  );

  const [name, setName] = useState('');
  const [scope, setScope] = useState<KeyScope>('inference');
  const [role, setRole] = useState<KeyRole>('reader');
  const [limited, setLimited] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  const [customExpiry, setCustomExpiry] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!KEY_NAME_PATTERN.test(name)) {
      found.name = 'Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.';
    }
    if (limited && chosen.length === 0) found.deployments = 'Pick at least one deployment, or allow all.';
    const expiresAt = expiryFor(expiry, customExpiry, Date.now());
    if (typeof expiresAt === 'object') found.expiry = expiresAt.problem;
    setProblems(found);
    if (Object.keys(found).length > 0 || typeof expiresAt === 'object') return;

    const body: KeyInput = { name, scope };
    if (scope === 'admin') body.role = role;
    if (limited) body.deployments = chosen;
    if (expiresAt !== undefined) body.expires_at = expiresAt;
    setBusy(true);
    setError(null);
    api<ApiKeyWithSecret>(keysPath(props.project), { method: 'POST', body }).then(
      (created) => {
        setBusy(false);
        props.onCreated(created);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      },
    );
  };

  const names = deployments.data?.data.map((deployment) => deployment.name) ?? [];
  return (
    <Dialog title="Create a key" open onClose={props.onClose}>
      <form className="key-form" onSubmit={submit} noValidate>
        <Field label="Name" hint="Letters, digits, dots, dashes, underscores; up to 64." error={problems.name}>
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              value={name}
              autoFocus
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Scope"
          hint={
            scope === 'inference'
              ? 'Calls the deployments of the project.'
              : 'Calls the deployments and also acts on the project’s admin API with the role below.'
          }
        >
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={scope}
              onChange={(event) => setScope(event.target.value as KeyScope)}
            >
              <option value="inference">Inference</option>
              {roles.length === 0 ? null : <option value="admin">Admin</option>}
            </select>
          )}
        </Field>
        {scope === 'admin' ? (
          <Field label="Role" hint="Only roles you hold on this project can be given.">
            {(id, describedBy) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={role}
                onChange={(event) => setRole(event.target.value as KeyRole)}
              >
                {roles.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {ROLE_TITLES[candidate]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <fieldset className="key-deployments">
          <legend>Deployments</legend>
          <label className="check">
            <input type="radio" name="deployment-scope" checked={!limited} onChange={() => setLimited(false)} />
            All deployments of the project, including later ones
          </label>
          <label className="check">
            <input type="radio" name="deployment-scope" checked={limited} onChange={() => setLimited(true)} />
            Only the deployments picked here
          </label>
          {!limited ? null : deployments.loading ? (
            <Loading what="deployments" />
          ) : deployments.error !== undefined ? (
            <ErrorNote error={deployments.error} retry={() => deployments.reload()} />
          ) : names.length === 0 ? (
            <p className="hint">The project has no deployments yet.</p>
          ) : (
            <div className="key-deployment-list">
              {names.map((deployment) => (
                <label key={deployment} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(deployment)}
                    onChange={(event) =>
                      setChosen(
                        event.target.checked ? [...chosen, deployment] : chosen.filter((other) => other !== deployment),
                      )
                    }
                  />
                  {deployment}
                </label>
              ))}
            </div>
          )}
          {problems.deployments === undefined ? null : (
            <small className="field-error" role="alert">
              {problems.deployments}
            </small>
          )}
        </fieldset>
        <Field label="Expires" error={expiry === 'custom' ? undefined : problems.expiry}>
          {(id) => (
            <select id={id} value={expiry} onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {expiry === 'custom' ? (
          <Field label="Expiry date and time" hint="In your time zone." error={problems.expiry}>
            {(id, describedBy) => (
              <input
                id={id}
                type="datetime-local"
                aria-describedby={describedBy}
                value={customExpiry}
                onChange={(event) => setCustomExpiry(event.target.value)}
              />
            )}
          </Field>
        ) : null}
        {error === null ? null : <ErrorNote error={error} />}
        <div className="row dialog-actions">
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create key'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
