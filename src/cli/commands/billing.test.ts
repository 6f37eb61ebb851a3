import assert from 'node:assert/strict';
import { runCliCaptured } from '../testing/run-cli-captured.js';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { registerAdminRoutes } from '../../http/admin/index.js';
import {
  createCatalogPricer,
  createInvoiceService,
  createLedger,
  createPriceOverrideService,
} from '../../metering/index.js';
import { makeUsageEvent } from '../../metering/ledger/testing/make-usage-event.js';
import { pricingCatalog } from '../../metering/pricing/testing/pricing-catalog.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';

const ADMIN_KEY = 'cli-billing-admin-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;
const JUNE = Date.parse('2025-06-12T09:00:00Z');

/**
 * From the request to the invoice: the ledger prices each record with the catalog pricer, its rollups feed the
 * invoice, and the CLI shows it; the invoice's amount is the sum of the per-record costs to the micro-dollar.
 */
describe('hangar prices and invoices', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    opened = await sqlite.open();
    const db = opened.database.db;
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    const project = await control.projects.create({ name: 'shop' });
    // grok-3-mini's vendor prices: $0.30 input, $0.075 cached input, $0.50 output per 1M tokens.
    const pricer = createCatalogPricer(
      pricingCatalog({ 'mini-model': [{ input: 300_000, cachedInput: 75_000, output: 500_000 }] }),
    );
    const ledger = createLedger({ db, pricer, onError: (message) => assert.fail(message) });
    const event = (usage: { input?: number; cachedInput?: number; output?: number; reasoning?: number }) =>
      makeUsageEvent({
        projectId: project.id,
        deploymentId: 'dep_gone',
        model: 'mini-model',
        deploymentType: 'standard',
        at: JUNE,
        usage: { input: 0, cachedInput: 0, output: 0, reasoning: 0, ...usage },
      });
    // 1234 × 0.30 + 5678 × 0.075 + 910 × 0.50 + 1112 × 0.50 = 1807.05 µ$ → 1807, twice; 7 × 0.075 = 0.525 → 1.
    ledger.record(event({ input: 1234, cachedInput: 5678, output: 910, reasoning: 1112 }));
    ledger.record(event({ input: 1234, cachedInput: 5678, output: 910, reasoning: 1112 }));
    ledger.record(event({ cachedInput: 7 }));
    await ledger.close();

    const now = () => Date.parse('2025-07-02T00:00:00Z');
    app = Fastify();
    registerAdminRoutes(app, {
      control,
      adminKey: ADMIN_KEY,
      billing: {
        prices: await createPriceOverrideService({ db, pricer, now }),
        invoices: createInvoiceService({ db, pricer, now }),
      },
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await control?.close();
    await opened?.destroy();
  });

  const hangar = (...argv: string[]) => runCliCaptured(argv, url, { HANGAR_ADMIN_KEY: ADMIN_KEY });

  it("bills the sum of the ledger's per-record costs, and shows it as a table, CSV and HTML", async () => {
    const shown = await hangar('invoices', 'show', '--project', 'shop', '--month', '2025-06');
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(
      shown.stdout,
      'Invoice of project shop for 2025-06 (open)\n' +
        'LINE      DEPLOYMENT  MODEL       TYPE      REQUESTS  AMOUNT USD\n' +
        'usage     dep_gone    mini-model  standard  3         0.003615\n' +
        'subtotal  -           -           -         -         0.003615\n' +
        'tax (0%)  -           -           -         -         0.00\n' +
        'total     -           -           -         -         0.003615\n',
    );
    const json = await hangar('invoices', 'show', '--project', 'shop', '--month', '2025-06', '--json');
    const line = (JSON.parse(json.stdout) as { lines: { list_amount_micro_usd: number; amount_micro_usd: number }[] })
      .lines[0];
    // At list price the month's tokens come to 3614 µ$: per-request rounding billed 1 µ$ more.
    assert.deepEqual([line?.list_amount_micro_usd, line?.amount_micro_usd], [3614, 3615]);

    const csv = await hangar('invoices', 'show', '--project', 'shop', '--month', '2025-06', '--format', 'csv');
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^month,kind,usage_month,deployment,/);
    assert.match(csv.stdout, /\r\n2025-06,total,(,)+0\.003615,\r\n$/);
    const html = await hangar('invoices', 'show', '--project', 'shop', '--month', '2025-06', '--format', 'html');
    assert.match(html.stdout, /<tr class="total"><td>Total<\/td><td class="number">\$0\.003615<\/td>/);

    const wrong = await hangar('invoices', 'show', '--project', 'shop', '--month', 'June');
    assert.equal(wrong.code, 2);
  });

  it('closes the month and lists it closed', async () => {
    const closed = await hangar('invoices', 'close', '--month', '2025-06');
    assert.equal(closed.code, 0, closed.stderr);
    assert.match(
      closed.stdout,
      /^Closed 1 invoice\(s\) for 2025-06; 0 were closed before\.\nPROJECT\s+TOTAL USD\nshop\s+0\.003615\n$/,
    );
    const listed = await hangar('invoices', 'list', '--project', 'shop');
    assert.match(listed.stdout, /^2025-06\s+closed\s+0\.003615\s+2025-07-02T00:00:00\.000Z$/m);
    assert.match(listed.stdout, /^2025-07\s+open\s+0\.00\s+-$/m);
  });

  it('sets, shows, lists and removes a price override', async () => {
    const set = await hangar(
      'prices',
      'set',
      '--project',
      'shop',
      '--model',
      'mini-model',
      '--discount-percent',
      '12.5',
      '--effective-from',
      '2025-07-01',
    );
    assert.equal(set.code, 0, set.stderr);
    const id = /override (prc_\w+)/.exec(set.stdout)?.[1] ?? '';
    const listed = await hangar('prices', 'list', '--project', 'shop');
    assert.match(listed.stdout, new RegExp(`^${id}\\s+mini-model\\s+all\\s+12.5% off the catalog\\s+2025-07-01`, 'm'));
    const shown = await hangar('prices', 'show', '--project', 'shop', '--model', 'mini-model', '--type', 'standard');
    assert.equal(
      shown.stdout,
      `override:${id}+catalog:mini-model:standard@2025-01-01\n12.5% off the prices below\n` +
        'PROMPT TOKENS ABOVE  INPUT  CACHED INPUT  CACHE WRITE  OUTPUT  REASONING\n' +
        '0                    0.3    0.075         0.3          0.5     0.5\n',
    );
    const explicit = await hangar(
      'prices',
      'set',
      '--project',
      'shop',
      '--model',
      'mini-model',
      '--input-price',
      '0.2',
      '--output-price',
      '0.4',
      '--type',
      'standard',
    );
    assert.equal(explicit.code, 0, explicit.stderr);
    const both = await hangar(
      'prices',
      'set',
      '--project',
      'shop',
      '--model',
      'm',
      '--input-price',
      '1',
      '--discount-percent',
      '5',
    );
    assert.equal(both.code, 2);
    const removed = await hangar('prices', 'remove', '--project', 'shop', id);
    assert.equal(removed.stdout, `Removed price override ${id} of project shop.\n`);
    const missing = await hangar('prices', 'remove', '--project', 'shop', id);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /has no price override/);
  });
});
