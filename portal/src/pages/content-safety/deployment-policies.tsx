import { useState } from 'react';
import { useApi } from '../../auth/session-context';
import { Button, ErrorNote, Table } from '../../components/ui';
import { segment } from '../admin/admin-types';
import { useAction } from '../admin/use-action';
import { DEFAULT_POLICY, type DeploymentSummary } from './safety-types';

/** Which policy each deployment uses (none named: default); Contributors change it in place (PATCH content_filter). */
export function DeploymentPolicies(props: {
  project: string;
  deployments: readonly DeploymentSummary[];
  /** Policy names the project can use (its own and the platform's). */
  policyNames: readonly string[];
  canChange: boolean;
  onChanged: () => void;
}) {
  return (
    <Table
      caption="Deployments and their content-filter policies"
      rows={props.deployments}
      rowKey={(deployment) => deployment.name}
      empty="The project has no deployments yet."
      columns={[
        {
          header: 'Deployment',
          cell: (deployment) => <a href={`#/deployments/${segment(deployment.name)}`}>{deployment.name}</a>,
        },
        { header: 'Model', cell: (deployment) => deployment.model },
        {
          header: 'Policy',
          cell: (deployment) =>
            props.canChange ? (
              <PolicyPicker
                project={props.project}
                deployment={deployment}
                policyNames={props.policyNames}
                onChanged={props.onChanged}
              />
            ) : (
              policyLabel(deployment.content_filter)
            ),
        },
      ]}
    />
  );
}

function policyLabel(name: string | null): string {
  return name === null ? `${DEFAULT_POLICY} (none named)` : name;
}

/** The empty option stands for "names none", which is the default policy; naming `default` is the same policy. */
const NONE = '';

function PolicyPicker(props: {
  project: string;
  deployment: DeploymentSummary;
  policyNames: readonly string[];
  onChanged: () => void;
}) {
  const api = useApi();
  const current = props.deployment.content_filter ?? NONE;
  const [choice, setChoice] = useState(current);
  const action = useAction();
  const names = [...new Set([...props.policyNames, ...(current === NONE ? [] : [current])])].filter(
    (name) => name !== NONE,
  );
  return (
    <div className="inline-edit">
      <select
        aria-label={`Policy of ${props.deployment.name}`}
        value={choice}
        onChange={(event) => setChoice(event.target.value)}
      >
        <option value={NONE}>{policyLabel(null)}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {choice === current ? null : (
        <Button
          variant="primary"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              await api(`/admin/projects/${segment(props.project)}/deployments/${segment(props.deployment.name)}`, {
                method: 'PATCH',
                body: { content_filter: choice === NONE ? null : choice },
              });
              props.onChanged();
            })
          }
        >
          Apply
        </Button>
      )}
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
    </div>
  );
}
