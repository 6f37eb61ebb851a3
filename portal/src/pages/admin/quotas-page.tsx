import { useRef, useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { count, dateTime } from '../../components/format';
import { Button, ErrorNote, Field, Loading, Options, PageHeader, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import { segment, type QuotaGrant } from './admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from './use-action';
import { CatalogModelInput } from './catalog-model-input';
import { PlatformAdminsOnly } from './platform-admins-only';

const ALL = '';

/** Platform admins: the TPM each project may give its deployments of a model (as Azure's quota per region). */
export function AdminQuotasPage() {
  const session = useSession();
  const api = useApi();
  const projectNames = session.projects.map((project) => project.name);
  const [shown, setShown] = useState(ALL);
  const grants = useLoad(
    async (signal) => {
      const lists = await Promise.all(
        projectNames.map((name) =>
          api<ListAnswer<QuotaGrant>>(`/admin/projects/${segment(name)}/quotas`, { signal }).then(
            (answer) => answer.data,
          ),
        ),
      );
      return lists.flat();
    },
    [projectNames.join('\n')],
  );
  const [draft, setDraft] = useState({ project: session.project ?? projectNames[0] ?? '', model: '', tpm: '' });
  const [removing, setRemoving] = useState<QuotaGrant | null>(null);
  const action = useAction();
  const tpmInput = useRef<HTMLInputElement>(null);

  if (!session.me.platform_admin)
    return <PlatformAdminsOnly title="Quotas" message="Only platform admins grant quota." />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api(`/admin/projects/${segment(draft.project)}/quotas/${segment(draft.model.trim())}`, {
        method: 'PUT',
        body: { tpm: Number(draft.tpm) },
      });
      setDraft({ ...draft, model: '', tpm: '' });
      grants.reload();
    });
  };

  const rows = (grants.data ?? []).filter((grant) => shown === ALL || grant.project === shown);

  return (
    <div className="area-admin">
      <PageHeader title="Quotas" />
      <p className="hint">
        Once a project has a grant for a model, each of its deployments of that model states a TPM, and together they
        stay within the grant. Models without a grant are not checked.
      </p>
      <form className="card" onSubmit={submit} aria-label="Set a grant">
        <h2 className="card-title">Set a grant</h2>
        <div className="row">
          <Field label="Project">
            {(id) => (
              <select
                id={id}
                required
                value={draft.project}
                onChange={(event) => setDraft({ ...draft, project: event.target.value })}
              >
                <Options values={projectNames} />
              </select>
            )}
          </Field>
          <Field label="Model" hint="The catalog id deployments name, e.g. gpt-4o.">
            {(id, describedBy) => (
              <CatalogModelInput
                id={id}
                describedBy={describedBy}
                list="quota-models"
                value={draft.model}
                onChange={(model) => setDraft({ ...draft, model })}
              />
            )}
          </Field>
          <Field label="Tokens per minute">
            {(id) => (
              <input
                id={id}
                ref={tpmInput}
                type="number"
                min={1}
                step={1}
                required
                value={draft.tpm}
                onChange={(event) => setDraft({ ...draft, tpm: event.target.value })}
              />
            )}
          </Field>
          <div className="field">
            <Button
              type="submit"
              variant="primary"
              disabled={action.busy || draft.project === '' || draft.model.trim() === '' || draft.tpm === ''}
            >
              Set grant
            </Button>
          </div>
        </div>
        {projectNames.length === 0 ? <p className="hint">Create a project first (Projects page).</p> : null}
        {action.error === undefined ? null : <ErrorNote error={action.error} />}
      </form>
      <div className="row toolbar">
        <Field label="Show">
          {(id) => (
            <select id={id} value={shown} onChange={(event) => setShown(event.target.value)}>
              <option value={ALL}>All projects</option>
              <Options values={projectNames} />
            </select>
          )}
        </Field>
      </div>
      {grants.loading && grants.data === undefined ? <Loading what="grants" /> : null}
      {grants.error === undefined ? null : <ErrorNote error={grants.error} retry={() => grants.reload()} />}
      {grants.data === undefined ? null : (
        <Table
          caption="Quota grants"
          rows={rows}
          rowKey={(grant) => `${grant.project}/${grant.model}`}
          empty="No grants: deployments are limited only by their own TPM."
          columns={[
            { header: 'Project', cell: (grant) => grant.project },
            { header: 'Model', cell: (grant) => grant.model },
            { header: 'Granted TPM', numeric: true, cell: (grant) => count(grant.tpm) },
            {
              header: 'Held by deployments',
              cell: (grant) => <Held grant={grant} />,
            },
            { header: 'Updated', cell: (grant) => dateTime(grant.updated_at) },
            {
              header: 'Actions',
              cell: (grant) => (
                <div className="button-row">
                  <Button
                    aria-label={`Change the grant of ${grant.project} for ${grant.model}`}
                    onClick={() => {
                      setDraft({ project: grant.project, model: grant.model, tpm: String(grant.tpm) });
                      tpmInput.current?.focus();
                    }}
                  >
                    Change
                  </Button>
                  <Button
                    variant="danger"
                    aria-label={`Remove the grant of ${grant.project} for ${grant.model}`}
                    onClick={() => setRemoving(grant)}
                  >
                    Remove
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      {removing === null ? null : (
        <ConfirmDialog
          danger
          title="Remove grant"
          confirmLabel="Remove grant"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api(`/admin/projects/${segment(removing.project)}/quotas/${segment(removing.model)}`, {
              method: 'DELETE',
            });
            setRemoving(null);
            grants.reload();
          }}
        >
          <p>
            Remove the grant of {count(removing.tpm)} TPM for {removing.model} from {removing.project}? Its deployments
            of that model are then not checked against a grant.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function Held(props: { grant: QuotaGrant }) {
  const { tpm, allocated_tpm: held } = props.grant;
  const share = tpm === 0 ? 0 : Math.min(100, (held / tpm) * 100);
  return (
    <div className="held">
      <span>
        {count(held)} of {count(tpm)} ({Math.round(share)} %)
      </span>
      <div
        className="progress"
        role="progressbar"
        aria-label={`TPM held for ${props.grant.model}`}
        aria-valuemin={0}
        aria-valuemax={tpm}
        aria-valuenow={held}
      >
        <span style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}
