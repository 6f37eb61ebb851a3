import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { Button, ErrorNote, Field } from '../../components/ui';
import { ConfirmDialog } from '../../components/confirm-dialog';
import {
  PLAYGROUND_KEY_DAYS,
  createPlaygroundKey,
  forgetPlaygroundKey,
  rememberPlaygroundKey,
  revokePlaygroundKey,
  type PlaygroundKey,
} from './playground-key';

/**
 * The API key the playground calls the deployments with: like any client, it needs one. Shows which key is in
 * use, or offers to create a playground key (Contributors) or to paste one.
 */
export function KeyPanel(props: {
  project: string;
  apiKey: PlaygroundKey | null;
  onChange: (key: PlaygroundKey | null) => void;
}) {
  const api = useApi();
  const session = useSession();
  const mayCreate = session.can('Contributor', props.project);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = (work: () => Promise<PlaygroundKey | null>) => {
    setBusy(true);
    setError(null);
    work().then(
      (key) => {
        setBusy(false);
        props.onChange(key);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      },
    );
  };

  if (props.apiKey !== null) {
    const key = props.apiKey;
    return (
      <section className="card playground-key" aria-label="API key">
        <p>
          Calling with {key.name === null ? 'a pasted key' : <strong>{key.name}</strong>} (<code>{key.prefix}…</code>),
          kept in this browser tab only.
        </p>
        <div className="row">
          <Button
            onClick={() => {
              forgetPlaygroundKey(props.project);
              props.onChange(null);
            }}
            disabled={busy}
          >
            Use another key
          </Button>
          {key.name !== null && mayCreate ? (
            <Button variant="danger" disabled={busy} onClick={() => setConfirming(true)}>
              Revoke this key
            </Button>
          ) : null}
        </div>
        {error === null ? null : <ErrorNote error={error} />}
        {confirming && key.name !== null ? (
          <ConfirmDialog
            title={`Revoke ${key.name}?`}
            confirmLabel="Revoke"
            danger
            onClose={() => setConfirming(false)}
            onConfirm={async () => {
              await revokePlaygroundKey(api, props.project, key.name ?? '');
              setConfirming(false);
              props.onChange(null);
            }}
          >
            <p>Requests with this key are refused from now on; the playground then asks for another key.</p>
          </ConfirmDialog>
        ) : null}
      </section>
    );
  }

  const usePasted = (event: FormEvent) => {
    event.preventDefault();
    const secret = pasted.trim();
    if (secret === '') {
      setError(new Error('Paste an API key of this project first.'));
      return;
    }
    const key = { secret, name: null, prefix: secret.slice(0, 8) };
    rememberPlaygroundKey(props.project, key);
    setPasted('');
    props.onChange(key);
  };

  return (
    <section className="card playground-key" aria-label="API key">
      <p>
        The playground calls the deployments of <strong>{props.project}</strong> as any client does, with an API key. It
        keeps the key in this browser tab only.
      </p>
      <div className="playground-key-options">
        {mayCreate ? (
          <div>
            <Button
              variant="primary"
              disabled={busy}
              onClick={() => run(() => createPlaygroundKey(api, props.project))}
            >
              {busy ? 'Creating…' : 'Create a playground key'}
            </Button>
            <p className="hint">
              An inference key named playground-… that expires in {PLAYGROUND_KEY_DAYS} days; it is listed on the Keys
              page.
            </p>
          </div>
        ) : null}
        <form onSubmit={usePasted} className="row">
          <Field label={mayCreate ? 'Or paste a key' : 'Paste an API key of this project'}>
            {(id) => (
              <input
                id={id}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={pasted}
                onChange={(event) => setPasted(event.target.value)}
              />
            )}
          </Field>
          <Button type="submit" disabled={busy}>
            Use this key
          </Button>
        </form>
      </div>
      {error === null ? null : <ErrorNote error={error} />}
    </section>
  );
}
