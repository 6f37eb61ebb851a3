import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { GatewayError } from '../../spec/index.js';
import { ProjectRepository, UsageDailyRepository, type Tables } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { createCatalogPricer } from '../pricing/create-catalog-pricer.js';
import { pricingCatalog } from '../pricing/testing/pricing-catalog.js';
import type { TokenCounts } from '../usage-record.js';
import { invoiceTotals } from './build-invoice-lines.js';
import type { Invoice } from './invoice.js';
import { createInvoiceService, type InvoiceService } from './invoice-service.js';
import { renderInvoiceCsv } from './render-invoice-csv.js';
import { renderInvoiceHtml } from './render-invoice-html.js';

const catalog = pricingCatalog({
  // $0.30 input, $0.075 cached, $0.50 output (and reasoning) per 1M tokens.
  'mini-model': [{ input: 300_000, cachedInput: 75_000, output: 500_000 }],
  // $1/$4 until 2025-06-15, then $2/$8.
  'repriced-model': [
    { deploymentType: 'global-standard', soldBy: 'azure', input: 1_000_000, output: 4_000_000, asOf: '2025-01-01' },
    { deploymentType: 'global-standard', soldBy: 'azure', input: 2_000_000, output: 8_000_000, asOf: '2025-06-15' },
  ],
});

const NO_TOKENS: TokenCounts = { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 };

interface Row {
  day: string;
  project?: string;
  key?: string;
  deployment?: string;
  model?: string;
  type?: string;
  tokens: Partial<TokenCounts>;
  cost: number;
  requests: number;
}

