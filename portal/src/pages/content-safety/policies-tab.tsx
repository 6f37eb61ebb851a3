import { useState } from 'react';
import { useApi } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Badge, Button, Empty } from '../../components/ui';
import { segment } from '../admin/admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DeploymentPolicies } from './deployment-policies';
import { PolicyForm } from './policy-form';
import { analyzerInWords, PolicySettingsTable } from './policy-settings-table';
import { DEFAULT_POLICY, type DeploymentSummary, type Policy } from './safety-types';

type Editing = { mode: 'create' | 'edit'; policy: Policy };

const policyKey = (policy: Policy) => `${policy.scope}:${policy.name}`;

/**
 * The policy each deployment gets: the one it names (none: default), the project's own before the platform's.
 * Answers policy key → deployment names.
 */
export function policyUsers(
  policies: readonly Policy[],
  deployments: readonly DeploymentSummary[],
): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const deployment of deployments) {
    const name = deployment.content_filter ?? DEFAULT_POLICY;
    const policy =
      policies.find((candidate) => candidate.scope === 'project' && candidate.name === name) ??
      policies.find((candidate) => candidate.scope === 'platform' && candidate.name === name);
    if (policy === undefined) continue;
    users.set(policyKey(policy), [...(users.get(policyKey(policy)) ?? []), deployment.name]);
  }
  return users;
}

export function PoliciesTab(props: {
  project: string;
  policies: readonly Policy[];
  deployments: readonly DeploymentSummary[];
  blocklists: readonly string[];
  /** Contributor or above: project policies and deployments' policies. */
  canEdit: boolean;
  /** Platform admins also change the platform's policies. */
  platformAdmin: boolean;
  onPoliciesChanged: () => void;
  onDeploymentsChanged: () => void;
}) {
  const api = useApi();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<Policy | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const users = policyUsers(props.policies, props.deployments);
  const ownNames = new Set(props.policies.filter((policy) => policy.scope === 'project').map((policy) => policy.name));
  const defaultPolicy = props.policies.find((policy) => policy.scope === 'platform' && policy.name === DEFAULT_POLICY);
  const policyNames = [...new Set(props.policies.map((policy) => policy.name))];

  if (editing !== null) {
    return (
      <PolicyForm
        mode={editing.mode}
        policy={editing.policy}
        project={props.project}
        blocklists={props.blocklists}
        deployments={props.deployments}
        onCancel={() => setEditing(null)}
        onSaved={(policy) => {
          setEditing(null);
          setSaved(`Policy ${policy.name} is saved; it applies from the next request.`);
          props.onPoliciesChanged();
        }}
      />
    );
  }

  const mayEdit = (policy: Policy) => (policy.scope === 'project' ? props.canEdit : props.platformAdmin);
  const mayDelete = (policy: Policy) => mayEdit(policy) && !policy.built_in;

  return (
    <>
      <p role="status" className="notice">
        {saved ?? ''}
      </p>
      <h2>Deployments</h2>
      <DeploymentPolicies
        project={props.project}
        deployments={props.deployments}
        policyNames={policyNames}
        canChange={props.canEdit}
        onChanged={props.onDeploymentsChanged}
      />
      <div className="section-head">
        <h2>Policies</h2>
        {props.canEdit && defaultPolicy !== undefined ? (
          <Button variant="primary" onClick={() => setEditing({ mode: 'create', policy: defaultPolicy })}>
            New policy
          </Button>
        ) : null}
      </div>
      {props.policies.length === 0 ? <Empty>No policies.</Empty> : null}
      <div className="policy-grid">
        {props.policies.map((policy) => {
          const usedBy = users.get(policyKey(policy)) ?? [];
          const shadowed = policy.scope === 'platform' && ownNames.has(policy.name);
          return (
            <article
              key={policyKey(policy)}
              className="card policy-card"
              aria-labelledby={`policy-${policyKey(policy)}`}
            >
              <header className="policy-head">
                <h3 id={`policy-${policyKey(policy)}`}>{policy.name}</h3>
                <Badge tone={policy.scope === 'project' ? 'ok' : 'neutral'}>{policy.scope}</Badge>
                {policy.built_in ? <Badge>built-in</Badge> : null}
                {shadowed ? <Badge tone="warn">replaced by the project’s own</Badge> : null}
              </header>
              {policy.description === '' ? null : <p>{policy.description}</p>}
              <dl className="facts">
                <div>
                  <dt>Analyzer</dt>
                  <dd>{analyzerInWords(policy.analyzer)}</dd>
                </div>
                <div>
                  <dt>Used by</dt>
                  <dd>{usedBy.length === 0 ? 'no deployment' : usedBy.join(', ')}</dd>
                </div>
                {policy.updated_at === null ? null : (
                  <div>
                    <dt>Updated</dt>
                    <dd>{dateTime(policy.updated_at)}</dd>
                  </div>
                )}
              </dl>
              <PolicySettingsTable policy={policy} />
              <div className="button-row">
                {mayEdit(policy) ? (
                  <Button onClick={() => setEditing({ mode: 'edit', policy })} aria-label={`Edit ${policy.name}`}>
                    Edit
                  </Button>
                ) : null}
                {props.canEdit ? (
                  <Button
                    onClick={() => setEditing({ mode: 'create', policy })}
                    aria-label={`New policy from ${policy.name}`}
                  >
                    Copy to a new policy
                  </Button>
                ) : null}
                {mayDelete(policy) ? (
                  <Button variant="danger" onClick={() => setRemoving(policy)} aria-label={`Delete ${policy.name}`}>
                    Delete
                  </Button>
                ) : null}
              </div>
            </article>
          );
        })}
      </div>
      {removing === null ? null : (
        <ConfirmDialog
          danger
          title="Delete policy"
          confirmLabel="Delete"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            const path =
              removing.scope === 'project'
                ? `/admin/projects/${segment(props.project)}/content-filters/${segment(removing.name)}`
                : `/admin/content-filters/${segment(removing.name)}`;
            await api(path, { method: 'DELETE' });
            setRemoving(null);
            setSaved(`Policy ${removing.name} is deleted.`);
            props.onPoliciesChanged();
          }}
        >
          <p>
            Delete the {removing.scope} policy <strong>{removing.name}</strong>?{' '}
            {removing.name === DEFAULT_POLICY
              ? 'The built-in default takes its place.'
              : 'Hangar refuses while a deployment depends on it.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
