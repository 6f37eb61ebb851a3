/**
 * Days and months as the API counts them: whole UTC days (`YYYY-MM-DD`) and UTC months (`YYYY-MM`), so a range
 * picked here means the same days whatever the browser's time zone.
 */
export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

export function utcDay(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 10);
}

export function utcMonth(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 7);
}

/** The API's default range: the first of this month to today. */
export function thisMonth(now: number): DayRange {
  const to = utcDay(now);
  return { from: `${to.slice(0, 8)}01`, to };
}

export function lastMonth(now: number): DayRange {
  const month = shiftMonth(utcMonth(now), -1);
  return { from: `${month}-01`, to: utcDay(Date.parse(`${shiftMonth(month, 1)}-01T00:00:00Z`) - DAY_MS) };
}

/** The last `days` days, today included. */
export function lastDays(now: number, days: number): DayRange {
  return { from: utcDay(now - (days - 1) * DAY_MS), to: utcDay(now) };
}

/** `shiftMonth('2026-01', -1)` → `'2025-12'`. */
export function shiftMonth(month: string, by: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1 + by, 1)).toISOString().slice(0, 7);
}

/** The `count` months up to and including `month`, oldest first. */
export function monthsUpTo(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => shiftMonth(month, index - count + 1));
}

/** Every day of the range, both ends included; for charts that show the days without usage as zero. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  // A guard against a range so long that drawing a bar a day would be pointless.
  for (let at = Date.parse(`${range.from}T00:00:00Z`); at <= end && days.length < 1000; at += DAY_MS) {
    days.push(utcDay(at));
  }
  return days;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (an <input type="date"> value). */
export function isDay(value: string): boolean {
  return (
    DAY_PATTERN.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    utcDay(Date.parse(`${value}T00:00:00Z`)) === value
  );
}

/** `2026-11-05` → `5 Nov`, short enough for a chart's axis. */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** `2026-11` → `Nov 2026`. */
export function monthName(month: string): string {
  // en-US: `Sep`, where en-GB writes `Sept`.
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