for (const database of DATABASES) {
  describe(`invoices on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let db: Kysely<Tables>;
    let now = Date.parse('2025-06-10T08:00:00Z');
    let invoices: InvoiceService;

    /** Fixture rollups go through the ledger's own repository, as its flushes write them. */
    const rollup = (rows: readonly Row[]) =>
      new UsageDailyRepository(db).add(
        rows.map((row) => ({
          day: row.day,
          projectId: row.project ?? 'prj_alpha',
          keyId: row.key ?? 'key_1',
          deploymentId: row.deployment ?? 'dep_chat',
          model: row.model ?? 'mini-model',
          deploymentType: row.type ?? 'standard',
          tokens: { ...NO_TOKENS, ...row.tokens },
          costMicroUsd: row.cost,
          requests: row.requests,
          estimatedRequests: 0,
          clientAbortRequests: 0,
          upstreamErrorRequests: 0,
          filteredRequests: 0,
        })),
      );

    before(async () => {
      opened = await database.open();
      db = opened.database.db;
      const projects = new ProjectRepository(db);
      await projects.insert({ id: 'prj_alpha', name: 'alpha', createdAt: 1 });
      await projects.insert({ id: 'prj_beta', name: 'beta', createdAt: 2 });
      await projects.insert({ id: 'prj_gamma', name: 'gamma', createdAt: 3 });
      for (const [id, name, model, type] of [
        ['dep_chat', 'chat', 'mini-model', 'standard'],
        ['dep_big', 'big<script>', 'repriced-model', 'global-standard'],
      ] as const) {
        await db
          .insertInto('deployments')
          .values({
            id,
            project_id: 'prj_alpha',
            name,
            name_key: name,
            model,
            type,
            created_at: 1,
            tpm: null,
            rpm: null,
            content_filter: null,
          })
          .execute();
      }
      invoices = createInvoiceService({ db, pricer: createCatalogPricer(catalog), now: () => now });
      await rollup([
        // May: one deployment, two keys, three days → one line.
        {
          day: '2025-05-03',
          tokens: { input: 1000, cachedInput: 2000, output: 500, reasoning: 100 },
          cost: 754,
          requests: 3,
        },
        { day: '2025-05-20', tokens: { input: 4000 }, cost: 1200, requests: 2 },
        { day: '2025-05-31', key: 'key_2', tokens: { input: 10, output: 10 }, cost: 8, requests: 1 },
        // Not May, or not alpha.
        { day: '2025-06-01', tokens: { input: 999 }, cost: 300, requests: 1 },
        { day: '2025-05-10', project: 'prj_beta', deployment: 'dep_beta', tokens: { input: 5 }, cost: 2, requests: 1 },
        // June on the repriced model: a line per card.
        {
          day: '2025-06-10',
          deployment: 'dep_big',
          model: 'repriced-model',
          type: 'global-standard',
          tokens: { input: 1_000_000 },
          cost: 1_000_000,
          requests: 10,
        },
        {
          day: '2025-06-20',
          deployment: 'dep_big',
          model: 'repriced-model',
          type: 'global-standard',
          tokens: { input: 500_000, output: 1000 },
          cost: 1_008_000,
          requests: 5,
        },
      ]);
    });
    after(async () => {
      await opened?.destroy();
    });

    it("bills an open month from the rollups: tokens per kind at the card's price, the ledger's cost as amount", async () => {
      const may = await invoices.get('alpha', '2025-05');
      assert.equal(may.status, 'open');
      assert.equal(may.id, null);
      assert.equal(may.lines.length, 1);
      const [line] = may.lines as [Invoice['lines'][number]];
      assert.deepEqual(
        { ...line, items: undefined },
        {
          kind: 'usage',
          usageMonth: '2025-05',
          deploymentId: 'dep_chat',
          deploymentName: 'chat',
          model: 'mini-model',
          deploymentType: 'standard',
          priceCardVersion: 'catalog:mini-model:standard@2025-01-01',
          tokens: { input: 5010, cachedInput: 2000, cacheWriteInput: 0, output: 510, reasoning: 100 },
          requests: 6,
          items: undefined,
          // 5010 × 0.30 = 1503; 2000 × 0.075 = 150; 510 × 0.50 = 255; 100 × 0.50 = 50.
          listAmountMicroUsd: 1958,
          amountMicroUsd: 1962,
        },
      );
      assert.deepEqual(
        line.items.map((item) => [
          item.tokenKind,
          item.tokens,
          item.unitPriceMicroUsdPerMillion,
          item.listAmountMicroUsd,
        ]),
        [
          ['input', 5010, 300_000, 1503],
          ['cachedInput', 2000, 75_000, 150],
          ['output', 510, 500_000, 255],
          ['reasoning', 100, 500_000, 50],
        ],
      );
      assert.deepEqual([may.subtotalMicroUsd, may.taxMicroUsd, may.totalMicroUsd], [1962, 0, 1962]);
    });

    it('splits a line where the price card changes within the month', async () => {
      const june = await invoices.get('alpha', '2025-06');
      assert.deepEqual(
        june.lines.map((line) => [
          line.deploymentName,
          line.priceCardVersion,
          line.amountMicroUsd,
          line.listAmountMicroUsd,
        ]),
        [
          ['big<script>', 'catalog:repriced-model:global-standard@2025-01-01', 1_000_000, 1_000_000],
          ['big<script>', 'catalog:repriced-model:global-standard@2025-06-15', 1_008_000, 1_008_000],
          ['chat', 'catalog:mini-model:standard@2025-01-01', 300, 300],
        ],
      );
      assert.equal(june.totalMicroUsd, 2_008_300);
    });

    it('refuses to close a month that has not ended', async () => {
      await assert.rejects(invoices.closeMonth('2025-06'), (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.equal(error.param, 'month');
        assert.match(error.message, /has not ended yet; it can be closed from 2025-07-01T00:00:00.000Z/);
        return true;
      });
    });

    it("closes every project's month once, and a closed invoice never changes", async () => {
      const closing = await invoices.closeMonth('2025-05');
      assert.deepEqual(
        closing.closed.map((invoice) => [invoice.projectName, invoice.totalMicroUsd]),
        [
          ['alpha', 1962],
          ['beta', 2],
          ['gamma', 0],
        ],
      );
      assert.equal(closing.alreadyClosed, 0);
      const again = await invoices.closeMonth('2025-05');
      assert.deepEqual([again.closed, again.alreadyClosed], [[], 3]);

      const frozen = await invoices.get('alpha', '2025-05');
      assert.equal(frozen.status, 'closed');
      assert.match(frozen.id ?? '', /^inv_[0-9a-f]{32}$/);
      assert.equal(frozen.closedAt, now);
      const open = { ...(await invoices.get('alpha', '2025-05')) };
      assert.deepEqual(frozen, open, 'read back the same');

      // A record for May arrives late: the closed invoice stays as it was…
      await rollup([{ day: '2025-05-25', tokens: { input: 2000, output: 100 }, cost: 650, requests: 1 }]);
      assert.deepEqual(await invoices.get('alpha', '2025-05'), frozen);
      // …and June, the next open month, bills it as an adjustment.
      const june = await invoices.get('alpha', '2025-06');
      const adjustment = june.lines.at(-1);
      assert.deepEqual(
        adjustment && {
          kind: adjustment.kind,
          usageMonth: adjustment.usageMonth,
          deploymentName: adjustment.deploymentName,
          tokens: adjustment.tokens,
          requests: adjustment.requests,
          amountMicroUsd: adjustment.amountMicroUsd,
          listAmountMicroUsd: adjustment.listAmountMicroUsd,
        },
        {
          kind: 'adjustment',
          usageMonth: '2025-05',
          deploymentName: 'chat',
          tokens: { ...NO_TOKENS, input: 2000, output: 100 },
          requests: 1,
          amountMicroUsd: 650,
          listAmountMicroUsd: 650, // 2000 × 0.30 + 100 × 0.50
        },
      );
      assert.equal(june.totalMicroUsd, 2_008_300 + 650);
    });

    it('freezes adjustments with the month that bills them, and bills later late records on the next open month', async () => {
      now = Date.parse('2025-07-02T00:00:00Z');
      await invoices.closeMonth('2025-06');
      const june = await invoices.get('alpha', '2025-06');
      assert.equal(june.status, 'closed');
      assert.equal(june.totalMicroUsd, 2_008_950);
      assert.deepEqual((await invoices.get('alpha', '2025-07')).lines, [], 'May’s adjustment was billed in June');

      // Another late May record, after June closed too: it lands on July.
      await rollup([{ day: '2025-05-04', key: 'key_3', tokens: { cachedInput: 7 }, cost: 1, requests: 1 }]);
      const july = await invoices.get('alpha', '2025-07');
      assert.deepEqual(
        july.lines.map((line) => [line.kind, line.usageMonth, line.tokens.cachedInput, line.amountMicroUsd]),
        [['adjustment', '2025-05', 7, 1]],
      );
      // 7 cached tokens at $0.075/1M is 0.525 µ$, 1 at list price too.
      assert.equal(july.lines[0]?.listAmountMicroUsd, 1);
      assert.deepEqual((await invoices.get('alpha', '2025-06')).totalMicroUsd, 2_008_950, 'June stays frozen');
    });

    it('lists closed months, open months with usage, and the current month', async () => {
      const listed = await invoices.list('alpha');
      assert.deepEqual(
        listed.months.map((month) => [month.month, month.status, month.totalMicroUsd]),
        [
          ['2025-07', 'open', 1],
          ['2025-06', 'closed', 2_008_950],
          ['2025-05', 'closed', 1962],
        ],
      );
      await assert.rejects(invoices.list('nobody'), /Project 'nobody' does not exist/);
    });

    it('adds tax at the configured rate, rounded half up once per invoice', async () => {
      const taxedAt = (taxRateBasisPoints: number) =>
        createInvoiceService({ db, pricer: createCatalogPricer(catalog), taxRateBasisPoints, now: () => now });
      await rollup([
        {
          day: '2025-07-01',
          project: 'prj_beta',
          deployment: 'dep_beta',
          tokens: { input: 1 },
          cost: 1_234_567,
          requests: 1,
        },
      ]);
      const taxed = await taxedAt(1925).get('beta', '2025-07');
      // 1,234,567 × 19.25 % = 237,654.1475 → 237,654.
      assert.deepEqual(
        [taxed.subtotalMicroUsd, taxed.taxMicroUsd, taxed.totalMicroUsd],
        [1_234_567, 237_654, 1_472_221],
      );
      // 1,234,567 × 20 % = 246,913.4 → 246,913.
      assert.equal((await taxedAt(2000).get('beta', '2025-07')).taxMicroUsd, 246_913);
      assert.equal((await taxedAt(2500).get('alpha', '2025-07')).taxMicroUsd, 0, '1 µ$ × 25 % = 0.25 → 0');
      const line = taxed.lines[0]!;
      assert.equal(invoiceTotals([{ ...line, amountMicroUsd: 2 }], 2500).taxMicroUsd, 1, '2 µ$ × 25 % = 0.5 → 1');
      assert.equal(
        (await taxedAt(1925).get('alpha', '2025-06')).taxRateBasisPoints,
        0,
        'a closed invoice keeps its rate',
      );
      assert.equal((await invoices.get('beta', '2025-07')).taxMicroUsd, 0, 'no tax by default');
    });

    it('renders CSV whose line amounts add up to the totals', async () => {
      const june = await invoices.get('alpha', '2025-06');
      const csv = renderInvoiceCsv(june);
      const rows = csv
        .trimEnd()
        .split('\r\n')
        .map((row) => row.split(','));
      const header = rows[0]!;
      const amount = header.indexOf('amount_usd');
      const kind = header.indexOf('kind');
      const lines = rows.slice(1).filter((row) => row[kind] === 'usage' || row[kind] === 'adjustment');
      assert.equal(lines.length, 4);
      const sumMicro = lines.reduce((sum, row) => sum + Math.round(Number(row[amount]) * 1e6), 0);
      assert.equal(sumMicro, 2_008_950);
      assert.deepEqual(
        rows.slice(-3).map((row) => [row[kind], row[amount]]),
        [
          ['subtotal', '2.00895'],
          ['tax', '0.00'],
          ['total', '2.00895'],
        ],
      );
      assert.ok(csv.includes('big<script>'), 'CSV keeps names as they are');
      assert.ok(csv.includes(',0.075,') || csv.includes(',0.3,'), 'unit prices in dollars per 1M tokens');
    });

    it('renders a self-contained, escaped, printable HTML invoice with the totals', async () => {
      const june = await invoices.get('alpha', '2025-06');
      const html = renderInvoiceHtml(june);
      assert.match(html, /^<!doctype html>/);
      assert.ok(html.includes('big&lt;script&gt;'), 'names are escaped');
      assert.ok(!html.includes('<script'), 'no script at all');
      assert.doesNotMatch(html, /\b(src|href)=|url\(|@import/, 'no external assets');
      assert.match(html, /@media print/);
      assert.match(html, /<tr class="total"><td>Total<\/td><td class="number">\$2\.00895<\/td>/);
      assert.match(html, /Adjustments: usage of closed months/);
      assert.match(html, /usage of 2025-05/);
    });
  });
}
