import { Button, Field } from '../../components/ui';
import { EXAMPLE_TOOLS, type ChatSettings } from './chat-request';
import type { DeploymentSummary } from './use-price-cards';

/** The request's numeric settings, typed as text so that empty can leave the model's default. */
const NUMBER_SETTINGS = [
  { name: 'temperature', label: 'Temperature', hint: '0 to 2', inputMode: 'decimal' },
  { name: 'topP', label: 'Top P', hint: '0 to 1', inputMode: 'decimal' },
  { name: 'maxTokens', label: 'Max tokens', hint: 'Of the answer', inputMode: 'numeric' },
] as const;

type NumberProblems = Partial<Record<(typeof NUMBER_SETTINGS)[number]['name'], string>>;

/** Which deployments answer, and the request's settings. */
export function SettingsPanel(props: {
  deployments: readonly DeploymentSummary[];
  picked: readonly string[];
  onPick: (lane: number, name: string) => void;
  sideBySide: boolean;
  onSideBySide: (on: boolean) => void;
  settings: ChatSettings;
  onSettings: (settings: ChatSettings) => void;
  problems: NumberProblems;
  toolsProblem: string | undefined;
  busy: boolean;
}) {
  const { settings } = props;
  const set = (patch: Partial<ChatSettings>) => props.onSettings({ ...settings, ...patch });
  const picker = (lane: number, label: string) => (
    <Field label={label}>
      {(id) => (
        <select
          id={id}
          value={props.picked[lane] ?? ''}
          disabled={props.busy}
          onChange={(event) => props.onPick(lane, event.target.value)}
        >
          {props.deployments.map((deployment) => (
            <option key={deployment.name} value={deployment.name}>
              {deployment.name} ({deployment.model})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <aside className="card playground-settings" aria-label="Settings">
      {picker(0, props.sideBySide ? 'First deployment' : 'Deployment')}
      <label className="check">
        <input
          type="checkbox"
          checked={props.sideBySide}
          disabled={props.busy}
          onChange={(event) => props.onSideBySide(event.target.checked)}
        />
        Side by side: send each prompt to two deployments
      </label>
      {props.sideBySide ? picker(1, 'Second deployment') : null}
      <details className="playground-more" open>
        <summary>Request settings</summary>
        <Field label="System prompt">
          {(id) => (
            <textarea
              id={id}
              rows={3}
              value={settings.systemPrompt}
              onChange={(event) => set({ systemPrompt: event.target.value })}
            />
          )}
        </Field>
        <div className="playground-numbers">
          {NUMBER_SETTINGS.map(({ name, label, hint, inputMode }) => (
            <Field key={name} label={label} hint={hint} error={props.problems[name]}>
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  inputMode={inputMode}
                  placeholder="default"
                  value={settings[name]}
                  onChange={(event) => set({ [name]: event.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
        <p className="hint">Empty: the model’s default.</p>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.jsonMode}
            onChange={(event) => set({ jsonMode: event.target.checked })}
          />
          JSON mode (response_format json_object)
        </label>
        {settings.jsonMode ? <p className="hint">Ask for JSON in the prompt too, as models expect.</p> : null}
        <Field
          label="Tools"
          hint="A JSON array of function tools, as in OpenAI's API; empty: no tools."
          error={props.toolsProblem}
        >
          {(id, describedBy) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              aria-invalid={props.toolsProblem !== undefined}
              className="code-input"
              rows={settings.tools === '' ? 2 : 8}
              spellCheck={false}
              value={settings.tools}
              onChange={(event) => set({ tools: event.target.value })}
            />
          )}
        </Field>
        {settings.tools === '' ? (
          <Button onClick={() => set({ tools: EXAMPLE_TOOLS })}>Insert an example tool</Button>
        ) : null}
      </details>
    </aside>
  );
}
