import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCatalog, localModelCards, searchCatalog, type Catalog, type CatalogModel } from './index.js';
import { acmeCard, acmePrice, removeCatalogFixtures, writeCatalogFixture } from './testing/write-catalog-fixture.js';

after(removeCatalogFixtures);

describe('searchCatalog', () => {
  let catalog: Catalog;
  let models: CatalogModel[];
  const ids = (query: Parameters<typeof searchCatalog>[1]) => searchCatalog({ models }, query).map((model) => model.id);

  before(async () => {
    catalog = await loadCatalog(
      await writeCatalogFixture({
        vendors: [
          { id: 'acme', name: 'Acme', website: 'https://acme.example' },
          { id: 'bolt', name: 'Bolt', website: 'https://bolt.example' },
        ],
        files: {
          acme: {
            vendor: 'acme',
            models: [
              acmeCard({ id: 'acme-chat', description: 'Cheap fast chat.' }),
              acmeCard({
                id: 'acme-vision',
                modalities_in: ['text', 'image'],
                capabilities: ['tools', 'vision'],
                deployment_types: ['standard', 'batch'],
                prices: [
                  acmePrice({ input: 3, output: 15, cached_input: 0.3 }),
                  acmePrice({ deployment_type: 'batch', input: 1.5, output: 20, cached_input: undefined }),
                ],
              }),
            ],
          },
          bolt: {
            vendor: 'bolt',
            models: [
              acmeCard({
                id: 'bolt-embed',
                name: 'Bolt Embed',
                modalities_out: ['embedding'],
                capabilities: ['embeddings'],
                max_output_tokens: null,
                prices: [
                  acmePrice({
                    source: 'https://bolt.example/p',
                    input: 0.02,
                    cached_input: undefined,
                    output: undefined,
                  }),
                ],
              }),
            ],
          },
        },
      }),
    );
    models = [
      ...catalog.models,
      ...localModelCards([
        {
          name: 'tiny',
          info: {
            architecture: 'llama',
            parameterCount: 1_000_000,
            quantisation: 'Q4_K_M',
            contextLength: 2048,
            chatTemplate: '{{ messages }}',
            pooling: null,
          },
        },
      ]),
    ];
  });

  it('returns everything, in catalog order, without filters', () => {
    assert.deepEqual(ids({}), ['acme-chat', 'acme-vision', 'bolt-embed', 'tiny']);
    assert.deepEqual(
      searchCatalog(catalog).map((model) => model.id),
      ['acme-chat', 'acme-vision', 'bolt-embed'],
    );
  });

  it('matches every word of q in the id, name, vendor, family or description, in any case', () => {
    assert.deepEqual(ids({ q: 'CHEAP chat' }), ['acme-chat']);
    assert.deepEqual(ids({ q: 'bolt' }), ['bolt-embed']);
    assert.deepEqual(ids({ q: 'llama' }), ['tiny']);
    assert.deepEqual(ids({ q: 'cheap vision' }), []);
  });

  it('filters by vendor, capability, modality and deployment type', () => {
    assert.deepEqual(ids({ vendor: 'ACME' }), ['acme-chat', 'acme-vision']);
    assert.deepEqual(ids({ vendor: 'local' }), ['tiny']);
    assert.deepEqual(ids({ capability: 'tools' }), ['acme-chat', 'acme-vision', 'tiny']);
    assert.deepEqual(ids({ capability: ['tools', 'vision'] }), ['acme-vision']);
    assert.deepEqual(ids({ capability: 'embeddings' }), ['bolt-embed']);
    assert.deepEqual(ids({ modality: 'image' }), ['acme-vision']);
    assert.deepEqual(ids({ modality: 'embedding' }), ['bolt-embed']);
    assert.deepEqual(ids({ deploymentType: 'batch' }), ['acme-vision']);
    assert.deepEqual(ids({ deploymentType: 'managed' }), ['tiny']);
  });

  it('filters by price within one price entry, so cheap batch input never pairs with dear standard output', () => {
    assert.deepEqual(ids({ maxInputPrice: 1.25 }), ['acme-chat', 'bolt-embed', 'tiny']);
    assert.deepEqual(ids({ maxInputPrice: '1.5' }), ['acme-chat', 'acme-vision', 'bolt-embed', 'tiny']);
    assert.deepEqual(ids({ maxInputPrice: 1.5, maxOutputPrice: 15 }), ['acme-chat', 'bolt-embed', 'tiny']);
    assert.deepEqual(ids({ maxOutputPrice: 15, deploymentType: 'standard' }), [
      'acme-chat',
      'acme-vision',
      'bolt-embed',
    ]);
    assert.deepEqual(ids({ maxInputPrice: 0 }), ['tiny']);
    assert.throws(() => ids({ maxInputPrice: -1 }), /maxInputPrice must not be negative/);
  });
});
