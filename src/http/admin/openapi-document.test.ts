import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { defaultCatalogDirectory, loadCatalog } from '../../catalog/index.js';
import { loadConfig } from '../../config/index.js';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import {
  createBudgets,
  createCatalogPricer,
  createInvoiceService,
  createMemoryBudgetLimiter,
  type Budgets,
  createPriceOverrideService,
  createUsageReports,
} from '../../metering/index.js';
import { createSafetyService, type SafetyService } from '../../safety/index.js';
import { SecretBox } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { startLocalEngine, type LocalEngine } from '../local-engine/index.js';
import { registerAdminRoutes } from './index.js';

const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

/** `/admin/projects/:project/keys` → `/admin/projects/{project}/keys` */
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

// The document is written by hand; this keeps it true: every admin route is in it, and nothing else.
describe('GET /openapi.json', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let engine: LocalEngine;
  let directory: string;
  let app: FastifyInstance;
  let budgets: Budgets | undefined;
  let safety: SafetyService | undefined;
  const routes = new Set<string>();

  before(async () => {
    opened = await sqlite.open();
    directory = await mkdtemp(join(tmpdir(), 'hangar-openapi-'));
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    engine = await startLocalEngine(loadConfig({ flags: { dataDir: directory }, env: {} }), pino({ level: 'silent' }));
    app = Fastify();
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method !== 'HEAD' && route.url.startsWith('/admin/'))
          routes.add(`${method.toLowerCase()} ${toOpenApiPath(route.url)}`);
      }
    });
    registerAdminRoutes(app, {
      control,
      engine,
      catalog: await loadCatalog(defaultCatalogDirectory()),
      adminKey: 'admin-key-for-openapi',
      usage: createUsageReports(opened.database.db),
      billing: {
        prices: await createPriceOverrideService({
          db: opened.database.db,
          pricer: createCatalogPricer({ models: [] }),
        }),
        invoices: createInvoiceService({ db: opened.database.db, pricer: createCatalogPricer({ models: [] }) }),
      },
      budgets: (budgets = await createBudgets({
        db: opened.database.db,
        secretBox: new SecretBox('secret'),
        limiter: createMemoryBudgetLimiter(),
        pricer: createCatalogPricer({ models: [] }),
      })).admin,
      // Only the routes matter here; test/conformance/openapi-answers.test.ts calls them on a real server.
      serviceLevels: {
        slo: () => Promise.reject(new Error('not called')),
        sla: () => Promise.reject(new Error('not called')),
      },
      safety: (safety = await createSafetyService({
        db: opened.database.db,
        secretBox: new SecretBox('secret'),
        analyzerFor: () => {
          throw new Error('not called');
        },
      })),
    });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await budgets?.close();
    await safety?.close();
    await engine?.close();
    await control?.close();
    await opened?.destroy();
    await rm(directory, { recursive: true, force: true });
  });

  it('is served without a key, as OpenAPI 3.1 with the package version', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json<{ openapi: string; info: { version: string } }>();
    assert.equal(document.openapi, '3.1.0');
    assert.match(document.info.version, /^\d+\.\d+\.\d+/);
  });

  it('describes exactly the admin routes the server registers', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      ),
    );
    assert.ok(routes.size > 15, `found ${routes.size} admin routes`);
    assert.deepEqual(
      [...routes].filter((route) => !documented.has(route)).sort(),
      [],
      'routes missing from the document',
    );
    assert.deepEqual(
      [...documented].filter((route) => !routes.has(route)).sort(),
      [],
      'documented routes that do not exist',
    );
  });

  it('resolves every schema reference', async () => {
    const text = (await app.inject({ method: 'GET', url: '/openapi.json' })).body;
    const document = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
      assert.ok(name !== undefined && name in document.components.schemas, `schema ${name} is defined`);
    }
  });
});
