import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useApi } from '../../auth/session-context';
import { Button, ErrorNote, Field } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import { checkDraft, draftOf, emptyDraft, fieldOfParam, type BudgetDraft, type BudgetErrors } from './budget-input';
import type { Budget, KeySummary } from './usage-types';

/**
 * Creates a budget (on the project or one of its keys) or changes one. Mistakes the page can see are named beside
 * their field; the API's own refusals too when it names the field, else above the buttons.
 */
export function BudgetForm(props: {
  project: string;
  editing: Budget | undefined;
  onSaved: (budget: Budget) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const base = `/admin/projects/${encodeURIComponent(props.project)}/budgets`;
  const [draft, setDraft] = useState<BudgetDraft>(() =>
    props.editing === undefined ? emptyDraft() : draftOf(props.editing),
  );
  const [errors, setErrors] = useState<BudgetErrors>({});
  const [failure, setFailure] = useState<Error | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const keys = useLoad(
    (signal) =>
      props.editing === undefined
        ? api<ListAnswer<KeySummary>>(`/admin/projects/${encodeURIComponent(props.project)}/keys`, { signal })
        : Promise.resolve({ data: [] }),
    [props.project, props.editing?.id],
  );
  const set = <Name extends keyof BudgetDraft>(name: Name, value: BudgetDraft[Name]) =>
    setDraft((previous) => ({ ...previous, [name]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft, props.editing);
    setErrors(checked.errors);
    setFailure(undefined);
    if (checked.body === undefined) return;
    setSaving(true);
    const saved =
      props.editing === undefined
        ? api<Budget>(base, { method: 'POST', body: checked.body })
        : api<Budget>(`${base}/${encodeURIComponent(props.editing.id)}`, { method: 'PATCH', body: checked.body });
    saved.then(props.onSaved, (error: unknown) => {
      setSaving(false);
      const field = error instanceof ApiError ? fieldOfParam(error.param) : undefined;
      if (field !== undefined && error instanceof ApiError) setErrors({ [field]: error.message });
      else setFailure(error instanceof Error ? error : new Error(String(error)));
    });
  };

  const activeKeys = (keys.data?.data ?? []).filter((key) => key.status === undefined || key.status === 'active');
  return (
    <form onSubmit={submit} noValidate className="budget-form">
      {props.editing === undefined ? (
        <Field
          label="Covers"
          hint="A key’s budget counts that key’s requests only."
          error={
            errors.key ?? (keys.error === undefined ? undefined : `The keys could not be listed: ${keys.error.message}`)
          }
        >
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              autoFocus
              value={draft.key}
              onChange={(event) => set('key', event.target.value)}
            >
              <option value="">The whole project</option>
              {activeKeys.map((key) => (
                <option key={key.id} value={key.name}>
                  Key {key.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <p>
          Covers {props.editing.key === null ? 'the whole project' : `key ${props.editing.key}`}. To cover something
          else, remove this budget and create another.
        </p>
      )}
      <Field label="Monthly limit (USD)" hint="Resets at 00:00 UTC on the first of each month." error={errors.limitUsd}>
        {(id, describedBy) => (
          <input
            id={id}
            inputMode="decimal"
            autoComplete="off"
            placeholder="25.00"
            aria-describedby={describedBy}
            // On edit there is no "Covers" field: the limit is what people come to change.
            autoFocus={props.editing !== undefined}
            aria-invalid={errors.limitUsd !== undefined}
            value={draft.limitUsd}
            onChange={(event) => set('limitUsd', event.target.value)}
          />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={draft.hardLimit} onChange={(event) => set('hardLimit', event.target.checked)} />
        Refuse requests that would pass the limit (otherwise alerts only)
      </label>
      <Field
        label="Alert at (% of the limit)"
        hint="Up to 10 whole percents from 1 to 1000, separated by commas; each raises one alert a month."
        error={errors.thresholds}
      >
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={errors.thresholds !== undefined}
            value={draft.thresholds}
            onChange={(event) => set('thresholds', event.target.value)}
          />
        )}
      </Field>
      <Field label="Webhook URL" hint="Optional: alerts are POSTed here as JSON." error={errors.webhookUrl}>
        {(id, describedBy) => (
          <input
            id={id}
            type="url"
            placeholder="https://example.org/hooks/budget"
            aria-describedby={describedBy}
            aria-invalid={errors.webhookUrl !== undefined}
            value={draft.webhookUrl}
            onChange={(event) => set('webhookUrl', event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Webhook secret"
        hint={
          props.editing?.has_webhook_secret === true
            ? 'A secret is set; leave blank to keep it. Signs each alert (x-hangar-signature).'
            : 'Optional, 16 characters or more; signs each alert (x-hangar-signature).'
        }
        error={errors.webhookSecret}
      >
        {(id, describedBy) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            aria-describedby={describedBy}
            aria-invalid={errors.webhookSecret !== undefined}
            disabled={draft.removeSecret}
            value={draft.webhookSecret}
            onChange={(event) => set('webhookSecret', event.target.value)}
          />
        )}
      </Field>
      {props.editing?.has_webhook_secret === true ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.removeSecret}
            onChange={(event) => set('removeSecret', event.target.checked)}
          />
          Remove the secret
        </label>
      ) : null}
      {failure === undefined ? null : <ErrorNote error={failure} />}
      <div className="row form-actions">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? 'Saving…' : props.editing === undefined ? 'Create budget' : 'Save changes'}
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
