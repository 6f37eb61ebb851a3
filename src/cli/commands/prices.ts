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

const PRICE_OPTIONS = [
  'input-price',
  'cached-input-price',
  'cache-write-input-price',
  'output-price',
  'reasoning-price',
] as const;

/** `3`, `0.075`: US dollars per 1M tokens, sent as the string so the server converts it exactly. */
function price(values: OptionValues, option: (typeof PRICE_OPTIONS)[number]): string | undefined {
  const value = values[option];
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d{1,6})?$/.test(value)) {
    throw usageError(`--${option} must be US dollars per 1M tokens with at most six decimals, such as 2.5 or 0.075`);
  }
  return value;
}

/** `15` or `12.5` percent as basis points, without passing through a float. */
function discountBasisPoints(value: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
  const basisPoints = match === null ? Number.NaN : Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!(basisPoints >= 1 && basisPoints <= 10_000)) {
    throw usageError('--discount-percent must be a percent from 0.01 to 100, with at most two decimals, such as 15');
  }
  return basisPoints;
}

function describeOverride(item: JsonObject): string {
  const discount = item.discount_basis_points;
  if (typeof discount === 'number') return `${discount / 100}% off the catalog`;
  const prices = asObject(item.usd_per_million_tokens);
  const parts = [`in ${text(prices, 'input') ?? '-'}`, `out ${text(prices, 'output') ?? '-'}`];
  for (const [key, label] of [
    ['cached_input', 'cached'],
    ['cache_write_input', 'cache write'],
    ['reasoning', 'reasoning'],
  ] as const) {
    const value = text(prices, key);
    if (value !== null) parts.push(`${label} ${value}`);
  }
  return `$ per 1M: ${parts.join(', ')}`;
}

export const pricesList: Command = {
  usage: 'prices list --project PROJECT',
  summary: "A project's price overrides",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', `/admin/projects/${segment(project)}/prices`);
    return output(context, listed, () =>
      formatTable(
        ['id', 'model', 'type', 'price', 'from', 'to'],
        listItems(listed).map((item) => [
          text(item, 'id'),
          text(item, 'model'),
          text(item, 'deployment_type') ?? 'all',
          describeOverride(item),
          text(item, 'effective_from'),
          text(item, 'effective_to'),
        ]),
      ),
    );
  },
};

export const pricesShow: Command = {
  usage: 'prices show --project PROJECT --model MODEL [--type DEPLOYMENT_TYPE]',
  summary: "The price card in effect now for a project's requests to a model",
  options: [...CLIENT_OPTIONS, 'project', 'model', 'type'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(context.values, 'project');
    const query = new URLSearchParams({ model: requireOption(context.values, 'model') });
    if (context.values.type !== undefined) query.set('deployment_type', context.values.type);
    const card = await context
      .client()
      .send('GET', `/admin/projects/${segment(project)}/prices/effective?${query.toString()}`);
    return output(context, card, () => {
      const answer = asObject(card);
      const discount = Number(answer.discount_basis_points ?? 0);
      const header =
        `${text(answer, 'version') ?? ''}\n` + (discount > 0 ? `${discount / 100}% off the prices below\n` : '');
      const tiers = Array.isArray(answer.tiers) ? answer.tiers.map(asObject) : [];
      return (
        header +
        formatTable(
          ['prompt tokens above', 'input', 'cached input', 'cache write', 'output', 'reasoning'],
          tiers.map((tier) => {
            const prices = asObject(tier.usd_per_million_tokens);
            return [
              text(tier, 'prompt_tokens_above'),
              ...['input', 'cached_input', 'cache_write_input', 'output', 'reasoning'].map((key) => text(prices, key)),
            ];
          }),
        )
      );
    });
  },
};

export const pricesSet: Command = {
  usage:
    'prices set --project PROJECT --model MODEL [--type DEPLOYMENT_TYPE] (--input-price USD --output-price USD ' +
    '[--cached-input-price USD] [--cache-write-input-price USD] [--reasoning-price USD] | --discount-percent N) ' +
    '[--effective-from DATE] [--effective-to DATE]',
  summary: 'Give a project its own price for a model (USD per 1M tokens), or a discount off the catalog',
  options: [
    ...CLIENT_OPTIONS,
    'project',
    'model',
    'type',
    ...PRICE_OPTIONS,
    'discount-percent',
    'effective-from',
    'effective-to',
  ],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const { values } = context;
    const project = requireOption(values, 'project');
    const model = requireOption(values, 'model');
    const given = PRICE_OPTIONS.filter((option) => values[option] !== undefined);
    const discount = values['discount-percent'];
    if (given.length > 0 === (discount !== undefined)) {
      throw usageError('give either --input-price and --output-price (and the other prices), or --discount-percent');
    }
    const body: Record<string, unknown> = { model };
    if (values.type !== undefined) body.deployment_type = values.type;
    if (discount !== undefined) body.discount_basis_points = discountBasisPoints(discount);
    else {
      if (values['input-price'] === undefined || values['output-price'] === undefined) {
        throw usageError('--input-price and --output-price are both required with explicit prices');
      }
      body.usd_per_million_tokens = {
        input: price(values, 'input-price'),
        output: price(values, 'output-price'),
        cached_input: price(values, 'cached-input-price'),
        cache_write_input: price(values, 'cache-write-input-price'),
        reasoning: price(values, 'reasoning-price'),
      };
    }
    if (values['effective-from'] !== undefined) body.effective_from = values['effective-from'];
    if (values['effective-to'] !== undefined) body.effective_to = values['effective-to'];
    const added = await context.client().send('POST', `/admin/projects/${segment(project)}/prices`, body);
    return output(
      context,
      added,
      () =>
        `Price override ${text(asObject(added), 'id') ?? ''} for ${model} in project ${project}, ` +
        `from ${text(asObject(added), 'effective_from') ?? ''}.\n`,
    );
  },
};

export const pricesRemove: Command = {
  usage: 'prices remove --project PROJECT ID',
  summary: 'Remove a price override; the catalog price (or an older override) applies again',
  options: [...CLIENT_OPTIONS, 'project', 'id'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const id = requireArgument(context, 'the override ID', context.values.id);
    const removed = await context.client().send('DELETE', `/admin/projects/${segment(project)}/prices/${segment(id)}`);
    return output(context, removed, () => `Removed price override ${id} of project ${project}.\n`);
  },
};
