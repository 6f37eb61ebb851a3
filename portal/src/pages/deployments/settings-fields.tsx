import { useApi, useSession } from '../../auth/session-context';
import type { ListAnswer } from '../../api/client';
import { Field } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { BackendsEditor, backendsBody, namesField, newBackend, type BackendDraft } from './backends-editor';
import {
  DEPLOYMENT_TYPE_HINTS,
  DEPLOYMENT_TYPES,
  VERSION_UPGRADE_NAMES,
  VERSION_UPGRADES,
  type Connection,
  type ContentFilterPolicy,
  type Deployment,
  type DeploymentType,
  type RoutingPolicy,
  type VersionUpgrade,
} from './deployment-types';

/** What a deployment's POST and PATCH share, as typed into the form. */
export interface SettingsDraft {
  type: DeploymentType;
  backends: BackendDraft[];
  tpm: string;
  rpm: string;
  /** '' is the default policy (null on the wire). */
  contentFilter: string;
  versionUpgrade: VersionUpgrade;
  /** JSON text; '' is the defaults (null on the wire). */
  routing: string;
}

export function emptySettings(connection = '', model = '', type: DeploymentType = 'global-standard'): SettingsDraft {
  return {
    type,
    backends: [newBackend(connection, model)],
    tpm: '',
    rpm: '',
    contentFilter: '',
    versionUpgrade: 'on-new-default',
    routing: '',
  };
}

/**
 * The answer's routing is the effective policy, with nulls for "not set" (first_byte_ms, health_probe) that the API
 * does not take back; they are left out so the JSON can be sent again as it is.
 */
export function routingText(routing: RoutingPolicy): string {
  const withoutNulls = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== null)
        .map(([key, entry]) => [key, withoutNulls(entry)]),
    );
  };
  return JSON.stringify(withoutNulls(routing), null, 2);
}

export function settingsFromDeployment(deployment: Deployment): SettingsDraft {
  return {
    type: deployment.type,
    backends: deployment.backends.map((backend) => ({
      ...newBackend(backend.connection, backend.model),
      priority: String(backend.priority),
      weight: String(backend.weight),
    })),
    tpm: deployment.tpm === null ? '' : String(deployment.tpm),
    rpm: deployment.rpm === null ? '' : String(deployment.rpm),
    contentFilter: deployment.content_filter ?? '',
    versionUpgrade: deployment.version_upgrade,
    routing: routingText(deployment.routing),
  };
}

/** A problem the form finds before asking the API (only what the API cannot say in the field's words). */
export class DraftProblem extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

