import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useApi } from '../../auth/session-context';
import { Button, ErrorNote } from '../../components/ui';
import { deploymentPath, type Deployment } from './deployment-types';
import {
  DraftProblem,
  settingsBody,
  SettingsFields,
  settingsFromDeployment,
  useSettingsChoices,
} from './settings-fields';

/**
 * Only the settings that changed are sent: PATCH keeps absent fields, and sending the effective routing back would
 * pin today's defaults into the deployment.
 */
export function changedSettings(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(after).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])),
  );
}

/** Changes a deployment in place: type, backends, TPM, RPM, content filter, version upgrade, routing. */
export function EditDeploymentForm(props: { deployment: Deployment; onSaved: (deployment: Deployment) => void }) {
  const api = useApi();
  const choices = useSettingsChoices();
  const [draft, setDraft] = useState(() => settingsFromDeployment(props.deployment));
  const [error, setError] = useState<{ message: string; param?: string | undefined } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    let changes: Record<string, unknown>;
    try {
      changes = changedSettings(settingsBody(settingsFromDeployment(props.deployment)), settingsBody(draft));
    } catch (problem) {
      if (problem instanceof DraftProblem) setError({ message: problem.message, param: problem.param });
      return;
    }
    if (Object.keys(changes).length === 0) {
      setNotice('Nothing to save: no setting changed.');
      return;
    }
    setSaving(true);
    try {
      const saved = await api<Deployment>(deploymentPath(props.deployment.project, props.deployment.name), {
        method: 'PATCH',
        body: changes,
      });
      setSaving(false);
      props.onSaved(saved);
    } catch (failure) {
      setError({
        message: failure instanceof Error ? failure.message : String(failure),
        param: failure instanceof ApiError ? failure.param : undefined,
      });
      setSaving(false);
    }
  };

  return (
    <form className="edit-deployment" aria-label="Edit the deployment" onSubmit={(event) => void submit(event)}>
      <SettingsFields
        draft={draft}
        onChange={setDraft}
        connections={choices.connections}
        policies={choices.policies}
        invalidParam={error?.param}
      />
      {error === null ? null : <ErrorNote error={error.message} />}
      {notice === null ? null : (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <div className="row form-actions">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </Button>
        <Button
          onClick={() => {
            setDraft(settingsFromDeployment(props.deployment));
            setError(null);
            setNotice(null);
          }}
        >
          Undo changes
        </Button>
      </div>
    </form>
  );
}
