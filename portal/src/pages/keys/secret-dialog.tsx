import { Button, CopyButton, Dialog } from '../../components/ui';
import { dateTime } from '../../components/format';
import type { ApiKeyWithSecret } from './key-types';
import { scopeLabel } from './key-labels';

/**
 * Shows a key's secret the one time the API hands it out: Hangar keeps only its hash, so once this closes the
 * secret is gone for good.
 */
export function SecretDialog(props: { title: string; created: ApiKeyWithSecret | null; onClose: () => void }) {
  const created = props.created;
  return (
    <Dialog title={props.title} open={created !== null} onClose={props.onClose}>
      {created === null ? null : (
        <div className="secret-dialog">
          <p className="secret-warning" role="alert">
            Copy the secret of <strong>{created.name}</strong> now. It is shown this once: Hangar stores only its hash,
            so it cannot be shown again. If it is lost, regenerate the key.
          </p>
          <div className="secret-row">
            <label className="visually-hidden" htmlFor="new-key-secret">
              Secret of {created.name}
            </label>
            <input
              id="new-key-secret"
              className="secret-value"
              readOnly
              value={created.key}
              onFocus={(event) => event.currentTarget.select()}
              spellCheck={false}
            />
            <CopyButton text={created.key} label={`Copy the secret of ${created.name}`} />
          </div>
          <dl className="key-facts">
            <dt>Scope</dt>
            <dd>{scopeLabel(created)}</dd>
            <dt>Deployments</dt>
            <dd>{created.deployments === null ? 'All deployments' : created.deployments.join(', ')}</dd>
            <dt>Expires</dt>
            <dd>{created.expires_at === null ? 'Never' : dateTime(created.expires_at)}</dd>
          </dl>
          <div className="row">
            <Button variant="primary" onClick={props.onClose}>
              I have copied it
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
