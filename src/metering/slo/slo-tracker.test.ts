import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SloMinuteRepository } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import type { Invoice } from '../invoices/index.js';
import { DEFAULT_SLA_POLICY } from './sla-policy.js';
import { createSlaReports } from './sla-reports.js';
import { createSloTracker, MINUTE_MS } from './slo-tracker.js';

const START = Date.UTC(2026, 5, 10, 12, 0, 0);
const CHAT = { projectId: 'proj_1', deploymentId: 'dep_chat', deploymentType: 'standard' };
const OTHER = { projectId: 'proj_1', deploymentId: 'dep_other', deploymentType: 'provisioned' };

function invoiceOf(amounts: Record<string, number>): Invoice {
  return {
    id: null,
    projectId: 'proj_1',
    projectName: 'shop',
    month: '2026-06',
    status: 'open',
    currency: 'USD',
    lines: Object.entries(amounts).map(([deploymentId, amountMicroUsd]) => ({
      kind: 'usage',
      usageMonth: '2026-06',
      deploymentId,
      deploymentName: null,
      model: 'm',
      deploymentType: 'standard',
      priceCardVersion: null,
      tokens: { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 },
      requests: 1,
      items: [],
      listAmountMicroUsd: amountMicroUsd,
      amountMicroUsd,
    })),
    subtotalMicroUsd: 0,
    taxRateBasisPoints: 0,
    taxMicroUsd: 0,
    totalMicroUsd: 0,
    closedAt: null,
  };
}

