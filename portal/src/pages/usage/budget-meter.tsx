import { dollars } from '../../components/format';
import type { Budget } from './usage-types';

/** The tone of a budget's bar: at or past the limit, close to it (80 %), or fine. */
export function budgetTone(budget: Budget): 'ok' | 'warn' | 'bad' {
  if (budget.percent >= 100) return 'bad';
  return budget.percent >= 80 ? 'warn' : 'ok';
}

/** Spend against the limit as a bar, with a tick at each alert threshold within the limit. */
export function BudgetMeter(props: { budget: Budget; label: string }) {
  const { budget } = props;
  const filled = Math.min(Math.max(budget.percent, 0), 100);
  const reserved = Math.min(((budget.reserved_micro_usd ?? 0) / budget.monthly_limit_micro_usd) * 100, 100 - filled);
  return (
    <div
      className={`progress budget-meter budget-${budgetTone(budget)}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={filled}
      aria-valuetext={`${budget.percent} % used: ${dollars(budget.spend_micro_usd)} of ${dollars(budget.monthly_limit_micro_usd)}`}
    >
      <span style={{ width: `${filled}%` }} />
      {reserved > 0 ? <span className="reserved" style={{ width: `${reserved}%` }} /> : null}
      {budget.alert_thresholds
        .filter((threshold) => threshold < 100)
        .map((threshold) => (
          <i key={threshold} className="threshold" style={{ left: `${threshold}%` }} aria-hidden="true" />
        ))}
    </div>
  );
}
