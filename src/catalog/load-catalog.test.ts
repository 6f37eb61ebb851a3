import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CatalogError, defaultCatalogDirectory, loadCatalog } from './index.js';
import {
  acmeCard,
  acmePrice,
  removeCatalogFixtures,
  writeCatalogFixture,
  type CatalogFixture,
} from './testing/write-catalog-fixture.js';

after(removeCatalogFixtures);

/** The problems loading `fixture` reports; fails when it loads. */
async function problemsOf(fixture: CatalogFixture): Promise<readonly string[]> {
  const directory = await writeCatalogFixture(fixture);
  try {
    await loadCatalog(directory);
  } catch (error) {
    assert.ok(error instanceof CatalogError, String(error));
    assert.match(error.message, /^The catalog in .*catalog has \d+ problems?:\n {2}- /);
    return error.problems;
  }
  assert.fail('the catalog loaded, but it has a problem');
}

const withPrice = (price: Record<string, unknown>) => ({
  files: { acme: { vendor: 'acme', models: [acmeCard({ prices: [acmePrice(price)] })] } },
});

describe('the shipped catalog', () => {
  // This is the CI check: a catalog file with a bad price or a missing source fails `npm test`.
  it('loads with no problems', async () => {
    const catalog = await loadCatalog(defaultCatalogDirectory());
    const ids = catalog.models.map((model) => model.id);
    for (const id of [
      'grok-3',
      'grok-3-mini',
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4.1-nano',
      'o3-mini',
      'o4-mini',
      'deepseek-r1',
      'deepseek-v3',
      'llama-3.3-70b-instruct',
      'llama-4-maverick',
      'llama-4-scout',
      'phi-4',
      'mistral-large',
      'mistral-small',
      'claude-sonnet-4',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'text-embedding-3-small',
      'text-embedding-3-large',
    ]) {
      assert.ok(ids.includes(id), `${id} is missing from the catalog`);
    }
    for (const model of catalog.models) {
      for (const price of model.prices) {
        assert.match(price.source, /^https:\/\//);
        assert.ok(Number.isSafeInteger(price.microUsdPerMillionTokens.input));
      }
    }
  });

  it('has the Grok 3 facts the issue asks for', async () => {
    const catalog = await loadCatalog(defaultCatalogDirectory());
    const grok = catalog.models.find((model) => model.id === 'grok-3');
    const mini = catalog.models.find((model) => model.id === 'grok-3-mini');
    assert.equal(grok?.contextWindow, 131072);
    assert.equal(mini?.contextWindow, 131072);
    assert.deepEqual(mini?.parameters.reasoning_effort?.values, ['low', 'high']);
    assert.equal(grok?.parameters.reasoning_effort, undefined);
    const xaiPrice = mini?.prices.find((price) => price.soldBy === 'vendor');
    assert.deepEqual(xaiPrice?.microUsdPerMillionTokens, {
      input: 300_000,
      cachedInput: 75_000,
      cacheWriteInput: null,
      output: 500_000,
    });
  });
});

describe('loadCatalog', () => {
  it('returns a frozen catalog with exact micro-dollar prices', async () => {
    const catalog = await loadCatalog(await writeCatalogFixture(withPrice({ input: 0.075, cached_input: '0.0075' })));
    const [model] = catalog.models;
    assert.equal(model?.file, 'models/acme.yaml');
    assert.deepEqual(model?.prices[0]?.microUsdPerMillionTokens, {
      input: 75_000,
      cachedInput: 7_500,
      cacheWriteInput: null,
      output: 5_000_000,
    });
    assert.ok(Object.isFrozen(catalog) && Object.isFrozen(model) && Object.isFrozen(model?.prices[0]));
  });

  it('refuses a negative price, naming the file and the field', async () => {
    assert.deepEqual(await problemsOf(withPrice({ input: -1 })), [
      'catalog/models/acme.yaml: models[0].prices[0].input (acme-1) must not be negative (found -1)',
    ]);
  });

  it('refuses a price with more than six decimals, as a number or a string', async () => {
    for (const input of [0.0000001, '0.1234567', 1.0000005]) {
      const [problem] = await problemsOf(withPrice({ input }));
      assert.match(
        problem ?? '',
        /^catalog\/models\/acme\.yaml: models\[0\]\.prices\[0\]\.input \(acme-1\) must have at most 6 decimal places/,
      );
    }
  });

  it('refuses a price that is not a number', async () => {
    const [problem] = await problemsOf(withPrice({ output: 'ten dollars' }));
    assert.match(problem ?? '', /prices\[0\]\.output \(acme-1\) must be a price in US dollars/);
  });

  it('refuses a cached input price above the input price', async () => {
    assert.deepEqual(await problemsOf(withPrice({ cached_input: 2 })), [
      'catalog/models/acme.yaml: models[0].prices[0].cached_input (acme-1) must not be more than input: ' +
        'cached tokens are a discount on input (found 2)',
    ]);
  });

  it('refuses a price without a source, or with one that is not https', async () => {
    assert.deepEqual(await problemsOf(withPrice({ source: undefined })), [
      "catalog/models/acme.yaml: models[0].prices[0].source (acme-1) is required: the vendor's or Azure's " +
        'pricing page this price was read from',
    ]);
    const [insecure] = await problemsOf(withPrice({ source: 'http://acme.example/pricing' }));
    assert.match(insecure ?? '', /prices\[0\]\.source \(acme-1\) must be an https URL/);
    const [none] = await problemsOf(withPrice({ source: null }));
    assert.match(none ?? '', /prices\[0\]\.source \(acme-1\) must be an https URL/);
  });

  it("keeps self-hosted prices and the 'local' vendor to the engine's models", async () => {
    const [seller] = await problemsOf(withPrice({ sold_by: 'self-hosted', deployment_type: 'managed' }));
    assert.match(seller ?? '', /sold_by \(acme-1\) must be one of vendor, azure \(self-hosted prices belong/);
    const reserved = await problemsOf({
      vendors: [{ id: 'local', name: 'Mine', website: 'https://mine.example' }],
      files: { local: { vendor: 'local', models: [acmeCard()] } },
    });
    assert.ok(reserved.some((problem) => /vendors\.yaml: vendors\[0\]\.id 'local' is reserved/.test(problem)));
    assert.ok(reserved.some((problem) => /models\/local\.yaml: vendor 'local' is reserved/.test(problem)));
  });

  it('requires vendor prices to cite the vendor and Azure prices to cite Azure', async () => {
    const [vendorPage] = await problemsOf(withPrice({ source: 'https://prices.example/acme' }));
    assert.match(
      vendorPage ?? '',
      /models\[0\]\.prices\[0\]\.source \(acme-1\) must be a page on acme\.example for sold_by: vendor/,
    );
    const [azurePage] = await problemsOf(withPrice({ sold_by: 'azure', source: 'https://acme.example/pricing' }));
    assert.match(azurePage ?? '', /prices\[0\]\.source \(acme-1\) must be an Azure pricing page/);
  });

  it('reports every problem in every file at once', async () => {
    const problems = await problemsOf({
      vendors: [
        { id: 'acme', name: 'Acme', website: 'https://acme.example' },
        { id: 'other', name: 'Other', website: 'https://other.example' },
      ],
      files: {
        acme: { vendor: 'acme', models: [acmeCard({ released: '2025-02-30' }), acmeCard({ id: 'acme-2', colour: 1 })] },
        other: {
          vendor: 'other',
          models: [acmeCard({ prices: [acmePrice({ source: 'https://other.example/p', input: -2 })] })],
        },
        ghost: { vendor: 'ghost', models: [acmeCard({ id: 'ghost-1' })] },
        broken: 'vendor: [unclosed\n',
      },
    });
    assert.deepEqual(problems, [
      'catalog/models/acme.yaml: models[0].released (acme-1) must be a real date written YYYY-MM-DD (found ' +
        "'2025-02-30')",
      "catalog/models/acme.yaml: models[1] has unknown key 'colour'; check the spelling against docs/catalog.md",
      problems[2],
      'catalog/models/other.yaml: models[0].prices[0].input (acme-1) must not be negative (found -2)',
      "catalog/models/ghost.yaml: vendor 'ghost' is not in catalog/vendors.yaml; add it there first",
    ]);
    assert.match(problems[2] ?? '', /^catalog\/models\/broken\.yaml: is not valid YAML at line 2, column \d+: /);
  });

  it('refuses the same model id in two files and a file named after another vendor', async () => {
    const problems = await problemsOf({
      vendors: [
        { id: 'acme', name: 'Acme', website: 'https://acme.example' },
        { id: 'bolt', name: 'Bolt', website: 'https://acme.example' },
      ],
      files: { acme: { vendor: 'acme', models: [acmeCard()] }, bolt: { vendor: 'acme', models: [acmeCard()] } },
    });
    assert.deepEqual(problems, [
      "catalog/models/bolt.yaml: vendor must be 'bolt', the file's name (found 'acme')",
      "catalog/models/bolt.yaml: models[0].id 'acme-1' is already used in catalog/models/acme.yaml; model ids " +
        'are unique',
    ]);
  });

  it('checks a card against itself', async () => {
    const problems = await problemsOf({
      files: {
        acme: {
          vendor: 'acme',
          models: [
            acmeCard({
              modalities_in: ['text', 'image'],
              max_output_tokens: 9000,
              retires: '2024-01-01',
              parameters: { reasoning_effort: { values: ['low', 'high'], default: 'medium' } },
              deployment_types: ['standard', 'global-standard'],
              prices: [acmePrice(), acmePrice({ output: undefined }), acmePrice({ deployment_type: 'provisioned' })],
            }),
          ],
        },
      },
    });
    assert.deepEqual(
      problems.map((problem) => problem.replace('catalog/models/acme.yaml: models[0]', '')),
      [
        ".capabilities (acme-1) must include 'vision', since modalities_in has 'image'",
        '.max_output_tokens (acme-1) must be at most context_window (8192) (found 9000)',
        ".retires (acme-1) must be after released (2025-01-01) (found '2024-01-01')",
        ".parameters.reasoning_effort.default (acme-1) must be one of its values (low, high) (found 'medium')",
        ".parameters.reasoning_effort (acme-1) needs 'reasoning' in capabilities",
        '.prices[1].output (acme-1) is required for a model that generates tokens',
        '.prices[1] (acme-1) repeats prices[0] (same deployment_type, sold_by and tier); merge them',
        ".prices[2].deployment_type (acme-1) 'provisioned' must also be listed in the model's deployment_types " +
          "(found 'provisioned')",
        ".prices[2].deployment_type (acme-1) 'provisioned' is not sold per token by vendor; use one of " +
          "standard, batch (found 'provisioned')",
        ".deployment_types (acme-1) lists 'global-standard' but no price has deployment_type global-standard; " +
          'add one or drop it',
      ],
    );
  });

  it('says what is missing when the folders are not there', async () => {
    const problems = await problemsOf({ vendors: 'vendors: []\n', files: {} });
    assert.deepEqual(problems, ['catalog/vendors.yaml: vendors must have at least 1 item(s)']);
    await assert.rejects(loadCatalog('/nonexistent/catalog'), (error: unknown) => {
      assert.ok(error instanceof CatalogError);
      assert.match(error.problems[0] ?? '', /^catalog\/vendors\.yaml: cannot be read \(ENOENT\)/);
      assert.match(error.problems[1] ?? '', /^catalog\/models: the folder is missing/);
      return true;
    });
  });
});
