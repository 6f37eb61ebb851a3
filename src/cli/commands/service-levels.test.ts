import assert from 'node:assert/strict';
import { runCliCaptured } from '../testing/run-cli-captured.js';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { loadConfig } from '../../config/index.js';
import { registerAdminRoutes } from '../../http/admin/index.js';
import { startServiceLevels, type RunningServiceLevels } from '../../http/start-service-levels.js';
import { createCatalogPricer, createInvoiceService } from '../../metering/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';

const ADMIN_KEY = 'cli-slo-admin-key-0001';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

describe('hangar slo and hangar sla', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let serviceLevels: RunningServiceLevels;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    await control.projects.create({ name: 'shop' });
    await control.connections.create({ name: 'vendor', provider: 'openai', api_key: 'sk-test' });
    await control.deployments.create({
      project: 'shop',
      name: 'chat',
      model: 'gpt-4o',
      backends: [{ connection: 'vendor', model: 'gpt-4o' }],
    });
    const pricer = createCatalogPricer({ models: [] });
    serviceLevels = startServiceLevels({
      config: loadConfig({ env: {} }),
      database: opened.database,
      registry: control.registry,
      invoices: createInvoiceService({ db: opened.database.db, pricer }),
      logger: pino({ level: 'silent' }),
    });
    const [project] = await control.projects.list();
    const deployment = control.registry.resolveDeployment(String(project?.id), 'chat')!;
    const subject = { projectId: deployment.projectId, deploymentId: deployment.id, deploymentType: deployment.type };
    for (let call = 0; call < 3; call += 1) {
      serviceLevels.tracker.record(subject, { kind: 'succeeded', latencyMs: 400, outputTokens: 0 });
    }
    serviceLevels.tracker.record(subject, { kind: 'failed' });
    serviceLevels.tracker.record(subject, { kind: 'excluded', reason: 'client_error' });
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY, serviceLevels: serviceLevels.admin });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await serviceLevels?.close();
    await control?.close();
    await opened?.destroy();
  });

  const hangar = (...argv: string[]) => runCliCaptured(argv, url, { HANGAR_ADMIN_KEY: ADMIN_KEY });

  it('shows a deployment’s SLO over a window', async () => {
    const shown = await hangar('slo', '--name', 'chat', '--project', 'shop', '--window', '24h');
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^SLO of shop\/chat over 24h\n/);
    assert.match(shown.stdout, /availability\s+75%/);
    assert.match(shown.stdout, /excluded\s+client_error 1, quota 0/);
    assert.match(shown.stdout, /latency p50\s+400\.\d+ ms/);
    const json = JSON.parse((await hangar('slo', '--name', 'chat', '--project', 'shop', '--json')).stdout) as {
      window: string;
      eligible_requests: number;
    };
    assert.deepEqual([json.window, json.eligible_requests], ['1h', 4]);
    const wrong = await hangar('slo', '--name', 'chat', '--project', 'shop', '--window', '7d');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--window must be 1h, 24h or 30d/);
    const missing = await hangar('slo', '--name', 'nope', '--project', 'shop');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no deployment 'nope'/);
  });

  it('shows the month’s SLA report with its credits', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const shown = await hangar('sla', '--project', 'shop', '--month', month);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(
      shown.stdout,
      new RegExp(`^SLA of project shop for ${month} \\(a minute is down above 5% errors\\)\\n`),
    );
    // 3 of 4 eligible: 75 %, below 95 % → 100 % of an invoice amount of 0.
    assert.match(shown.stdout, /chat\s+global-standard\s+99\.9%\s+75%\s+1\s+100%\s+0\.00\s+0\.00/);
    assert.match(shown.stdout, /total(\s+-)+\s+0\.00\n$/);
  });
});
