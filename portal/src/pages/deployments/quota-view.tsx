import { count } from '../../components/format';
import { Empty } from '../../components/ui';
import type { QuotaGrant } from './deployment-types';

/** Share of a grant in use, 0 to 100 (more than granted shows as full). */
function share(used: number, granted: number): number {
  if (granted <= 0) return 100;
  return Math.min(100, Math.round((used / granted) * 100));
}

/** A bar with its numbers in words, so it reads without seeing the bar. */
export function QuotaBar(props: { label: string; used: number; granted: number }) {
  const percent = share(props.used, props.granted);
  return (
    <div className="quota-bar">
      <div className="quota-bar-text">
        <span>{props.label}</span>
        <span>
          {count(props.used)} of {count(props.granted)} TPM ({percent} %)
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${count(props.used)} of ${count(props.granted)} tokens per minute`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** The project's TPM grants per model with what its deployments hold of each. */
export function QuotaList(props: { grants: readonly QuotaGrant[] }) {
  if (props.grants.length === 0) {
    return (
      <Empty>
        No quota grants: the project’s deployments are not checked against a grant. A platform admin grants TPM per
        model.
      </Empty>
    );
  }
  return (
    <div className="quota-list">
      {props.grants.map((grant) => (
        <QuotaBar key={grant.model} label={grant.model} used={grant.allocated_tpm} granted={grant.tpm} />
      ))}
    </div>
  );
}
