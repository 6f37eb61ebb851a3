import { formatDollars } from '../../metering/index.js';
import type { JsonObject } from '../../spec/index.js';
import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS, type OptionValues } from '../cli-options.js';
import {
  asObject,
  listItems,
  output,
  requireArgument,
  requireOption,
  segment,
  text,
  type Command,
} from '../command.js';
import { formatTable } from '../print-table.js';

const budgetsPath = (project: string) => `/admin/projects/${segment(project)}/budgets`;

/** `12.5` → 12,500,000 micro-dollars, exactly: the decimal is read as text, never as a float. */
export function parseDollars(value: string): number {
  const match = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(value);
  if (match === null) throw usageError('--limit-usd must be an amount in dollars such as 250 or 12.50');
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

function parseBoolean(value: string, option: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw usageError(`--${option} must be true or false`);
}

function parseThresholds(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    throw usageError('--thresholds must be percents separated by commas, such as 50,80,100');
  }
  return parts.map(Number);
}

/** The fields `set` sends: only what was given, so an update leaves the rest alone. */
function budgetSettings(values: OptionValues): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (values['limit-usd'] !== undefined) settings.monthly_limit_micro_usd = parseDollars(values['limit-usd']);
  if (values['hard-limit'] !== undefined) settings.hard_limit = parseBoolean(values['hard-limit'], 'hard-limit');
  if (values.thresholds !== undefined) settings.alert_thresholds = parseThresholds(values.thresholds);
  // An empty value clears the webhook (or its secret).
  if (values['webhook-url'] !== undefined) settings.webhook_url = values['webhook-url'] || null;
  if (values['webhook-secret'] !== undefined) settings.webhook_secret = values['webhook-secret'] || null;
  return settings;
}

function money(item: JsonObject, field: string): string | null {
  const value = item[field];
  return typeof value === 'number' ? formatDollars(value) : null;
}

export const budgetsList: Command = {
  usage: 'budgets list --project PROJECT',
  summary: "A project's monthly budgets, with this month's spend",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', budgetsPath(project));
    return output(context, listed, () =>
      formatTable(
        ['id', 'covers', 'limit', 'spent', 'percent', 'enforced', 'alerts at', 'webhook', 'resets'],
        listItems(listed).map((item) => [
          text(item, 'id'),
          text(item, 'key') === null ? 'project' : `key ${text(item, 'key') ?? ''}`,
          money(item, 'monthly_limit_micro_usd'),
          money(item, 'spend_micro_usd'),
          `${text(item, 'percent') ?? '0'} %`,
          item.hard_limit === true ? 'yes' : 'alerts only',
          Array.isArray(item.alert_thresholds)
            ? item.alert_thresholds.map((value) => `${typeof value === 'number' ? value : '?'} %`).join(', ')
            : null,
          text(item, 'webhook_url'),
          text(item, 'resets_at'),
        ]),
      ),
    );
  },
};

export const budgetsSet: Command = {
  usage:
    'budgets set --project PROJECT [--key KEY] [--id ID] --limit-usd DOLLARS [--hard-limit true|false] ' +
    '[--thresholds 50,80,100] [--webhook-url URL] [--webhook-secret SECRET]',
  summary: 'Set the monthly budget of a project, or of one of its keys (changed in place when it has one)',
  options: [
    ...CLIENT_OPTIONS,
    'project',
    'key',
    'id',
    'limit-usd',
    'hard-limit',
    'thresholds',
    'webhook-url',
    'webhook-secret',
  ],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(values, 'project');
    const settings = budgetSettings(values);
    const client = context.client();
    let id = values.id;
    if (id === undefined) {
      // The budget already on the project (or the key) is changed rather than a second one added beside it.
      const key = values.key ?? null;
      const same = listItems(await client.send('GET', budgetsPath(project))).filter(
        (item) => text(item, 'key') === key,
      );
      if (same.length > 1) {
        throw usageError(`${same.length} budgets cover this; pick one with --id (see \`hangar budgets list\`)`);
      }
      id = same[0] === undefined ? undefined : (text(same[0], 'id') ?? undefined);
    }
    const scope = values.key === undefined ? `project ${project}` : `key ${values.key} of project ${project}`;
    if (id === undefined) {
      if (settings.monthly_limit_micro_usd === undefined) throw usageError('--limit-usd is required for a new budget');
      const created = asObject(
        await client.send('POST', budgetsPath(project), {
          ...(values.key === undefined ? {} : { key: values.key }),
          ...settings,
        }),
      );
      return output(context, created, () => `Set budget ${text(created, 'id') ?? ''} on ${scope}.\n`);
    }
    const updated = asObject(await client.send('PATCH', `${budgetsPath(project)}/${segment(id)}`, settings));
    return output(context, updated, () => `Changed budget ${id} on ${scope}.\n`);
  },
};

export const budgetsRemove: Command = {
  usage: 'budgets remove --project PROJECT ID',
  summary: 'Remove a budget',
  options: [...CLIENT_OPTIONS, 'project', 'id'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const id = requireArgument(context, 'the budget ID', context.values.id);
    const removed = await context.client().send('DELETE', `${budgetsPath(project)}/${segment(id)}`);
    return output(context, removed, () => `Removed budget ${id} of project ${project}.\n`);
  },
};

export const budgetsEvents: Command = {
  usage: 'budgets events --project PROJECT ID',
  summary: 'The alerts a budget raised and how their webhook delivery went',
  options: [...CLIENT_OPTIONS, 'project', 'id'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const id = requireArgument(context, 'the budget ID', context.values.id);
    const listed = await context.client().send('GET', `${budgetsPath(project)}/${segment(id)}/events`);
    return output(context, listed, () =>
      formatTable(
        ['month', 'threshold', 'spent', 'status', 'attempts', 'last error', 'raised'],
        listItems(listed).map((item) => [
          text(item, 'month'),
          `${text(item, 'threshold') ?? ''} %`,
          money(item, 'spend_micro_usd'),
          text(item, 'status'),
          text(item, 'attempts'),
          text(item, 'last_error'),
          text(item, 'created_at'),
        ]),
      ),
    );
  },
};
