import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { count, dateTime } from '../../components/format';
import { Badge, Button, Dialog, ErrorNote, Field, Loading, PageHeader, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import { segment, type Connection } from './admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from './use-action';
import { PlatformAdminsOnly } from './platform-admins-only';

/** Provider ids the API accepts (src/spec PROVIDER_IDS; docs/configuration.md#providers). */
const PROVIDERS = [
  'openai',
  'azure-openai',
  'xai',
  'deepseek',
  'mistral',
  'gemini',
  'anthropic',
  'openai-compatible',
  'vllm',
  'ollama',
  'llamacpp',
  'local',
] as const;

/** Platform admins: vendor accounts. Secrets are write-only: the page sends them and never shows them. */
export function AdminConnectionsPage() {
  const session = useSession();
  const api = useApi();
  const connections = useLoad(
    (signal) => api<ListAnswer<Connection>>('/admin/connections', { signal }).then((answer) => answer.data),
    [],
  );
  const [editing, setEditing] = useState<Connection | 'new' | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);

  if (!session.me.platform_admin)
    return <PlatformAdminsOnly title="Connections" message="Only platform admins manage connections." />;

  return (
    <div className="area-admin">
      <PageHeader title="Connections">
        <Button variant="primary" onClick={() => setEditing('new')}>
          Add connection
        </Button>
      </PageHeader>
      {connections.loading && connections.data === undefined ? <Loading what="connections" /> : null}
      {connections.error === undefined ? null : (
        <ErrorNote error={connections.error} retry={() => connections.reload()} />
      )}
      {connections.data === undefined ? null : (
        <Table
          caption="Connections"
          rows={connections.data}
          rowKey={(connection) => connection.id}
          empty="No connections yet. Add one to deploy a vendor’s models."
          columns={[
            { header: 'Name', cell: (connection) => connection.name },
            { header: 'Provider', cell: (connection) => connection.provider },
            {
              header: 'Base URL',
              cell: (connection) =>
                connection.base_url === null ? (
                  <span className="hint">provider default</span>
                ) : (
                  <code className="break">{connection.base_url}</code>
                ),
            },
            { header: 'API version', cell: (connection) => connection.api_version ?? '—' },
            {
              header: 'API key',
              cell: (connection) =>
                connection.has_api_key ? <Badge tone="ok">set</Badge> : <Badge tone="neutral">none</Badge>,
            },
            {
              header: 'Capacity TPM',
              numeric: true,
              cell: (connection) => (connection.capacity_tpm === null ? '—' : count(connection.capacity_tpm)),
            },
            {
              header: 'Timeout',
              numeric: true,
              cell: (connection) => (connection.timeout_ms === null ? '—' : `${count(connection.timeout_ms)} ms`),
            },
            {
              header: 'Headers',
              cell: (connection) => (connection.header_names.length === 0 ? '—' : connection.header_names.join(', ')),
            },
            { header: 'Created', cell: (connection) => dateTime(connection.created_at) },
            {
              header: 'Actions',
              cell: (connection) => (
                <div className="button-row">
                  <Button onClick={() => setEditing(connection)} aria-label={`Edit ${connection.name}`}>
                    Edit
                  </Button>
                  <Button
                    variant="danger"
                    onClick={() => setRemoving(connection)}
                    aria-label={`Delete ${connection.name}`}
                  >
                    Delete
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      {editing === null ? null : (
        <ConnectionForm
          existing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            connections.reload();
          }}
        />
      )}
      {removing === null ? null : (
        <ConfirmDialog
          danger
          title="Delete connection"
          confirmLabel="Delete"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api(`/admin/connections/${segment(removing.name)}`, { method: 'DELETE' });
            setRemoving(null);
            connections.reload();
          }}
        >
          <p>
            Delete the connection <strong>{removing.name}</strong>? Hangar refuses while a deployment still uses it.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** `Name: value` lines, as people write headers. */
function parseHeaders(text: string): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return `“${line.trim()}” is not a header: write Name: value.`;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

const optionalInteger = (text: string): number | null => (text.trim() === '' ? null : Number(text));

function ConnectionForm(props: { existing: Connection | null; onClose: () => void; onSaved: () => void }) {
  const api = useApi();
  const existing = props.existing;
  const [name, setName] = useState('');
  const [provider, setProvider] = useState(existing?.provider ?? 'openai');
  const [baseUrl, setBaseUrl] = useState(existing?.base_url ?? '');
  const [apiKey, setApiKey] = useState('');
  const [clearKey, setClearKey] = useState(false);
  const [apiVersion, setApiVersion] = useState(existing?.api_version ?? '');
  const [capacity, setCapacity] = useState(existing?.capacity_tpm?.toString() ?? '');
  const [timeout, setTimeoutMs] = useState(existing?.timeout_ms?.toString() ?? '');
  const [headers, setHeaders] = useState('');
  const [clearHeaders, setClearHeaders] = useState(false);
  const action = useAction();
  const parsedHeaders = parseHeaders(headers);
  const headerProblem = typeof parsedHeaders === 'string' ? parsedHeaders : undefined;

  const body = (): Record<string, unknown> => {
    const fields: Record<string, unknown> = {};
    const nullable = (text: string) => (text.trim() === '' ? null : text.trim());
    if (existing === null) {
      fields.name = name.trim();
      fields.provider = provider;
      if (baseUrl.trim() !== '') fields.base_url = baseUrl.trim();
      if (apiKey !== '') fields.api_key = apiKey;
      if (apiVersion.trim() !== '') fields.api_version = apiVersion.trim();
      if (capacity.trim() !== '') fields.capacity_tpm = optionalInteger(capacity);
      if (timeout.trim() !== '') fields.timeout_ms = optionalInteger(timeout);
      if (typeof parsedHeaders === 'object' && Object.keys(parsedHeaders).length > 0) fields.headers = parsedHeaders;
      return fields;
    }
    // PATCH keeps what the body leaves out: send only what changed.
    if (provider !== existing.provider) fields.provider = provider;
    if (nullable(baseUrl) !== existing.base_url) fields.base_url = nullable(baseUrl);
    if (nullable(apiVersion) !== existing.api_version) fields.api_version = nullable(apiVersion);
    if (optionalInteger(capacity) !== existing.capacity_tpm) fields.capacity_tpm = optionalInteger(capacity);
    if (optionalInteger(timeout) !== existing.timeout_ms) fields.timeout_ms = optionalInteger(timeout);
    if (clearKey) fields.api_key = null;
    else if (apiKey !== '') fields.api_key = apiKey;
    if (clearHeaders) fields.headers = null;
    else if (typeof parsedHeaders === 'object' && Object.keys(parsedHeaders).length > 0) fields.headers = parsedHeaders;
    return fields;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      if (existing === null) await api('/admin/connections', { method: 'POST', body: body() });
      else await api(`/admin/connections/${segment(existing.name)}`, { method: 'PATCH', body: body() });
      props.onSaved();
    });
  };

  return (
    <Dialog title={existing === null ? 'Add connection' : `Edit ${existing.name}`} open onClose={props.onClose}>
      <form onSubmit={submit} className="stack">
        {existing === null ? (
          <Field label="Connection name" hint="Deployments name it in their backends; it cannot change later.">
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                required
                autoFocus
                autoComplete="off"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Field label="Provider">
          {(id) => (
            <select id={id} value={provider} onChange={(event) => setProvider(event.target.value)}>
              {PROVIDERS.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Base URL" hint="Empty: the provider’s default. Required for azure-openai and openai-compatible.">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="url"
              autoComplete="off"
              placeholder="https://…"
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
            />
          )}
        </Field>
        <Field
          label="API key"
          hint={
            existing?.has_api_key === true
              ? 'A key is stored and never shown. Type a new one to rotate it; leave empty to keep it.'
              : 'Stored encrypted and never shown again.'
          }
        >
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="password"
              autoComplete="new-password"
              disabled={clearKey}
              value={apiKey}
              onChange={(event) => setApiKey(event.target.value)}
            />
          )}
        </Field>
        {existing?.has_api_key === true ? (
          <label className="checkbox">
            <input type="checkbox" checked={clearKey} onChange={(event) => setClearKey(event.target.checked)} /> Remove
            the stored key (send no credential)
          </label>
        ) : null}
        <Field label="API version" hint="Azure OpenAI only: the api-version sent upstream (default 2024-10-21).">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              autoComplete="off"
              value={apiVersion}
              onChange={(event) => setApiVersion(event.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <Field
            label="Capacity (TPM)"
            hint="Tokens per minute the account serves; provisioned deployments reserve it."
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="number"
                min={1}
                step={1}
                value={capacity}
                onChange={(event) => setCapacity(event.target.value)}
              />
            )}
          </Field>
          <Field label="Timeout (ms)" hint="Empty: the default.">
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="number"
                min={1}
                max={3_600_000}
                step={1}
                value={timeout}
                onChange={(event) => setTimeoutMs(event.target.value)}
              />
            )}
          </Field>
        </div>
        <Field
          label="Extra headers"
          hint={
            existing !== null && existing.header_names.length > 0
              ? `Stored (values hidden): ${existing.header_names.join(', ')}. Lines here replace them all; empty keeps them.`
              : 'One “Name: value” a line, sent with every request. Values are never shown again.'
          }
          error={headerProblem}
        >
          {(id, describedBy) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              disabled={clearHeaders}
              spellCheck={false}
              value={headers}
              onChange={(event) => setHeaders(event.target.value)}
            />
          )}
        </Field>
        {existing !== null && existing.header_names.length > 0 ? (
          <label className="checkbox">
            <input type="checkbox" checked={clearHeaders} onChange={(event) => setClearHeaders(event.target.checked)} />{' '}
            Remove the stored headers
          </label>
        ) : null}
        {action.error === undefined ? null : <ErrorNote error={action.error} />}
        <div className="dialog-actions">
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={action.busy || headerProblem !== undefined}>
            {existing === null ? 'Add connection' : 'Save changes'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
