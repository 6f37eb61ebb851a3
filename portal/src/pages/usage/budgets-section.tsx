import { useState } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import type { ListAnswer } from '../../api/client';
import { dateTime, dollars } from '../../components/format';
import { Badge, Button, Dialog, Empty, ErrorNote, Loading, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { BudgetForm } from './budget-form';
import { BudgetMeter } from './budget-meter';
import type { Budget, BudgetEvent } from './usage-types';

interface BudgetsAndAlerts {
  budgets: Budget[];
  /** Every budget's alerts, newest first. */
  alerts: BudgetEvent[];
}

const RECENT_ALERTS = 20;

export function budgetScope(budget: Pick<Budget, 'key'>): string {
  return budget.key === null ? 'Whole project' : `Key ${budget.key}`;
}

/** The project's budgets with this month's spend, their alerts, and (for contributors) changing them. */
export function BudgetsSection(props: { project: string }) {
  const api = useApi();
  const session = useSession();
  const canEdit = session.can('Contributor', props.project);
  const base = `/admin/projects/${encodeURIComponent(props.project)}/budgets`;
  const loaded = useLoad(
    async (signal): Promise<BudgetsAndAlerts> => {
      const budgets = (await api<ListAnswer<Budget>>(base, { signal })).data;
      const events = await Promise.all(
        budgets.map(
          async (budget) =>
            (await api<ListAnswer<BudgetEvent>>(`${base}/${encodeURIComponent(budget.id)}/events`, { signal })).data,
        ),
      );
      const alerts = events.flat().sort((left, right) => right.created_at.localeCompare(left.created_at));
      return { budgets, alerts };
    },
    [props.project],
  );
  const [editing, setEditing] = useState<Budget | 'new' | undefined>(undefined);
  const [removing, setRemoving] = useState<Budget | undefined>(undefined);

  const budgets = loaded.data?.budgets ?? [];
  const scopeOf = (id: string) => {
    const budget = budgets.find((candidate) => candidate.id === id);
    return budget === undefined ? id : budgetScope(budget);
  };
  return (
    <section aria-labelledby="budgets-heading">
      <div className="section-head">
        <h2 id="budgets-heading">Budgets</h2>
        {canEdit ? (
          <Button variant="primary" onClick={() => setEditing('new')}>
            New budget
          </Button>
        ) : null}
      </div>
      {canEdit ? null : <p className="hint">Contributors and owners of the project set its budgets.</p>}
      {loaded.loading && loaded.data === undefined ? <Loading what="budgets" /> : null}
      {loaded.error === undefined ? null : <ErrorNote error={loaded.error} retry={() => loaded.reload()} />}
      {loaded.data === undefined ? null : budgets.length === 0 ? (
        <Empty>
          No budgets yet. A budget watches this month’s spend of the project or one of its keys, raises alerts at
          thresholds and can refuse requests past its limit.
        </Empty>
      ) : (
        <div className="grid budgets">
          {budgets.map((budget) => (
            <BudgetCard
              key={budget.id}
              budget={budget}
              canEdit={canEdit}
              onEdit={() => setEditing(budget)}
              onRemove={() => setRemoving(budget)}
            />
          ))}
        </div>
      )}
      {loaded.data === undefined || budgets.length === 0 ? null : (
        <>
          <h3>Recent alerts</h3>
          <Table
            caption="Recent budget alerts, newest first"
            rows={loaded.data.alerts.slice(0, RECENT_ALERTS)}
            rowKey={(alert) => alert.id}
            empty="No alerts yet: no budget has reached a threshold."
            columns={[
              { header: 'Raised', cell: (alert) => dateTime(alert.created_at) },
              { header: 'Budget', cell: (alert) => scopeOf(alert.budget) },
              { header: 'Threshold', numeric: true, cell: (alert) => `${alert.threshold} %` },
              {
                header: 'Spend / limit',
                numeric: true,
                cell: (alert) =>
                  alert.spend_micro_usd === undefined || alert.limit_micro_usd === undefined
                    ? '—'
                    : `${dollars(alert.spend_micro_usd)} / ${dollars(alert.limit_micro_usd)}`,
              },
              { header: 'Webhook', cell: (alert) => <AlertStatus alert={alert} /> },
            ]}
          />
        </>
      )}
      <Dialog
        title={editing === 'new' ? 'New budget' : `Edit budget: ${editing === undefined ? '' : budgetScope(editing)}`}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      >
        <BudgetForm
          project={props.project}
          editing={editing === 'new' ? undefined : editing}
          onSaved={() => {
            setEditing(undefined);
            loaded.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      </Dialog>
      {removing === undefined ? null : (
        <RemoveBudgetDialog
          project={props.project}
          budget={removing}
          onDone={(removed) => {
            setRemoving(undefined);
            if (removed) loaded.reload();
          }}
        />
      )}
    </section>
  );
}

function BudgetCard(props: { budget: Budget; canEdit: boolean; onEdit: () => void; onRemove: () => void }) {
  const { budget } = props;
  const scope = budgetScope(budget);
  const reserved = budget.reserved_micro_usd ?? 0;
  return (
    <article className="card budget-card" aria-label={`Budget: ${scope}`}>
      <div className="section-head">
        <h3>{scope}</h3>
        {budget.hard_limit ? <Badge tone="warn">Hard limit</Badge> : <Badge>Alerts only</Badge>}
      </div>
      <BudgetMeter budget={budget} label={`Spend of the budget: ${scope}`} />
      <p className="budget-figures">
        <strong>{dollars(budget.spend_micro_usd)}</strong> of {dollars(budget.monthly_limit_micro_usd)} in{' '}
        {budget.month} ({budget.percent} %)
        {reserved > 0 ? `; ${dollars(reserved)} held for requests in progress` : ''}
      </p>
      <dl className="facts">
        <dt>Alerts at</dt>
        <dd>
          {budget.alert_thresholds.length === 0
            ? 'None'
            : budget.alert_thresholds.map((threshold) => `${threshold} %`).join(', ')}
        </dd>
        <dt>Resets</dt>
        <dd>{dateTime(budget.resets_at)}</dd>
        <dt>Webhook</dt>
        <dd className="wrap">
          {budget.webhook_url ?? 'None'}
          {budget.webhook_url !== null && budget.has_webhook_secret ? ' (signed)' : ''}
        </dd>
      </dl>
      {props.canEdit ? (
        <div className="row">
          <Button onClick={props.onEdit} aria-label={`Edit budget: ${scope}`}>
            Edit
          </Button>
          <Button variant="danger" onClick={props.onRemove} aria-label={`Remove budget: ${scope}`}>
            Remove
          </Button>
        </div>
      ) : null}
    </article>
  );
}

const ALERT_TONES = { delivered: 'ok', pending: 'warn', failed: 'bad', no_webhook: 'neutral' } as const;
const ALERT_WORDS = { delivered: 'Delivered', pending: 'Pending', failed: 'Failed', no_webhook: 'No webhook' };

function AlertStatus(props: { alert: BudgetEvent }) {
  const { alert } = props;
  const attempts = alert.attempts ?? 0;
  return (
    <>
      <Badge tone={ALERT_TONES[alert.status]}>{ALERT_WORDS[alert.status]}</Badge>
      {attempts > 1 ? ` after ${attempts} attempts` : ''}
      {alert.last_error === null || alert.last_error === undefined ? null : (
        <small className="hint block">{alert.last_error}</small>
      )}
    </>
  );
}

function RemoveBudgetDialog(props: { project: string; budget: Budget; onDone: (removed: boolean) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const scope = budgetScope(props.budget);
  return (
    <Dialog title={`Remove budget: ${scope}`} open onClose={() => props.onDone(false)}>
      <p>
        Remove the {dollars(props.budget.monthly_limit_micro_usd)} monthly budget of{' '}
        {props.budget.key === null ? 'the whole project' : `key ${props.budget.key}`}? Its alerts stop
        {props.budget.hard_limit ? ', and requests are no longer refused at its limit' : ''}.
      </p>
      {error === undefined ? null : <ErrorNote error={error} />}
      <div className="row form-actions">
        <Button
          variant="danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(undefined);
            api(`/admin/projects/${encodeURIComponent(props.project)}/budgets/${encodeURIComponent(props.budget.id)}`, {
              method: 'DELETE',
            }).then(
              () => props.onDone(true),
              (failure: unknown) => {
                setBusy(false);
                setError(failure instanceof Error ? failure : new Error(String(failure)));
              },
            );
          }}
        >
          {busy ? 'Removing…' : 'Remove budget'}
        </Button>
        {/* The safe choice has the focus, so Enter does not remove anything by accident. */}
        <Button onClick={() => props.onDone(false)} autoFocus>
          Keep it
        </Button>
      </div>
    </Dialog>
  );
}