for (const database of DATABASES) {
  describe(`SLO rollups on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    before(async () => {
      opened = await database.open();
    });
    after(async () => {
      await opened?.destroy();
    });

    it('writes a row per deployment and minute, and views a window from rollups and memory', async () => {
      let now = START;
      const errors: unknown[] = [];
      const tracker = createSloTracker({
        db: opened.database.db,
        now: () => now,
        flushEveryMs: 60 * 60_000,
        onError: (_message, error) => errors.push(error),
      });
      // Minute 1: 9 successes of 100..900 ms, 1 failure, 2 quota refusals; the other deployment fails once.
      for (let index = 1; index <= 9; index += 1) {
        tracker.record(CHAT, { kind: 'succeeded', latencyMs: index * 100, timeToFirstTokenMs: 50, outputTokens: 10 });
      }
      tracker.record(CHAT, { kind: 'failed' });
      tracker.record(CHAT, { kind: 'excluded', reason: 'quota' });
      tracker.record(CHAT, { kind: 'excluded', reason: 'quota' });
      tracker.record(OTHER, { kind: 'failed' });
      await tracker.flush();
      // Minute 2, held in memory only: 10 successes of 1,000 ms.
      now += MINUTE_MS;
      for (let index = 0; index < 10; index += 1) {
        tracker.record(CHAT, { kind: 'succeeded', latencyMs: 1000, outputTokens: 0 });
      }

      const repository = new SloMinuteRepository(opened.database.db);
      const stored = await repository.listForDeployment('dep_chat', START, START + 60 * MINUTE_MS);
      assert.equal(stored.length, 1);
      assert.deepEqual([stored[0]!.minute, stored[0]!.eligible, stored[0]!.succeeded], [START, 10, 9]);
      assert.equal(stored[0]!.excluded.quota, 2);
      // A retried write of the same rows is stored once.
      await repository.insert(stored);
      assert.equal((await repository.listForDeployment('dep_chat', START, START + MINUTE_MS)).length, 1);

      const view = await tracker.view('dep_chat', '1h');
      assert.deepEqual([view.eligible, view.succeeded, view.failed], [20, 19, 1]);
      assert.equal(view.availabilityPercent, 95);
      assert.equal(view.excluded.quota, 2);
      // 19 latencies: 100..900 ms and ten of 1,000 ms; the median (10th) is 1,000 ms, p10 (2nd) 200 ms.
      assert.ok(Math.abs(view.latencyMs.p50! - 1000) / 1000 < 0.01, String(view.latencyMs.p50));
      assert.ok(Math.abs(view.timeToFirstTokenMs.p99! - 50) / 50 < 0.01, String(view.timeToFirstTokenMs.p99));
      // 90 tokens over 9 × (100..900 − 50) ms = 4,050 ms: 22.22 tokens/s.
      assert.equal(view.outputTokensPerSecond, 22.22);
      // The trend: 5-minute steps on the UTC grid, the first partial (the window starts at 11:02); both minutes fall
      // in the last one.
      assert.equal(view.series.length, 13);
      assert.equal(view.series[0]!.from, START - 60 * MINUTE_MS);
      assert.deepEqual(
        view.series.map((point) => point.eligible),
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20],
      );
      assert.equal(view.series[12]!.availabilityPercent, 95);
      assert.equal(view.series[0]!.availabilityPercent, null);

      // An hour later the first minute has left the 1 h window but not the 24 h one.
      now = START + 60 * MINUTE_MS;
      assert.equal((await tracker.view('dep_chat', '1h')).eligible, 10);
      assert.equal((await tracker.view('dep_chat', '24h')).eligible, 20);

      const reports = createSlaReports({
        db: opened.database.db,
        invoices: { get: () => Promise.resolve(invoiceOf({ dep_chat: 1_000_000, dep_other: 3_000_000 })) },
        policy: DEFAULT_SLA_POLICY,
        deploymentsOf: () => [
          { id: 'dep_chat', name: 'chat', type: 'standard' },
          { id: 'dep_other', name: 'other', type: 'provisioned' },
        ],
        tracker,
        now: () => now,
      });
      const report = await reports.report('shop', '2026-06');
      const [chat, other] = report.deployments;
      // chat: 19 / 20 = 95 % (not below 95) → 25 %; the failed minute (10 % errors) is down, the clean one is not.
      assert.deepEqual(
        [chat!.deploymentName, chat!.availabilityPercent, chat!.downtimeMinutes, chat!.creditPercent],
        ['chat', 95, 1, 25],
      );
      assert.equal(chat!.creditMicroUsd, 250_000);
      // other: every request failed → 100 % credit of its 3 $.
      assert.deepEqual([other!.availabilityPercent, other!.creditMicroUsd], [0, 3_000_000]);
      assert.equal(report.totalCreditMicroUsd, 3_250_000);

      await tracker.close();
      assert.equal((await repository.listForDeployment('dep_chat', START, START + 60 * MINUTE_MS)).length, 2);
      assert.deepEqual(errors, []);
    });

    it('splits a window into steps on the UTC grid, each with its own availability and latency', async () => {
      const TREND = { projectId: 'proj_1', deploymentId: 'dep_trend', deploymentType: 'standard' };
      let now = START - 3 * 60 * MINUTE_MS + 30 * MINUTE_MS;
      const tracker = createSloTracker({
        db: opened.database.db,
        now: () => now,
        flushEveryMs: 60 * 60_000,
        onError: (_message, error) => assert.fail(String(error)),
      });
      // 09:30, stored: four fast successes and a failure. 12:10, in memory: four slow successes.
      for (let index = 0; index < 4; index += 1)
        tracker.record(TREND, { kind: 'succeeded', latencyMs: 100, outputTokens: 1 });
      tracker.record(TREND, { kind: 'failed' });
      await tracker.flush();
      now = START + 10 * MINUTE_MS;
      for (let index = 0; index < 4; index += 1)
        tracker.record(TREND, { kind: 'succeeded', latencyMs: 2000, outputTokens: 1 });

      const day = await tracker.view('dep_trend', '24h');
      // 12:10 − 1,439 minutes is 12:11 yesterday: hours 12:00 yesterday to 12:00 today, 25 steps.
      assert.equal(day.series.length, 25);
      assert.ok(
        day.series.every((point) => point.from % (60 * MINUTE_MS) === 0),
        'steps start on the hour',
      );
      const busy = day.series.filter((point) => point.eligible > 0);
      assert.deepEqual(
        busy.map((point) => [
          new Date(point.from).toISOString().slice(11, 16),
          point.eligible,
          point.availabilityPercent,
        ]),
        [
          ['09:00', 5, 80],
          ['12:00', 4, 100],
        ],
      );
      assert.ok(Math.abs(busy[0]!.latencyMs.p95! - 100) / 100 < 0.01, String(busy[0]!.latencyMs.p95));
      assert.ok(Math.abs(busy[1]!.latencyMs.p95! - 2000) / 2000 < 0.01, String(busy[1]!.latencyMs.p95));

      const month = await tracker.view('dep_trend', '30d');
      assert.equal(month.series.length, 31, 'UTC days, the first and last partial');
      assert.equal(month.series.at(-1)!.eligible, 9, 'both hours are today');
      await tracker.close();
    });
  });
}
