import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SloMinuteCounts } from '../../store/index.js';
import { computeSlaReport } from './compute-sla-report.js';
import { creditPercentFor, DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy.js';

const JUNE = Date.UTC(2026, 5, 1);
const MINUTE = 60_000;

/** `count` consecutive minutes from `firstMinute` (minutes after 1 June 00:00 UTC), each with the same counts. */
function minutes(
  deploymentId: string,
  deploymentType: string,
  firstMinute: number,
  count: number,
  eligible: number,
  succeeded: number,
): SloMinuteCounts[] {
  return Array.from({ length: count }, (_, index) => ({
    deploymentId,
    deploymentType,
    minute: JUNE + (firstMinute + index) * MINUTE,
    eligible,
    succeeded,
  }));
}

describe('computeSlaReport', () => {
  it('matches a month computed by hand', () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, targetsByType: { provisioned: 99 } };
    const report = computeSlaReport({
      month: '2026-06',
      policy,
      deployments: [
        { id: 'dep_chat', name: 'chat', type: 'standard' },
        { id: 'dep_batch', name: 'batch', type: 'provisioned' },
        { id: 'dep_steady', name: 'steady', type: 'provisioned' },
        { id: 'dep_idle', name: 'idle', type: 'standard' },
      ],
      minutes: [
        // chat: 1,000 clean minutes; 30 minutes at a 10 % error rate (down); 20 at 4 % and 5 at exactly 5 % (up:
        // a minute is down only above 5 %).
        ...minutes('dep_chat', 'standard', 0, 1000, 100, 100),
        ...minutes('dep_chat', 'standard', 2000, 30, 100, 90),
        ...minutes('dep_chat', 'standard', 3000, 20, 100, 96),
        ...minutes('dep_chat', 'standard', 4000, 5, 100, 95),
        // batch: 100 minutes of 50 requests with 1 failure, written by two replicas (25/25 and 25/24): 98 %.
        ...minutes('dep_batch', 'provisioned', 0, 100, 25, 25),
        ...minutes('dep_batch', 'provisioned', 0, 100, 25, 24),
        // steady: 99.5 %, above its 99 % target, so no credit although below the 99.9 % rung.
        ...minutes('dep_steady', 'provisioned', 0, 10, 200, 199),
        // A deployment removed since: it keeps its line, without a name.
        ...minutes('dep_gone', 'standard', 0, 3, 10, 10),
      ],
      invoiceAmounts: new Map([
        ['dep_chat', 12_345_678],
        ['dep_batch', 2_000_001],
        ['dep_steady', 7_000_000],
      ]),
    });
    const byId = new Map(report.map((line) => [line.deploymentId, line]));

    // chat: eligible 100,000 + 3,000 + 2,000 + 500 = 105,500; succeeded 100,000 + 2,700 + 1,920 + 475 = 105,095;
    // 105,095 / 105,500 = 99.6161 % < 99.9 % (not < 99 %) → 10 % of 12,345,678 µ$ = 1,234,567.8 → 1,234,568.
    const chat = byId.get('dep_chat')!;
    assert.equal(chat.eligible, 105_500);
    assert.equal(chat.succeeded, 105_095);
    assert.ok(Math.abs(chat.availabilityPercent! - 99.616_113_744) < 1e-6, String(chat.availabilityPercent));
    assert.equal(chat.targetPercent, 99.9);
    assert.equal(chat.met, false);
    assert.equal(chat.downtimeMinutes, 30);
    assert.equal(chat.activeMinutes, 1055);
    assert.equal(chat.creditPercent, 10);
    assert.equal(chat.creditMicroUsd, 1_234_568);

    // batch: 4,900 / 5,000 = 98 % < 99 % → 25 % of 2,000,001 µ$ = 500,000.25 → 500,000; no minute above 5 %.
    const batch = byId.get('dep_batch')!;
    assert.deepEqual(
      [batch.eligible, batch.succeeded, batch.availabilityPercent, batch.targetPercent, batch.downtimeMinutes],
      [5000, 4900, 98, 99, 0],
    );
    assert.deepEqual([batch.creditPercent, batch.creditMicroUsd], [25, 500_000]);

    const steady = byId.get('dep_steady')!;
    assert.deepEqual([steady.availabilityPercent, steady.met, steady.creditPercent], [99.5, true, 0]);
    const idle = byId.get('dep_idle')!;
    assert.deepEqual([idle.availabilityPercent, idle.met, idle.creditMicroUsd], [null, true, 0]);
    const gone = byId.get('dep_gone')!;
    assert.deepEqual([gone.deploymentName, gone.deploymentType, gone.availabilityPercent], [null, 'standard', 100]);
    assert.deepEqual(
      report.map((line) => line.deploymentName),
      ['batch', 'chat', 'idle', 'steady', null],
    );
  });

  it('reads the default ladder: < 99.9 % → 10 %, < 99 % → 25 %, < 95 % → 100 %', () => {
    const credit = (availability: number | null) => creditPercentFor(DEFAULT_SLA_POLICY, 99.9, availability);
    assert.deepEqual(
      [credit(100), credit(99.9), credit(99.89), credit(99), credit(98.99), credit(95), credit(94.99), credit(null)],
      [0, 0, 10, 10, 25, 25, 100, 0],
    );
  });
});
