import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { toCsv } from './usage-csv.js';
import { createLedger } from './usage-ledger.js';
import { createUsageReports, usageReportTable, type UsageReports } from './usage-report.js';
import { makeUsageEvent, TEST_PRICER } from './testing/make-usage-event.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const at = (day: string) => Date.parse(`${day}T08:00:00Z`);

for (const database of DATABASES) {
  describe(`usage reports on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let reports: UsageReports;

    before(async () => {
      opened = await database.open();
      const { db } = opened.database;
      await db
        .insertInto('projects')
        .values([
          { id: 'prj_a', name: 'alpha', created_at: 1 },
          { id: 'prj_b', name: 'beta', created_at: 1 },
        ])
        .execute();
      await db
        .insertInto('deployments')
        .values([
          {
            id: 'dep_chat',
            project_id: 'prj_a',
            name: 'chat',
            name_key: 'chat',
            model: 'gpt-4o',
            created_at: 1,
            tpm: null,
            rpm: null,
            content_filter: null,
          },
          {
            id: 'dep_free',
            project_id: 'prj_a',
            name: 'free',
            name_key: 'free',
            model: 'gpt-oss',
            created_at: 1,
            tpm: null,
            rpm: null,
            content_filter: null,
          },
        ])
        .execute();
      await db
        .insertInto('api_keys')
        .values({
          id: 'key_app',
          project_id: 'prj_a',
          name: 'app',
          key_hash: 'hash',
          key_prefix: 'hgr_app',
          created_at: 1,
          revoked_at: null,
          expires_at: null,
          deployments_json: null,
          last_used_at: null,
          role: null,
        })
        .execute();
      const ledger = createLedger({ db, pricer: TEST_PRICER, onError: (message) => assert.fail(message) });
      const alpha = { projectId: 'prj_a', keyId: 'key_app', deploymentId: 'dep_chat' };
      // alpha: two calls on the 1st, one on the 2nd (streamed, estimated), one on a removed deployment's key.
      ledger.record(makeUsageEvent({ ...alpha, at: at('2026-11-01') }));
      ledger.record(makeUsageEvent({ ...alpha, at: at('2026-11-01'), usage: { input: 100, output: 50 } }));
      ledger.record(
        makeUsageEvent({
          ...alpha,
          at: at('2026-11-02'),
          estimated: true,
          outcome: 'client_abort',
          usage: { raw: null },
        }),
      );
      ledger.record(makeUsageEvent({ ...alpha, deploymentId: 'dep_free', model: 'gpt-oss', at: at('2026-11-02') }));
      ledger.record(
        makeUsageEvent({ projectId: 'prj_a', keyId: 'key_gone', deploymentId: 'dep_gone', at: at('2026-11-02') }),
      );
      // beta, and a day outside the ranges asked below.
      ledger.record(
        makeUsageEvent({ projectId: 'prj_b', keyId: 'key_b', deploymentId: 'dep_b', at: at('2026-11-02') }),
      );
      ledger.record(makeUsageEvent({ ...alpha, at: at('2026-10-31') }));
      await ledger.close();
      reports = createUsageReports(db, () => NOW);
    });
    after(async () => {
      await opened?.destroy();
    });

    it("sums a project's usage by day over the range, with totals, from the rollups", async () => {
      const report = await reports.forProject('alpha', { from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(
        report.data.map((row) => [row.day, row.requests, row.input_tokens, row.output_tokens, row.cost_micro_usd]),
        [
          ['2026-11-01', 2, 112, 53, 112 * 2 + 53 * 10],
          ['2026-11-02', 3, 36, 9, 2 * (12 * 2 + 3 * 10)],
        ],
      );
      assert.deepEqual(
        { from: report.from, to: report.to, group_by: report.group_by, object: report.object },
        { from: '2026-11-01', to: '2026-11-30', group_by: 'day', object: 'list' },
      );
      assert.equal(report.totals.requests, 5);
      assert.equal(report.totals.total_tokens, 112 + 53 + 36 + 9);
      assert.equal(report.totals.cost_micro_usd, 112 * 2 + 53 * 10 + 2 * (12 * 2 + 3 * 10));
      assert.equal(report.totals.cost_usd, '0.000862');
      assert.equal(report.totals.estimated_requests, 1);
      assert.equal(report.totals.client_abort_requests, 1);
    });

    it('groups by deployment, model and key with names, and keeps usage of removed ones under their ids', async () => {
      const range = { from: '2026-11-01', to: '2026-11-02' };
      const byDeployment = await reports.forProject('alpha', { ...range, group_by: 'deployment' });
      assert.deepEqual(
        byDeployment.data.map((row) => [row.project, row.deployment, row.deployment_id, row.requests]),
        [
          ['alpha', 'chat', 'dep_chat', 3],
          ['alpha', 'free', 'dep_free', 1],
          ['alpha', null, 'dep_gone', 1],
        ],
      );
      const byModel = await reports.forProject('alpha', { ...range, group_by: 'model' });
      assert.deepEqual(
        byModel.data.map((row) => [row.model, row.requests, row.cost_micro_usd]),
        [
          ['gpt-4o', 4, 112 * 2 + 53 * 10 + 2 * (12 * 2 + 3 * 10)],
          ['gpt-oss', 1, 0],
        ],
      );
      const byKey = await reports.forProject('alpha', { ...range, group_by: 'key' });
      assert.deepEqual(
        byKey.data.map((row) => [row.key, row.key_id, row.requests]),
        [
          ['app', 'key_app', 4],
          [null, 'key_gone', 1],
        ],
      );
      assert.deepEqual(Object.keys(byKey.data[0] ?? {}).slice(0, 3), ['project', 'key', 'key_id']);
    });

    it('reports every project to the platform, and only its own to a project', async () => {
      const range = { from: '2026-11-01', to: '2026-11-02', group_by: 'project' };
      const platform = await reports.forPlatform(range);
      assert.deepEqual(
        platform.data.map((row) => [row.project, row.requests]),
        [
          ['alpha', 5],
          ['beta', 1],
        ],
      );
      assert.equal(platform.totals.requests, 6);
      assert.equal((await reports.forProject('beta', range)).totals.requests, 1);
    });

    it('defaults to this month so far, by day', async () => {
      const report = await reports.forPlatform({});
      assert.deepEqual([report.from, report.to, report.group_by], ['2026-11-01', '2026-11-25', 'day']);
      assert.equal(report.totals.requests, 6, 'October is left out');
    });

    it('refuses bad parameters with the parameter named, and unknown projects with 404', async () => {
      const refusal = async (promise: Promise<unknown>, param: string, pattern: RegExp) =>
        assert.rejects(promise, (error: unknown) => {
          assert.ok(error instanceof GatewayError);
          assert.equal(error.param, param);
          assert.match(error.message, pattern);
          return true;
        });
      await refusal(reports.forPlatform({ from: '2026-11-31' }), 'from', /YYYY-MM-DD/);
      await refusal(reports.forPlatform({ to: 'yesterday' }), 'to', /not 'yesterday'/);
      await refusal(reports.forPlatform({ from: '2026-11-05', to: '2026-11-01' }), 'from', /after to/);
      await refusal(
        reports.forPlatform({ group_by: 'hour' }),
        'group_by',
        /one of day, project, deployment, model, key/,
      );
      await refusal(reports.forProject('nope', {}), 'project', /does not exist/);
    });

    it('renders a report as CSV with a header row', async () => {
      const report = await reports.forProject('alpha', {
        from: '2026-11-01',
        to: '2026-11-02',
        group_by: 'deployment',
      });
      const { columns, rows } = usageReportTable(report);
      const csv = toCsv(columns, rows).split('\r\n');
      assert.equal(
        csv[0],
        'project,deployment,deployment_id,requests,input_tokens,cached_input_tokens,cache_write_input_tokens,' +
          'output_tokens,reasoning_tokens,total_tokens,cost_micro_usd,cost_usd,estimated_requests,' +
          'client_abort_requests,upstream_error_requests,filtered_requests',
      );
      assert.equal(csv[3], 'alpha,,dep_gone,1,12,0,0,3,0,15,54,0.000054,0,0,0,0', 'a removed deployment has no name');
      assert.equal(csv.length, 5, 'header, three rows, and the final line end');
      assert.equal(toCsv(['a'], [['x,"y"\nz']]), 'a\r\n"x,""y""\nz"\r\n');
    });

    it('audits the days: zero-cost and estimated records, and the rollups against the records', async () => {
      const audit = await reports.reconciliation({ from: '2026-11-01', to: '2026-11-02' });
      assert.deepEqual(audit.days, [
        {
          day: '2026-11-01',
          records: 2,
          rollup_requests: 2,
          zero_cost_records: 0,
          zero_cost_tokens: 0,
          estimated_records: 0,
          estimated_tokens: 0,
        },
        {
          day: '2026-11-02',
          records: 4,
          rollup_requests: 4,
          zero_cost_records: 1,
          zero_cost_tokens: 15,
          estimated_records: 1,
          estimated_tokens: 15,
        },
      ]);
      assert.deepEqual(
        audit.findings.map((finding) => [
          finding.day,
          finding.project,
          finding.deployment,
          finding.model,
          finding.price_card_version,
          finding.zero_cost_records,
          finding.estimated_records,
        ]),
        [
          ['2026-11-02', 'alpha', 'chat', 'gpt-4o', 'test-card@1', 0, 1],
          ['2026-11-02', 'alpha', 'free', 'gpt-oss', 'test-card@1', 1, 0],
        ],
      );
      assert.equal(audit.totals.records, 6);
      await assert.rejects(reports.reconciliation({ from: '2026-01-01', to: '2026-11-01' }), /at most 92/);
    });
  });
}
