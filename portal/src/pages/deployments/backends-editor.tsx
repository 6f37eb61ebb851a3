import { useId, type ReactNode } from 'react';
import { Button } from '../../components/ui';
import type { Connection } from './deployment-types';

/** A backend as typed: numbers stay text until the form is sent, so a half-typed value is not lost. */
export interface BackendDraft {
  /** Keeps React's rows apart when one is removed. */
  key: number;
  connection: string;
  model: string;
  priority: string;
  weight: string;
}

/** The API allows 1 to 16 backends per deployment. */
export const MAXIMUM_BACKENDS = 16;

let nextKey = 1;
export function newBackend(connection = '', model = ''): BackendDraft {
  nextKey += 1;
  return { key: nextKey, connection, model, priority: '', weight: '' };
}

/** A blank number field is left out, so the API fills in its default (position for priority, 1 for weight). */
export function backendsBody(drafts: readonly BackendDraft[]): Record<string, string | number>[] {
  return drafts.map((draft) => ({
    connection: draft.connection.trim(),
    model: draft.model.trim(),
    ...(draft.priority.trim() === '' ? {} : { priority: Number(draft.priority) }),
    ...(draft.weight.trim() === '' ? {} : { weight: Number(draft.weight) }),
  }));
}

/**
 * Like ui.tsx's Field, but the backend's number is read out and not shown: each row is already a numbered group, and
 * "Connection (backend 2)" four times a row would crowd a phone screen.
 */
function BackendField(props: {
  label: string;
  number: number;
  hint?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        <span className="visually-hidden">{` (backend ${props.number})`}</span>
      </label>
      {props.children(id, props.hint === undefined ? undefined : hintId)}
      {props.hint === undefined ? null : (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

/** True when the API's `param` (`backends[0].connection`) names this field or something inside it. */
export function namesField(param: string | undefined, field: string): boolean {
  if (param === undefined) return false;
  return param === field || param.startsWith(`${field}.`) || param.startsWith(`${field}[`);
}

/**
 * The backends of a deployment: where its requests go. Platform admins pick a connection from the list; others
 * cannot list connections (GET /admin/connections is the platform's), so they type its name.
 */
export function BackendsEditor(props: {
  backends: readonly BackendDraft[];
  onChange: (backends: BackendDraft[]) => void;
  /** null: connections cannot be listed for this person; type the name. */
  connections: readonly Connection[] | null;
  invalidParam?: string | undefined;
}) {
  const update = (index: number, change: Partial<BackendDraft>) =>
    props.onChange(props.backends.map((backend, at) => (at === index ? { ...backend, ...change } : backend)));
  return (
    <fieldset className="backends-editor">
      <legend>Backends</legend>
      <p className="hint">
        Requests go to the first backend (lowest priority) and fail over to the next; equal priorities share traffic by
        weight.
      </p>
      {props.backends.map((backend, index) => {
        const prefix = `backends[${index}]`;
        const number = index + 1;
        return (
          <div className="backend-row" key={backend.key} role="group" aria-label={`Backend ${number}`}>
            {props.backends.length > 1 ? (
              <strong className="backend-number" aria-hidden="true">
                Backend {number}
              </strong>
            ) : null}
            <BackendField
              label="Connection"
              number={number}
              hint={props.connections === null ? 'The name of a connection your platform admin created.' : undefined}
            >
              {(id, describedBy) =>
                props.connections === null ? (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={namesField(props.invalidParam, `${prefix}.connection`) || undefined}
                    value={backend.connection}
                    required
                    autoComplete="off"
                    onChange={(event) => update(index, { connection: event.target.value })}
                  />
                ) : (
                  <select
                    id={id}
                    aria-invalid={namesField(props.invalidParam, `${prefix}.connection`) || undefined}
                    value={backend.connection}
                    required
                    onChange={(event) => update(index, { connection: event.target.value })}
                  >
                    <option value="">Choose a connection</option>
                    {props.connections.map((connection) => (
                      <option key={connection.name} value={connection.name}>
                        {connection.name} ({connection.provider})
                      </option>
                    ))}
                  </select>
                )
              }
            </BackendField>
            <BackendField label="Upstream model" number={number} hint="The model’s name at the vendor.">
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={namesField(props.invalidParam, `${prefix}.model`) || undefined}
                  value={backend.model}
                  required
                  autoComplete="off"
                  onChange={(event) => update(index, { model: event.target.value })}
                />
              )}
            </BackendField>
            <BackendField label="Priority" number={number} hint="Optional; lower is tried first.">
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={namesField(props.invalidParam, `${prefix}.priority`) || undefined}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={backend.priority}
                  onChange={(event) => update(index, { priority: event.target.value })}
                />
              )}
            </BackendField>
            <BackendField label="Weight" number={number} hint="Optional, 1 to 1000.">
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={namesField(props.invalidParam, `${prefix}.weight`) || undefined}
                  type="number"
                  min={1}
                  max={1000}
                  step={1}
                  inputMode="numeric"
                  value={backend.weight}
                  onChange={(event) => update(index, { weight: event.target.value })}
                />
              )}
            </BackendField>
            {props.backends.length > 1 ? (
              <Button
                variant="danger"
                aria-label={`Remove backend ${number}`}
                onClick={() => props.onChange(props.backends.filter((_, at) => at !== index))}
              >
                Remove
              </Button>
            ) : null}
          </div>
        );
      })}
      {props.backends.length < MAXIMUM_BACKENDS ? (
        <Button
          onClick={() => {
            const last = props.backends[props.backends.length - 1];
            props.onChange([...props.backends, newBackend('', last?.model ?? '')]);
          }}
        >
          Add a backend
        </Button>
      ) : null}
    </fieldset>
  );
}
