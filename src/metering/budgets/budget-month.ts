/** A budget month, `YYYY-MM` in UTC, as Azure's monthly budgets reset on the first of the month. */
export type BudgetMonth = string;

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/** The UTC month a moment falls in. */
export function monthOf(atMs: number): BudgetMonth {
  const date = new Date(atMs);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** When the month starts and when the next one starts (its reset), unix ms. */
export function monthBoundsMs(month: BudgetMonth): { startMs: number; endMs: number } {
  const match = MONTH_PATTERN.exec(month);
  if (match === null) throw new RangeError(`'${month}' is not a month in the form YYYY-MM.`);
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  return { startMs: Date.UTC(year, monthIndex, 1), endMs: Date.UTC(year, monthIndex + 1, 1) };
}

/** The first day of the month and of the next one, `YYYY-MM-DD`, for queries over daily rollups. */
export function monthDays(month: BudgetMonth): { firstDay: string; nextMonthFirstDay: string } {
  const { startMs, endMs } = monthBoundsMs(month);
  return {
    firstDay: new Date(startMs).toISOString().slice(0, 10),
    nextMonthFirstDay: new Date(endMs).toISOString().slice(0, 10),
  };
}
