import { useState, type FormEvent } from 'react';
import { rememberAdminKey, signIn } from '../auth/session-context';
import { Button, ErrorNote, Field } from '../components/ui';

/** Email and password for people; the operator's admin key as the alternative, as the CLI allows. */
export function SignInPage(props: { onSignedIn: () => void }) {
  const [withKey, setWithKey] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (withKey) rememberAdminKey(key.trim());
      else await signIn(email.trim(), password);
      props.onSignedIn();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Hangar</h1>
        {withKey ? (
          <Field label="Admin key" hint="The operator's key (HANGAR_ADMIN_KEY, or data/admin.key).">
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="password"
                autoComplete="off"
                value={key}
                onChange={(event) => setKey(event.target.value)}
                required
              />
            )}
          </Field>
        ) : (
          <>
            <Field label="Email">
              {(id) => (
                <input
                  id={id}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                  required
                />
              )}
            </Field>
            <Field label="Password">
              {(id) => (
                <input
                  id={id}
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  required
                />
              )}
            </Field>
          </>
        )}
        {error === undefined ? null : <ErrorNote error={error} />}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
        <Button onClick={() => setWithKey(!withKey)}>{withKey ? 'Sign in with email' : 'Use an admin key'}</Button>
      </form>
    </main>
  );
}
