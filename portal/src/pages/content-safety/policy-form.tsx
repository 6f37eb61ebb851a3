import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/session-context';
import { Button, ErrorNote, Field, Options } from '../../components/ui';
import { segment } from '../admin/admin-types';
import { useAction } from '../admin/use-action';
import {
  CATEGORY_TITLES,
  HARM_CATEGORIES,
  PII_ACTIONS,
  PII_KINDS,
  PII_TITLES,
  SHIELD_ACTIONS,
  SHIELD_TITLES,
  SHIELDS,
  THRESHOLDS,
  type Analyzer,
  type CompletionSettings,
  type DeploymentSummary,
  type Policy,
  type PromptSettings,
} from './safety-types';
import { SIDES, SideSelectsTable, type Side } from './side-selects-table';

type AnalyzerType = Analyzer['type'];

export interface PolicyFormProps {
  /** `create`: a new project policy starting from `policy`'s settings; `edit`: `policy` itself. */
  mode: 'create' | 'edit';
  policy: Policy;
  project: string;
  /** The project's blocklists, which a policy may name. */
  blocklists: readonly string[];
  deployments: readonly DeploymentSummary[];
  onSaved: (policy: Policy) => void;
  onCancel: () => void;
}

interface Draft {
  name: string;
  description: string;
  analyzer: AnalyzerType;
  deployment: string;
  deploymentProject: string;
  endpoint: string;
  apiVersion: string;
  apiKey: string;
  prompt: PromptSettings;
  completion: CompletionSettings;
}

function draftOf(props: PolicyFormProps): Draft {
  const { policy } = props;
  const analyzer = policy.analyzer;
  return {
    name: props.mode === 'edit' ? policy.name : '',
    description: props.mode === 'edit' ? policy.description : '',
    analyzer: analyzer.type,
    deployment: analyzer.type === 'model' ? analyzer.deployment : (props.deployments[0]?.name ?? ''),
    deploymentProject: analyzer.type === 'model' ? (analyzer.project ?? props.project) : props.project,
    endpoint: analyzer.type === 'azure-content-safety' ? analyzer.endpoint : '',
    apiVersion: analyzer.type === 'azure-content-safety' ? (analyzer.api_version ?? '') : '',
    apiKey: '',
    prompt: { ...policy.prompt, pii: { ...policy.prompt.pii }, blocklists: [...policy.prompt.blocklists] },
    completion: {
      ...policy.completion,
      pii: { ...policy.completion.pii },
      blocklists: [...policy.completion.blocklists],
    },
  };
}

/** Where the policy is written: a platform policy stays the platform's, everything else is the project's own. */
function policyPath(props: PolicyFormProps, name: string): string {
  return props.mode === 'edit' && props.policy.scope === 'platform'
    ? `/admin/content-filters/${segment(name)}`
    : `/admin/projects/${segment(props.project)}/content-filters/${segment(name)}`;
}

function analyzerBody(draft: Draft, platform: boolean): Record<string, unknown> {
  switch (draft.analyzer) {
    case 'builtin':
      return { type: 'builtin' };
    case 'model':
      return {
        type: 'model',
        deployment: draft.deployment,
        // A project's policy asks its own project's deployment; a platform policy names the project.
        ...(platform ? { project: draft.deploymentProject } : {}),
      };
    case 'azure-content-safety':
      return {
        type: 'azure-content-safety',
        endpoint: draft.endpoint.trim(),
        ...(draft.apiVersion.trim() === '' ? {} : { api_version: draft.apiVersion.trim() }),
        // Left out, the stored key is kept for the same endpoint.
        ...(draft.apiKey === '' ? {} : { api_key: draft.apiKey }),
      };
  }
}

