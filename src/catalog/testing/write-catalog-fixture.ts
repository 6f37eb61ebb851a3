import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

type Card = Record<string, unknown>;

/** A valid card for vendor `acme`; tests override the fields they break. */
export function acmeCard(overrides: Card = {}): Card {
  return {
    id: 'acme-1',
    name: 'Acme 1',
    family: 'acme',
    description: 'A model for tests.',
    modalities_in: ['text'],
    modalities_out: ['text'],
    context_window: 8192,
    max_output_tokens: 4096,
    capabilities: ['tools'],
    licence: 'proprietary',
    released: '2025-01-01',
    retires: null,
    deployment_types: ['standard'],
    prices: [acmePrice()],
    ...overrides,
  };
}

export function acmePrice(overrides: Card = {}): Card {
  return {
    deployment_type: 'standard',
    sold_by: 'vendor',
    input: 1.25,
    cached_input: 0.125,
    output: 5,
    source: 'https://acme.example/pricing',
    as_of: '2025-06-01',
    ...overrides,
  };
}

export interface CatalogFixture {
  vendors?: Card[] | string;
  /** File name (without .yaml) → file body, or raw text. */
  files?: Record<string, { vendor: string; models: Card[] } | string>;
}

const written: string[] = [];

/** Writes `<tmp>/catalog/` with vendors.yaml and models/*.yaml and returns its path. */
export async function writeCatalogFixture(fixture: CatalogFixture = {}): Promise<string> {
  const directory = join(await mkdtemp(join(tmpdir(), 'hangar-catalog-')), 'catalog');
  written.push(dirname(directory));
  await mkdir(join(directory, 'models'), { recursive: true });
  const vendors = fixture.vendors ?? [{ id: 'acme', name: 'Acme', website: 'https://www.acme.example' }];
  await writeFile(join(directory, 'vendors.yaml'), typeof vendors === 'string' ? vendors : stringify({ vendors }));
  const files = fixture.files ?? { acme: { vendor: 'acme', models: [acmeCard()] } };
  for (const [name, body] of Object.entries(files)) {
    await writeFile(join(directory, 'models', `${name}.yaml`), typeof body === 'string' ? body : stringify(body));
  }
  return directory;
}

/** Deletes every fixture written so far; for `after`. */
export async function removeCatalogFixtures(): Promise<void> {
  await Promise.all(written.splice(0).map((path) => rm(path, { recursive: true, force: true })));
}
