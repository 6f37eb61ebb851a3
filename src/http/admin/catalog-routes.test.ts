import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { defaultCatalogDirectory, loadCatalog, type LocalModelInput } from '../../catalog/index.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { sendAdminError } from './send-admin-error.js';

const tinyModel: LocalModelInput = {
  name: 'tiny',
  info: {
    architecture: 'llama',
    parameterCount: 4_600,
    quantisation: 'F32',
    contextLength: 256,
    chatTemplate: '{{ messages }}',
    pooling: null,
  },
};

describe('catalog routes', () => {
  let app: FastifyInstance;
  let localModels: LocalModelInput[] = [tinyModel];

  before(async () => {
    const catalog = await loadCatalog(defaultCatalogDirectory());
    // The same scope the admin API gives its routes: its error envelope, under /admin.
    app = Fastify();
    void app.register(
      (admin, _options, done) => {
        admin.setErrorHandler((error, _request, reply) => sendAdminError(reply, error));
        registerCatalogRoutes(admin, { catalog, localModels: () => Promise.resolve(localModels) });
        done();
      },
      { prefix: '/admin' },
    );
    await app.ready();
  });
  after(async () => {
    await app?.close();
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };
  const listedIds = async (query: string) => {
    const { status, body } = await get(`/admin/catalog/models${query}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.object, 'list');
    return body.data.map((model: { id: string }) => model.id) as string[];
  };

  it('lists the catalog and the local models as snake_case cards', async () => {
    const ids = await listedIds('');
    assert.ok(ids.includes('grok-3-mini') && ids.includes('gpt-4o') && ids.at(-1) === 'tiny');
    const { body } = await get('/admin/catalog/models/grok-3-mini');
    assert.equal(body.object, 'model_card');
    assert.equal(body.vendor, 'xai');
    assert.equal(body.context_window, 131072);
    assert.deepEqual(body.parameters, { reasoning_effort: { values: ['low', 'high'], default: null } });
    assert.deepEqual(body.prices[0], {
      deployment_type: 'standard',
      sold_by: 'vendor',
      prompt_tokens_above: 0,
      usd_per_million_tokens: { input: 0.3, cached_input: 0.075, cache_write_input: null, output: 0.5 },
      source: 'https://docs.x.ai/docs/models',
      as_of: '2025-06-02',
      note: 'Reasoning tokens are billed as output.',
    });
  });

  it('searches and filters', async () => {
    assert.deepEqual(await listedIds('?vendor=xai'), ['grok-3', 'grok-3-mini']);
    assert.deepEqual(await listedIds('?q=grok%20mini'), ['grok-3-mini']);
    assert.deepEqual(await listedIds('?vendor=local'), ['tiny']);
    assert.deepEqual(await listedIds('?capability=embeddings'), ['text-embedding-3-small', 'text-embedding-3-large']);
    const reasoningVision = await listedIds('?capability=reasoning,vision');
    assert.ok(reasoningVision.includes('o4-mini') && !reasoningVision.includes('o3-mini'));
    assert.deepEqual(await listedIds('?vendor=xai&max_input_price=0.30&max_output_price=0.5'), ['grok-3-mini']);
    assert.deepEqual(await listedIds('?vendor=xai&deployment_type=data-zone-standard&max_input_price=0.3'), [
      'grok-3-mini',
    ]);
    assert.deepEqual(await listedIds('?modality=video&vendor=google'), ['gemini-2.5-pro', 'gemini-2.5-flash']);
    assert.deepEqual(await listedIds('?deployment_type=managed'), ['tiny']);
  });

  it('refuses a filter value the catalog cannot have, naming the parameter', async () => {
    for (const [query, param, message] of [
      ['capability=telepathy', 'capability', /capability 'telepathy' must be one of tools, json_schema, reasoning/],
      ['deployment_type=cheap', 'deployment_type', /must be one of global-standard, data-zone-standard/],
      ['modality=smell', 'modality', /modality 'smell' must be one of text, image, audio, video, embedding/],
      ['max_input_price=-1', 'max_input_price', /max_input_price \(US dollars per 1M tokens\) must not be negative/],
      ['max_output_price=abc', 'max_output_price', /max_output_price \(US dollars per 1M tokens\) must be a price/],
      ['vendor=a&vendor=b', 'vendor', /Give vendor once/],
    ] as const) {
      const { status, body } = await get(`/admin/catalog/models?${query}`);
      assert.equal(status, 400, query);
      assert.equal(body.error.code, 'invalid_request');
      assert.equal(body.error.param, param);
      assert.match(body.error.message, message);
    }
  });

  it('answers 404 for an unknown id, and picks the local card of a shared name with vendor=local', async () => {
    const missing = await get('/admin/catalog/models/grok-99');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
    assert.match(missing.body.error.message, /no catalog model 'grok-99'/);

    localModels = [tinyModel, { ...tinyModel, name: 'phi-4' }];
    assert.equal((await get('/admin/catalog/models/phi-4')).body.vendor, 'microsoft');
    const local = await get('/admin/catalog/models/phi-4?vendor=local');
    assert.equal(local.body.vendor, 'local');
    assert.equal(local.body.origin, 'engine');
    assert.equal(local.body.prices[0].source, null);
    localModels = [tinyModel];
  });

  it('lists the vendors with their model counts, the local engine last', async () => {
    const { status, body } = await get('/admin/catalog/vendors');
    assert.equal(status, 200);
    const byId = new Map(body.data.map((vendor: { id: string }) => [vendor.id, vendor]));
    assert.deepEqual(byId.get('xai'), {
      object: 'vendor',
      id: 'xai',
      name: 'xAI',
      website: 'https://x.ai',
      model_count: 2,
    });
    assert.deepEqual(body.data.at(-1), {
      object: 'vendor',
      id: 'local',
      name: 'This Hangar (local engine)',
      website: null,
      model_count: 1,
    });
  });
});