function optionalNumber(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/** The settings as the API takes them; throws DraftProblem when the routing is not JSON. */
export function settingsBody(draft: SettingsDraft): Record<string, unknown> {
  let routing: unknown = null;
  if (draft.routing.trim() !== '') {
    try {
      routing = JSON.parse(draft.routing);
    } catch (error) {
      throw new DraftProblem(
        'routing',
        `Routing is not valid JSON (${error instanceof Error ? error.message : String(error)}). Leave it empty for the defaults.`,
      );
    }
  }
  return {
    type: draft.type,
    backends: backendsBody(draft.backends),
    tpm: optionalNumber(draft.tpm),
    rpm: optionalNumber(draft.rpm),
    content_filter: draft.contentFilter === '' ? null : draft.contentFilter,
    version_upgrade: draft.versionUpgrade,
    routing,
  };
}

/** Connections (platform admins only) and the content-filter policies the project may name. */
export function useSettingsChoices(): {
  connections: Connection[] | null;
  policies: ContentFilterPolicy[] | null;
} {
  const session = useSession();
  const api = useApi();
  const admin = session.me.platform_admin;
  const project = session.project;
  const connections = useLoad(
    (signal) => (admin ? api<ListAnswer<Connection>>('/admin/connections', { signal }) : Promise.resolve(null)),
    [admin],
  );
  const policies = useLoad(
    (signal) =>
      project === null
        ? Promise.resolve(null)
        : api<ListAnswer<ContentFilterPolicy>>(`/admin/projects/${encodeURIComponent(project)}/content-filters`, {
            signal,
          }),
    [project],
  );
  return { connections: connections.data?.data ?? null, policies: policies.data?.data ?? null };
}

/** Type, backends, limits, content filter, version upgrade and routing: the fields create and edit share. */
export function SettingsFields(props: {
  draft: SettingsDraft;
  onChange: (draft: SettingsDraft) => void;
  connections: readonly Connection[] | null;
  policies: readonly ContentFilterPolicy[] | null;
  invalidParam?: string | undefined;
}) {
  const session = useSession();
  const { draft } = props;
  const set = (change: Partial<SettingsDraft>) => props.onChange({ ...draft, ...change });
  const invalid = (field: string) => namesField(props.invalidParam, field) || undefined;
  const policyNames = (props.policies ?? []).map((policy) => policy.name);
  return (
    <>
      <Field label="Deployment type" hint={DEPLOYMENT_TYPE_HINTS[draft.type]}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid('type')}
            value={draft.type}
            onChange={(event) => set({ type: event.target.value as DeploymentType })}
          >
            {DEPLOYMENT_TYPES.map((type) => (
              <option
                key={type}
                value={type}
                // Provisioned reserves a shared connection's capacity: the platform's decision (the API refuses others).
                disabled={type === 'provisioned' && !session.me.platform_admin && draft.type !== 'provisioned'}
              >
                {type}
                {type === 'provisioned' && !session.me.platform_admin ? ' (platform admins only)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <BackendsEditor
        backends={draft.backends}
        onChange={(backends) => set({ backends })}
        connections={props.connections}
        invalidParam={props.invalidParam}
      />
      <div className="row">
        <Field label="Tokens per minute (TPM)" hint="Empty: not limited.">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid('tpm')}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.tpm}
              onChange={(event) => set({ tpm: event.target.value })}
            />
          )}
        </Field>
        <Field label="Requests per minute (RPM)" hint="Needs a TPM; empty: 6 per 1,000 TPM.">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid('rpm')}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.rpm}
              onChange={(event) => set({ rpm: event.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label="Content filter" hint="A policy of the project or the platform.">
        {(id, describedBy) =>
          props.policies === null ? (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid('content_filter')}
              value={draft.contentFilter}
              placeholder="Empty: the default policy"
              autoComplete="off"
              onChange={(event) => set({ contentFilter: event.target.value })}
            />
          ) : (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid('content_filter')}
              value={draft.contentFilter}
              onChange={(event) => set({ contentFilter: event.target.value })}
            >
              <option value="">The default policy</option>
              {props.policies.map((policy) => (
                <option key={`${policy.scope}/${policy.name}`} value={policy.name}>
                  {policy.name} ({policy.scope})
                </option>
              ))}
              {draft.contentFilter !== '' && !policyNames.includes(draft.contentFilter) ? (
                <option value={draft.contentFilter}>{draft.contentFilter}</option>
              ) : null}
            </select>
          )
        }
      </Field>
      <Field label="Version upgrade" hint="When the deployment moves to a newer model version.">
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid('version_upgrade')}
            value={draft.versionUpgrade}
            onChange={(event) => set({ versionUpgrade: event.target.value as VersionUpgrade })}
          >
            {VERSION_UPGRADES.map((option) => (
              <option key={option} value={option}>
                {VERSION_UPGRADE_NAMES[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Routing (JSON)"
        hint="Strategy (priority, weighted, least-latency, least-busy), max_attempts, timeouts, breaker, health_probe. Empty: the defaults."
      >
        {(id, describedBy) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid('routing')}
            className="code-input"
            spellCheck={false}
            rows={draft.routing === '' ? 3 : 12}
            value={draft.routing}
            placeholder='{ "strategy": "priority", "max_attempts": 3 }'
            onChange={(event) => set({ routing: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
