import { GatewayError } from '../../spec/index.js';

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2025-06` from the query string; anything else is a 400 naming the parameter. */
export function parseInvoiceMonth(value: unknown, param = 'month'): string {
  if (typeof value !== 'string' || !MONTH_PATTERN.test(value)) {
    throw new GatewayError('invalid_request', `${param} must be a calendar month written YYYY-MM, such as 2025-06.`, {
      param,
    });
  }
  return value;
}

/** The UTC month of a unix-ms time. */
export function monthOf(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 7);
}

/** 00:00 UTC on the month's first day, unix ms. */
export function monthStart(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (match === null) throw new RangeError(`'${month}' is not a YYYY-MM month.`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
}

export function nextMonth(month: string): string {
  const start = new Date(monthStart(month));
  return monthOf(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

export function previousMonth(month: string): string {
  const start = new Date(monthStart(month));
  return monthOf(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1));
}

/** 00:00 UTC of a `YYYY-MM-DD` day, unix ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** 00:00 UTC of the month's last day: when a month's adjustments look up their price card. */
export function lastDayStart(month: string): number {
  return monthStart(nextMonth(month)) - 86_400_000;
}
