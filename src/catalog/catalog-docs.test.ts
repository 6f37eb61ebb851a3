import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultCatalogDirectory, formatPriceUsd, loadCatalog, type Catalog, type ListedPrice } from './index.js';

const DOCS = join(defaultCatalogDirectory(), '..', 'docs', 'catalog.md');
const START = '<!-- catalog-table:start -->';
const END = '<!-- catalog-table:end -->';

/** The rows docs/catalog.md must show, one per model, cells as plain text. */
function expectedRows(catalog: Catalog): string[][] {
  const sellerName = (price: ListedPrice, vendorName: string) => (price.soldBy === 'azure' ? 'Azure' : vendorName);
  const usd = (microUsd: number | null) => (microUsd === null ? '–' : formatPriceUsd(microUsd));
  return catalog.models.map((model) => {
    const vendorName = catalog.vendors.find((vendor) => vendor.id === model.vendor)?.name ?? model.vendor;
    const prices = model.prices.map((price) => {
      const { input, cachedInput, output } = price.microUsdPerMillionTokens;
      const tier = price.promptTokensAbove === 0 ? '' : ` > ${price.promptTokensAbove / 1000}K`;
      return `${price.deploymentType} (${sellerName(price, vendorName)}${tier}): ${usd(input)} / ${usd(cachedInput)} / ${usd(output)}`;
    });
    return [
      `\`${model.id}\``,
      vendorName,
      model.contextWindow.toLocaleString('en-US'),
      model.maxOutputTokens === null ? '–' : model.maxOutputTokens.toLocaleString('en-US'),
      model.capabilities.join(', ') || '–',
      prices.join('<br>'),
      model.licence,
      model.released,
      model.retires ?? '–',
    ];
  });
}

function renderTable(rows: string[][]): string {
  const header = [
    'Model',
    'Vendor',
    'Context',
    'Max output',
    'Capabilities',
    'Prices: input / cached / output',
    'Licence',
    'Released',
    'Retires',
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

describe('docs/catalog.md', () => {
  it('shows every shipped model with its prices, as the catalog files have them', async () => {
    const catalog = await loadCatalog(defaultCatalogDirectory());
    const text = readFileSync(DOCS, 'utf8');
    const table = text.slice(text.indexOf(START) + START.length, text.indexOf(END));
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .slice(2)
      .map((line) =>
        line
          .slice(1, -1)
          .split(' | ')
          .map((cell) => cell.trim()),
      );
    const expected = expectedRows(catalog);
    assert.deepEqual(
      rows,
      expected,
      `The table in docs/catalog.md is out of date; replace it (between the markers) with:\n\n${renderTable(expected)}\n`,
    );
  });
});
