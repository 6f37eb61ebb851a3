import {
  CAPABILITIES,
  CatalogError,
  cheapestPrice,
  defaultCatalogDirectory,
  formatPriceUsd,
  loadCatalog,
  parseUsdDecimal,
  renderModelCard,
  searchCatalog,
  type Capability,
  type Catalog,
  type CatalogQuery,
} from '../../catalog/index.js';
import { CliError, usageError } from '../cli-io.js';
import type { OptionName } from '../cli-options.js';
import { output, requireArgument, type Command, type CommandContext } from '../command.js';
import { formatTable } from '../print-table.js';

/** The options `hangar catalog` reads (declared in cli-options.ts). */
export interface CatalogOptionValues {
  json?: boolean;
  vendor?: string;
  /** One capability, or several separated by commas: all must be present. */
  capability?: string;
  'max-input-price'?: string;
}

const FILTER_OPTIONS: readonly OptionName[] = ['vendor', 'capability', 'max-input-price'];

/** Read from the catalog files shipped with Hangar, like `models` reads the store: no server needed. */
export const catalogList: Command = {
  usage: 'catalog [list] [--vendor V] [--capability C[,C]] [--max-input-price P] [--json]',
  summary: 'List the model catalog: vendor, context, lowest interactive price per 1M tokens, capabilities',
  options: ['json', ...FILTER_OPTIONS],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const catalog = await readCatalog();
    const models = searchCatalog(catalog, catalogQuery(context));
    return output(context, { object: 'list', data: models.map(renderModelCard) }, () =>
      models.length === 0
        ? 'No catalog model matches; `hangar catalog` without filters lists them all.\n'
        : formatTable(
            ['id', 'vendor', 'context', 'input $/1M', 'output $/1M', 'capabilities'],
            models.map((model) => {
              // Batch prices are cheaper but not for interactive use; show them only for a batch-only model.
              const price =
                cheapestPrice(model.prices.filter((entry) => entry.deploymentType !== 'batch')) ??
                cheapestPrice(model.prices);
              const usd = (microUsd: number | null | undefined) =>
                microUsd === null || microUsd === undefined ? null : formatPriceUsd(microUsd);
              return [
                model.id,
                model.vendor,
                formatTokens(model.contextWindow),
                usd(price?.microUsdPerMillionTokens.input),
                usd(price?.microUsdPerMillionTokens.output),
                model.capabilities.join(', '),
              ];
            }),
          ),
    );
  },
};

export const catalogShow: Command = {
  usage: 'catalog show ID [--json]',
  summary: "Show a catalog model's card: modalities, limits, capabilities, licence, dates and every price",
  options: ['json'],
  async run(context) {
    const id = requireArgument(context, 'the model ID');
    const catalog = await readCatalog();
    const model = catalog.models.find((candidate) => candidate.id === id);
    if (model === undefined)
      throw new CliError(`There is no model '${id}' in the catalog; \`hangar catalog\` lists them.`);
    const vendor = catalog.vendors.find((candidate) => candidate.id === model.vendor);
    const parameters = Object.entries(model.parameters).map(
      ([name, parameter]) =>
        `${name}: ${parameter.values.join(' | ')}${parameter.default === null ? '' : ` (default ${parameter.default})`}`,
    );
    const rows: [string, string][] = [
      ['id', model.id],
      ['name', model.name],
      ['vendor', vendor === undefined ? model.vendor : `${model.vendor} (${vendor.name})`],
      ['family', model.family],
      ['description', model.description],
      ['modalities', `${model.modalitiesIn.join(', ')} -> ${model.modalitiesOut.join(', ')}`],
      ['context window', `${model.contextWindow.toLocaleString('en-US')} tokens`],
      ['max output', model.maxOutputTokens === null ? '-' : `${model.maxOutputTokens.toLocaleString('en-US')} tokens`],
      ['capabilities', model.capabilities.join(', ') || '-'],
      ['parameters', parameters.join('; ') || '-'],
      ['licence', model.licence],
      ['released', model.released],
      ['retires', model.retires ?? '-'],
      ['deployment types', model.deploymentTypes.join(', ')],
      ['file', `catalog/${model.file}`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length)) + 2;
    const usd = (microUsd: number | null) => (microUsd === null ? null : formatPriceUsd(microUsd));
    const prices = formatTable(
      ['deployment', 'sold by', 'prompt above', 'input', 'cached', 'cache write', 'output', 'as of', 'source'],
      model.prices.map((price) => [
        price.deploymentType,
        price.soldBy,
        price.promptTokensAbove === 0 ? null : formatTokens(price.promptTokensAbove),
        usd(price.microUsdPerMillionTokens.input),
        usd(price.microUsdPerMillionTokens.cachedInput),
        usd(price.microUsdPerMillionTokens.cacheWriteInput),
        usd(price.microUsdPerMillionTokens.output),
        price.asOf,
        price.source,
      ]),
    );
    const notes = model.prices
      .map((price, index) =>
        price.note === null ? null : `  ${index + 1}. ${price.deploymentType}, ${price.soldBy}: ${price.note}\n`,
      )
      .filter((note) => note !== null);
    return output(
      context,
      renderModelCard(model),
      () =>
        rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}\n`).join('') +
        `\nPrices, US dollars per 1M tokens:\n${prices}` +
        (notes.length === 0 ? '' : `Notes:\n${notes.join('')}`),
    );
  },
};

async function readCatalog(): Promise<Catalog> {
  try {
    return await loadCatalog(defaultCatalogDirectory());
  } catch (error) {
    if (error instanceof CatalogError) throw new CliError(error.message);
    throw error;
  }
}

function catalogQuery(context: CommandContext): CatalogQuery {
  const values: CatalogOptionValues = context.values;
  const query: CatalogQuery = {};
  if (values.vendor !== undefined) query.vendor = values.vendor;
  if (values.capability !== undefined) {
    query.capability = values.capability.split(',').map((item) => {
      const capability = CAPABILITIES.find((candidate) => candidate === item.trim());
      if (capability === undefined) {
        throw usageError(`--capability '${item.trim()}' must be one of ${CAPABILITIES.join(', ')}`);
      }
      return capability satisfies Capability;
    });
  }
  const maxInputPrice = values['max-input-price'];
  if (maxInputPrice !== undefined) {
    const parsed = parseUsdDecimal(maxInputPrice);
    if (!parsed.ok) throw usageError(`--max-input-price (US dollars per 1M tokens) ${parsed.problem}`);
    query.maxInputPrice = maxInputPrice;
  }
  return query;
}

/** 131072 → 131K, 1047576 → 1.05M */
function formatTokens(count: number): string {
  if (count >= 1e6) return `${Number((count / 1e6).toFixed(2))}M`;
  if (count >= 1e3) return `${Math.round(count / 1e3)}K`;
  return String(count);
}
