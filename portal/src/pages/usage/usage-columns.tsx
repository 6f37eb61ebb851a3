import { count, dollars } from '../../components/format';
import type { TotalsColumn } from './totals-table';
import type { UsageFigures, UsageGrouping, UsageRow } from './usage-types';
import { shortDay } from './utc-dates';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Token counts on a chart's axis: `1.2M` rather than `1,234,567`. */
export function compactCount(value: number): string {
  return compact.format(value);
}

/**
 * Costs on a chart's axis and bars, short enough for the axis: cents below a cent (`0.075¢`), dollars up to a
 * thousand, then `$1.2K`. The tables under the charts keep the exact figures.
 */
export function chartDollars(microUsd: number): string {
  if (microUsd === 0) return '$0';
  if (Math.abs(microUsd) < 10_000) return `${Number((microUsd / 10_000).toPrecision(2))}¢`;
  if (Math.abs(microUsd) < 1_000_000_000) return dollars(microUsd);
  return `$${compact.format(microUsd / 1_000_000)}`;
}

/** The name of a row in its grouping; a removed deployment or key keeps its id so its usage still reads. */
export function rowLabel(row: UsageRow, groupBy: UsageGrouping): string {
  switch (groupBy) {
    case 'day':
      return row.day ?? '';
    case 'deployment':
      return row.deployment ?? `${row.deployment_id ?? 'unknown'} (removed)`;
    case 'model':
      return row.model ?? '';
    case 'key':
      return row.key ?? `${row.key_id ?? 'unknown'} (removed)`;
  }
}

/** A chart's label for a row: days are shortened to fit under a bar. */
export function chartLabel(row: UsageRow, groupBy: UsageGrouping): string {
  return groupBy === 'day' && row.day !== undefined ? shortDay(row.day) : rowLabel(row, groupBy);
}

export const GROUPING_HEADERS: Record<UsageGrouping, string> = {
  day: 'Day (UTC)',
  deployment: 'Deployment',
  model: 'Model',
  key: 'Key',
};

/** The table under a usage chart: the group, requests, tokens by kind, and cost, each with its total. */
export function usageColumns(groupBy: UsageGrouping, totals: UsageFigures): TotalsColumn<UsageRow>[] {
  const figure = (header: string, pick: (figures: UsageFigures) => number): TotalsColumn<UsageRow> => ({
    header,
    numeric: true,
    cell: (row) => count(pick(row)),
    total: count(pick(totals)),
  });
  return [
    { header: GROUPING_HEADERS[groupBy], cell: (row) => rowLabel(row, groupBy) },
    figure('Requests', (figures) => figures.requests),
    figure('Input tokens', (figures) => figures.input_tokens),
    figure('Cached input', (figures) => figures.cached_input_tokens),
    figure('Output tokens', (figures) => figures.output_tokens),
    figure('Reasoning', (figures) => figures.reasoning_tokens),
    figure('Total tokens', (figures) => figures.total_tokens),
    {
      header: 'Cost',
      numeric: true,
      cell: (row) => dollars(row.cost_micro_usd),
      total: dollars(totals.cost_micro_usd),
    },
  ];
}
