import { GatewayError } from '../../spec/index.js';
import { DAY_MS } from '../../store/index.js';
import { utcDay } from './roll-up-usage.js';

/** A range of whole UTC days, both ends included. */
export interface DateRange {
  /** `YYYY-MM-DD`. */
  fromDay: string;
  toDay: string;
  /** The range as unix ms: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from` and `to` as the client sent them. `to` defaults to today (UTC) and `from` to the first day of `to`'s month,
 * so no parameters means this month so far.
 */
export function parseDateRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: number,
  maximumDays?: number,
): DateRange {
  const toDay = query.to === undefined || query.to === '' ? utcDay(now) : checkedDay(query.to, 'to');
  const fromDay =
    query.from === undefined || query.from === '' ? `${toDay.slice(0, 8)}01` : checkedDay(query.from, 'from');
  if (fromDay > toDay) {
    throw new GatewayError('invalid_request', `from (${fromDay}) is after to (${toDay}); swap them.`, {
      param: 'from',
    });
  }
  const fromMs = Date.parse(`${fromDay}T00:00:00Z`);
  const toMs = Date.parse(`${toDay}T00:00:00Z`) + DAY_MS;
  const days = (toMs - fromMs) / DAY_MS;
  if (maximumDays !== undefined && days > maximumDays) {
    throw new GatewayError(
      'invalid_request',
      `The range ${fromDay} to ${toDay} spans ${days} days; ask for at most ${maximumDays} at a time.`,
      { param: 'from' },
    );
  }
  return { fromDay, toDay, fromMs, toMs };
}

function checkedDay(value: string, param: 'from' | 'to'): string {
  // A round trip through Date catches 2026-02-30, which the pattern lets through.
  if (
    !DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    utcDay(Date.parse(`${value}T00:00:00Z`)) !== value
  ) {
    throw new GatewayError(
      'invalid_request',
      `${param} must be a date as YYYY-MM-DD (for example 2026-11-01), not '${value}'.`,
      {
        param,
      },
    );
  }
  return value;
}