/** Create or edit a policy: a select per category and side, per shield, per kind of personal data. */
export function PolicyForm(props: PolicyFormProps) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props));
  const action = useAction();
  const platform = props.mode === 'edit' && props.policy.scope === 'platform';
  const keyStored = props.policy.analyzer.type === 'azure-content-safety' && props.policy.analyzer.api_key_set === true;
  const blocklistOptions = [
    ...new Set([...props.blocklists, ...draft.prompt.blocklists, ...draft.completion.blocklists]),
  ].sort();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = draft.name.trim();
    void action.run(async () => {
      const saved = await api<Policy>(policyPath(props, name), {
        method: 'PUT',
        body: {
          description: draft.description.trim(),
          analyzer: analyzerBody(draft, platform),
          prompt: draft.prompt,
          completion: draft.completion,
        },
      });
      props.onSaved(saved);
    });
  };

  const setPrompt = (change: Partial<PromptSettings>) => setDraft({ ...draft, prompt: { ...draft.prompt, ...change } });
  const setCompletion = (change: Partial<CompletionSettings>) =>
    setDraft({ ...draft, completion: { ...draft.completion, ...change } });
  // The prompt's settings are the completion's plus the shields, so a change to what both have fits either.
  const setSide = (side: Side, change: Partial<CompletionSettings>) =>
    side === 'prompt' ? setPrompt(change) : setCompletion(change);
  const toggle = (names: readonly string[], name: string, on: boolean) =>
    on ? [...names.filter((known) => known !== name), name] : names.filter((known) => known !== name);

  const title =
    props.mode === 'create'
      ? 'New project policy'
      : `Edit ${platform ? 'platform' : 'project'} policy ${props.policy.name}`;

  return (
    <form className="card policy-form" onSubmit={submit} aria-label={title}>
      <h2 className="card-title">{title}</h2>
      {platform ? (
        <p className="hint">
          A platform policy applies to every project whose deployments name it
          {props.policy.name === 'default' ? ', and default to every deployment that names none' : ''}.
        </p>
      ) : null}
      <div className="row">
        {props.mode === 'create' ? (
          <Field
            label="Policy name"
            hint="Deployments name it in content_filter. A name the platform uses overrides it."
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                required
                autoFocus
                autoComplete="off"
                value={draft.name}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
            )}
          </Field>
        ) : null}
        <Field label="Description">
          {(id) => (
            <input
              id={id}
              className="wide"
              maxLength={1024}
              value={draft.description}
              onChange={(event) => setDraft({ ...draft, description: event.target.value })}
            />
          )}
        </Field>
      </div>

      <fieldset>
        <legend>Analyzer</legend>
        <p className="hint">
          Grades the categories and the shields; blocklists and personal data are always Hangar’s own.
        </p>
        <div className="row">
          <Field label="Analyzer type">
            {(id) => (
              <select
                id={id}
                value={draft.analyzer}
                onChange={(event) => setDraft({ ...draft, analyzer: event.target.value as AnalyzerType })}
              >
                <option value="builtin">Built-in</option>
                <option value="model">A model deployment (e.g. Llama Guard)</option>
                <option value="azure-content-safety">Azure AI Content Safety</option>
              </select>
            )}
          </Field>
          {draft.analyzer === 'model' ? (
            <>
              {platform ? (
                <Field label="Deployment’s project">
                  {(id) => (
                    <input
                      id={id}
                      required
                      value={draft.deploymentProject}
                      onChange={(event) => setDraft({ ...draft, deploymentProject: event.target.value })}
                    />
                  )}
                </Field>
              ) : null}
              <Field label="Classifier deployment">
                {(id) =>
                  platform ? (
                    <input
                      id={id}
                      required
                      value={draft.deployment}
                      onChange={(event) => setDraft({ ...draft, deployment: event.target.value })}
                    />
                  ) : (
                    <select
                      id={id}
                      required
                      value={draft.deployment}
                      onChange={(event) => setDraft({ ...draft, deployment: event.target.value })}
                    >
                      {props.deployments.length === 0 ? <option value="">No deployments yet</option> : null}
                      {props.deployments.map((deployment) => (
                        <option key={deployment.name} value={deployment.name}>
                          {deployment.name} ({deployment.model})
                        </option>
                      ))}
                    </select>
                  )
                }
              </Field>
            </>
          ) : null}
          {draft.analyzer === 'azure-content-safety' ? (
            <>
              <Field label="Endpoint" hint="https://NAME.cognitiveservices.azure.com">
                {(id, describedBy) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    type="url"
                    required
                    value={draft.endpoint}
                    onChange={(event) => setDraft({ ...draft, endpoint: event.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Content Safety key"
                hint={
                  keyStored
                    ? 'A key is stored and never shown; leave empty to keep it for the same endpoint.'
                    : 'Stored encrypted, never shown again.'
                }
              >
                {(id, describedBy) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    type="password"
                    autoComplete="new-password"
                    value={draft.apiKey}
                    onChange={(event) => setDraft({ ...draft, apiKey: event.target.value })}
                  />
                )}
              </Field>
              <Field label="API version" hint="Empty: 2024-09-01.">
                {(id, describedBy) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    value={draft.apiVersion}
                    onChange={(event) => setDraft({ ...draft, apiVersion: event.target.value })}
                  />
                )}
              </Field>
            </>
          ) : null}
        </div>
      </fieldset>

      <fieldset>
        <legend>Harm categories</legend>
        <p className="hint">
          The lowest severity refused: low refuses low, medium and high; medium refuses medium and high; high refuses
          high only; off annotates and never refuses.
        </p>
        <SideSelectsTable
          rowsHeader="Category"
          rows={HARM_CATEGORIES}
          titles={CATEGORY_TITLES}
          label={(category, side) => `${CATEGORY_TITLES[category]} threshold on the ${side}`}
          choices={THRESHOLDS}
          value={(category, side) => draft[side][category]}
          onChange={(category, side, threshold) => setSide(side, { [category]: threshold })}
        />
      </fieldset>

      <fieldset>
        <legend>Prompt shields</legend>
        <div className="row">
          {SHIELDS.map((shield) => (
            <Field key={shield} label={SHIELD_TITLES[shield]}>
              {(id) => (
                <select
                  id={id}
                  value={draft.prompt[shield]}
                  onChange={(event) => setPrompt({ [shield]: event.target.value as (typeof SHIELD_ACTIONS)[number] })}
                >
                  <Options values={SHIELD_ACTIONS} />
                </select>
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Blocklists</legend>
        {blocklistOptions.length === 0 ? (
          <p className="hint">The project has no blocklists yet; create one under Blocklists, then name it here.</p>
        ) : (
          <div className="blocklist-choice">
            {SIDES.map((side) => (
              <fieldset key={side} className="choice">
                <legend>On the {side}</legend>
                {blocklistOptions.map((name) => (
                  <label key={name} className="checkbox">
                    <input
                      type="checkbox"
                      checked={draft[side].blocklists.includes(name)}
                      onChange={(event) => {
                        setSide(side, { blocklists: toggle(draft[side].blocklists, name, event.target.checked) });
                      }}
                    />{' '}
                    {name}
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>Personal data</legend>
        <p className="hint">
          Redact replaces it with [REDACTED:KIND] before the text goes on; block refuses the request.
        </p>
        <SideSelectsTable
          rowsHeader="Kind"
          rows={PII_KINDS}
          titles={PII_TITLES}
          label={(kind, side) => `${PII_TITLES[kind]} on the ${side}`}
          choices={PII_ACTIONS}
          value={(kind, side) => draft[side].pii[kind]}
          onChange={(kind, side, piiAction) => setSide(side, { pii: { ...draft[side].pii, [kind]: piiAction } })}
        />
      </fieldset>

      {action.error === undefined ? null : <ErrorNote error={action.error} />}
      <div className="dialog-actions">
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={action.busy || draft.name.trim() === ''}>
          {action.busy ? 'Saving…' : 'Save policy'}
        </Button>
      </div>
    </form>
  );
}
