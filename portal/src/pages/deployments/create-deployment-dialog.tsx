import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { Button, Dialog, ErrorNote, Field } from '../../components/ui';
import { navigate } from '../../router/use-route';
import { namesField } from './backends-editor';
import { deploymentsPath, type Connection, type Deployment, type DeploymentType } from './deployment-types';
import { DraftProblem, emptySettings, settingsBody, SettingsFields, useSettingsChoices } from './settings-fields';

/** What the catalog knows of the model being deployed; absent: the person types the model. */
export interface ModelToDeploy {
  id: string;
  vendor: string;
  /** `engine`: hosted by this Hangar, so deployed as `managed` on a local connection. */
  origin?: 'catalog' | 'engine' | undefined;
}

/** A deployment name the API takes (letters, digits, dots, dashes, underscores; 64 at most) made from a model id. */
export function suggestedName(modelId: string): string {
  const name = modelId
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return name === '' ? 'deployment' : name;
}

/** The connection a platform admin most likely wants: a local one for the engine's models, else the vendor's own. */
export function suggestedConnection(
  connections: readonly Connection[] | null,
  model: ModelToDeploy | undefined,
): string {
  if (connections === null || model === undefined) return '';
  const local = model.origin === 'engine' || model.vendor === 'local';
  const match = connections.find((connection) =>
    local ? connection.provider === 'local' : connection.provider === model.vendor,
  );
  return match?.name ?? '';
}

/** A form that creates a deployment in the current project; opened from a catalog card or the deployments list. */
export function CreateDeploymentDialog(props: {
  open: boolean;
  onClose: () => void;
  model?: ModelToDeploy | undefined;
  /** After the deployment was created; absent: open its page. */
  onCreated?: (deployment: Deployment) => void;
}) {
  if (!props.open) return null;
  return (
    <Dialog
      title={props.model === undefined ? 'New deployment' : `Deploy ${props.model.id}`}
      open
      onClose={props.onClose}
    >
      <CreateDeploymentForm {...props} />
    </Dialog>
  );
}

function CreateDeploymentForm(props: {
  onClose: () => void;
  model?: ModelToDeploy | undefined;
  onCreated?: (deployment: Deployment) => void;
}) {
  const session = useSession();
  const api = useApi();
  const choices = useSettingsChoices();
  const local = props.model?.origin === 'engine' || props.model?.vendor === 'local';
  const type: DeploymentType = local ? 'managed' : 'global-standard';
  const [name, setName] = useState(() => (props.model === undefined ? '' : suggestedName(props.model.id)));
  const [model, setModel] = useState(props.model?.id ?? '');
  const [settings, setSettings] = useState(() => emptySettings('', props.model?.id ?? '', type));
  const [error, setError] = useState<{ message: string; param?: string | undefined } | null>(null);
  const [saving, setSaving] = useState(false);

  // Once the connections are listed, a platform admin starts from the likeliest one (unless already chosen).
  // (State set while rendering, once: React's way to derive state from data that arrives later.)
  const [suggested, setSuggested] = useState(false);
  const suggestion = suggestedConnection(choices.connections, props.model);
  if (!suggested && suggestion !== '') {
    setSuggested(true);
    const [first, ...rest] = settings.backends;
    if (first !== undefined && first.connection === '') {
      setSettings({ ...settings, backends: [{ ...first, connection: suggestion }, ...rest] });
    }
  }

  if (session.project === null) {
    return <ErrorNote error="There is no project to deploy into yet; a platform admin creates projects." />;
  }
  const project = session.project;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let body: Record<string, unknown>;
    try {
      body = { name: name.trim(), model: model.trim(), ...settingsBody(settings) };
    } catch (problem) {
      if (problem instanceof DraftProblem) setError({ message: problem.message, param: problem.param });
      return;
    }
    setSaving(true);
    try {
      const created = await api<Deployment>(deploymentsPath(project), { method: 'POST', body });
      if (props.onCreated !== undefined) props.onCreated(created);
      else navigate(`/deployments/${encodeURIComponent(created.name)}`);
    } catch (failure) {
      setError({
        message: failure instanceof Error ? failure.message : String(failure),
        param: failure instanceof ApiError ? failure.param : undefined,
      });
      setSaving(false);
    }
  };

  return (
    <form className="deploy-form" onSubmit={(event) => void submit(event)} aria-label="Create a deployment">
      <p className="hint">
        In project <strong>{project}</strong>.
      </p>
      <Field label="Deployment name" hint="What clients call: letters, digits, dots, dashes or underscores.">
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={namesField(error?.param, 'name') || undefined}
            // The dialog does not move focus itself; keyboard users start in its first field.
            autoFocus
            value={name}
            required
            maxLength={64}
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <Field label="Model" hint="The catalog model id; prices and retirement come from it.">
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={namesField(error?.param, 'model') || undefined}
            value={model}
            required
            autoComplete="off"
            onChange={(event) => {
              const next = event.target.value;
              // Backends that named the same model follow it, so the common case is typed once.
              setSettings({
                ...settings,
                backends: settings.backends.map((backend) =>
                  backend.model === model ? { ...backend, model: next } : backend,
                ),
              });
              setModel(next);
            }}
          />
        )}
      </Field>
      <SettingsFields
        draft={settings}
        onChange={setSettings}
        connections={choices.connections}
        policies={choices.policies}
        invalidParam={error?.param}
      />
      {error === null ? null : <ErrorNote error={error.message} />}
      <div className="row form-actions">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? 'Creating…' : 'Create deployment'}
        </Button>
        <Button onClick={props.onClose}>Cancel</Button>
      </div>
    </form>
  );
}
