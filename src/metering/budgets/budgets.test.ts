import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import {
  ApiKeyRepository,
  ProjectRepository,
  SecretBox,
  UsageDailyRepository,
  type HangarDatabase,
} from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import type { TokenCounts } from '../usage-record.js';
import { createBudgets, type Budgets } from './create-budgets.js';
import { createMemoryBudgetLimiter } from './memory-budget-limiter.js';
import type { BudgetLimiter } from './budget-limiter.js';
import { fixedPricer } from './testing/fixed-pricer.js';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.js';

const NOW = Date.UTC(2026, 10, 15, 12);
const DOLLAR = 1_000_000;
const SECRET = 'a webhook secret of some length';
const USED: TokenCounts = { input: 5, cachedInput: 0, cacheWriteInput: 0, output: 5, reasoning: 0 };
const WORST: TokenCounts = { input: 10, cachedInput: 0, cacheWriteInput: 0, output: 100, reasoning: 0 };

async function addProject(database: HangarDatabase, name: string, keys: string[]): Promise<void> {
  await new ProjectRepository(database.db).insert({ id: `prj_${name}`, name, createdAt: NOW });
  for (const key of keys) {
    await new ApiKeyRepository(database.db).insert({
      id: `key_${name}_${key}`,
      projectId: `prj_${name}`,
      name: key,
      keyHash: `hash-${name}-${key}`,
      keyPrefix: 'sk-test',
      createdAt: NOW,
      revokedAt: null,
      expiresAt: null,
      deployments: null,
      lastUsedAt: null,
      scope: 'inference',
      role: null,
    });
  }
}

function request(project: string, key: string) {
  return {
    projectId: `prj_${project}`,
    keyId: `key_${project}_${key}`,
    model: 'gpt-4o',
    deploymentType: 'global-standard',
    worstCase: () => WORST,
  };
}

function refusal(error: unknown): GatewayError {
  assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
  assert.equal(error.code, 'insufficient_quota');
  assert.equal(error.status, 429);
  assert.equal(error.shouldRetry, false);
  return error;
}

for (const database of DATABASES) {
  describe(`budgets on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let receiver: WebhookReceiver;
    let limiter: BudgetLimiter;
    let budgets: Budgets;
    const others: Budgets[] = [];
    // $1 a request that used tokens, whatever it used, so worst case and actual cost are the same.
    const pricer = fixedPricer({ perRequestMicroUsd: DOLLAR });
    const open = (shared: BudgetLimiter) =>
      createBudgets({
        db: opened.database.db,
        secretBox: new SecretBox('budget test secret'),
        limiter: shared,
        pricer,
        now: () => NOW,
        webhookTiming: { firstRetryDelayMs: 20, sweepIntervalMs: 3_600_000 },
      });

    before(async () => {
      opened = await database.open();
      receiver = await startWebhookReceiver();
      limiter = createMemoryBudgetLimiter({ now: () => NOW });
      budgets = await open(limiter);
      await addProject(opened.database, 'team', ['app']);
      await addProject(opened.database, 'solo', ['small', 'other']);
      await addProject(opened.database, 'ledgered', ['one', 'two']);
      await addProject(opened.database, 'watch', ['app']);
      await addProject(opened.database, 'shared', ['app']);
    });
    after(async () => {
      await Promise.all([budgets, ...others].map((each) => each?.close()));
      await limiter?.close();
      await receiver?.close();
      await opened?.destroy();
    });

    it('admits 10 of 12 concurrent $1 requests on a $10 budget, then raises 50, 80 and 100 % once each', async () => {
      receiver.answerWith([500]);
      const created = await budgets.admin.create('team', {
        monthly_limit_micro_usd: 10 * DOLLAR,
        webhook_url: receiver.url,
        webhook_secret: SECRET,
      });
      assert.deepEqual(created.alert_thresholds, [50, 80, 100]);
      assert.equal(created.hard_limit, true);
      assert.equal(created.has_webhook_secret, true);
      assert.equal('webhook_secret' in created, false, 'the secret is never shown');

      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, () => budgets.guard.admit(request('team', 'app'))),
      );
      const tickets = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      assert.equal(tickets.length, 10);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      assert.ok(refused !== undefined);
      const error = refusal(refused.reason);
      assert.match(error.message, new RegExp(`budget ${created.id} of project 'team'`));
      assert.match(error.message, /limit for 2026-11 is \$10\.00, \$0\.00 is spent and \$10\.00 held by requests/);
      assert.match(error.message, /could cost up to \$1\.00/);
      assert.match(error.message, /resets at 2026-12-01T00:00:00Z/);

      for (const ticket of tickets) ticket.settle(USED);
      await budgets.idle();
      const [view] = await budgets.admin.list('team');
      assert.ok(view !== undefined);
      assert.deepEqual(
        { spend: view.spend_micro_usd, reserved: view.reserved_micro_usd, percent: view.percent },
        { spend: 10 * DOLLAR, reserved: 0, percent: 100 },
      );
      assert.equal(view.resets_at, '2026-12-01T00:00:00.000Z');

      // Three events, the first one retried after the 500.
      await receiver.waitFor(4);
      assert.deepEqual(
        receiver.received.map((each) => each.status),
        [500, 204, 204, 204],
      );
      const bodies = receiver.received.slice(1).map((each) => JSON.parse(each.body) as Record<string, unknown>);
      assert.deepEqual(bodies.map((body) => body.threshold).sort(), [100, 50, 80]);
      for (const webhook of receiver.received) {
        const expected = `sha256=${createHmac('sha256', SECRET).update(webhook.body).digest('hex')}`;
        assert.equal(webhook.headers['x-hangar-signature'], expected);
        assert.equal(webhook.headers['content-type'], 'application/json');
      }
      const body = bodies.find((each) => each.threshold === 100);
      assert.deepEqual(
        { ...body, id: 'id', created_at: 'time' },
        {
          object: 'budget_event',
          type: 'budget.threshold_reached',
          id: 'id',
          budget: created.id,
          project: 'team',
          key: null,
          month: '2026-11',
          threshold: 100,
          spend_micro_usd: 10 * DOLLAR,
          limit_micro_usd: 10 * DOLLAR,
          hard_limit: true,
          created_at: 'time',
        },
      );
      const events = await budgets.admin.events('team', created.id);
      assert.deepEqual(events.map((event) => [event.threshold, event.status]).sort(), [
        [100, 'delivered'],
        [50, 'delivered'],
        [80, 'delivered'],
      ]);
      assert.deepEqual(
        events.map((event) => event.attempts).sort(),
        [1, 1, 2],
        'the event that met the 500 took two attempts',
      );
      const retried = events.find((event) => event.attempts === 2);
      assert.equal(retried?.last_error, null);
      refusal(await budgets.guard.admit(request('team', 'app')).catch((caught: unknown) => caught));
    });

    it("gives the project's reservation back when the key's budget refuses", async () => {
      await budgets.admin.create('solo', { monthly_limit_micro_usd: 100 * DOLLAR });
      const keyBudget = await budgets.admin.create('solo', { key: 'small', monthly_limit_micro_usd: 2 * DOLLAR });
      assert.equal(keyBudget.key, 'small');
      await budgets.guard.admit(request('solo', 'small'));
      await budgets.guard.admit(request('solo', 'small'));
      const error = refusal(await budgets.guard.admit(request('solo', 'small')).catch((caught: unknown) => caught));
      assert.match(error.message, /of key 'small' of project 'solo'/);
      await budgets.guard.idle();
      const views = await budgets.admin.list('solo');
      const project = views.find((view) => view.key === null);
      assert.equal(project?.reserved_micro_usd, 2 * DOLLAR, 'only the two admitted requests hold the project budget');
      // The project's other key is not held back by the spent key.
      await budgets.guard.admit(request('solo', 'other'));
    });

    it("starts the month's spend from the ledger's day rollups, per project and per key", async () => {
      const row = (day: string, key: string, costMicroUsd: number) => ({
        day,
        projectId: 'prj_ledgered',
        keyId: `key_ledgered_${key}`,
        deploymentId: 'dep_1',
        model: 'gpt-4o',
        deploymentType: 'global-standard',
        tokens: { input: 1, cachedInput: 0, cacheWriteInput: 0, output: 1, reasoning: 0 },
        costMicroUsd,
        requests: 1,
        estimatedRequests: 0,
        clientAbortRequests: 0,
        upstreamErrorRequests: 0,
        filteredRequests: 0,
      });
      await new UsageDailyRepository(opened.database.db).add([
        row('2026-10-31', 'one', 50 * DOLLAR),
        row('2026-11-01', 'one', 4 * DOLLAR),
        row('2026-11-14', 'two', 3 * DOLLAR),
        row('2026-12-01', 'one', 50 * DOLLAR),
      ]);
      const project = await budgets.admin.create('ledgered', { monthly_limit_micro_usd: 10 * DOLLAR });
      const key = await budgets.admin.create('ledgered', { key: 'two', monthly_limit_micro_usd: 4 * DOLLAR });
      assert.equal(project.spend_micro_usd, 7 * DOLLAR);
      assert.equal(project.percent, 70);
      assert.equal(key.spend_micro_usd, 3 * DOLLAR);
      await budgets.guard.admit(request('ledgered', 'one'));
      await budgets.guard.admit(request('ledgered', 'two'));
      const error = refusal(await budgets.guard.admit(request('ledgered', 'two')).catch((caught: unknown) => caught));
      assert.match(error.message, /of key 'two'/);
      await budgets.guard.admit(request('ledgered', 'one'));
      refusal(await budgets.guard.admit(request('ledgered', 'one')).catch((caught: unknown) => caught));
    });

    it('lets an alerts-only budget pass its limit, raising every threshold it reaches', async () => {
      const created = await budgets.admin.create('watch', {
        monthly_limit_micro_usd: 2 * DOLLAR,
        hard_limit: false,
        alert_thresholds: [150, 100, 100],
      });
      assert.deepEqual(created.alert_thresholds, [100, 150], 'sorted, without repeats');
      for (let index = 0; index < 4; index += 1) (await budgets.guard.admit(request('watch', 'app'))).settle(USED);
      await budgets.idle();
      const events = await budgets.admin.events('watch', created.id);
      assert.deepEqual(
        events.map((event) => [event.threshold, event.status, event.spend_micro_usd]),
        [
          [150, 'no_webhook', 3 * DOLLAR],
          [100, 'no_webhook', 2 * DOLLAR],
        ],
      );
    });

    it('writes one event per threshold however many replicas see it reached', async () => {
      // Two replicas sharing one counter, as they would on Redis; each remembers nothing of the other's alerts.
      const replica = await open(limiter);
      others.push(replica);
      const created = await budgets.admin.create('shared', {
        monthly_limit_micro_usd: 4 * DOLLAR,
        alert_thresholds: [50],
      });
      await replica.reload();
      (await budgets.guard.admit(request('shared', 'app'))).settle(USED);
      (await replica.guard.admit(request('shared', 'app'))).settle(USED);
      await budgets.idle();
      await replica.idle();
      (await replica.guard.admit(request('shared', 'app'))).settle(USED);
      (await budgets.guard.admit(request('shared', 'app'))).settle(USED);
      await Promise.all([budgets.idle(), replica.idle()]);
      assert.deepEqual(
        (await budgets.admin.events('shared', created.id)).map((event) => event.threshold),
        [50],
      );
    });

    it('validates budgets as the admin API receives them', async () => {
      const invalid = async (input: unknown, param: string | undefined, pattern: RegExp) => {
        const error = await budgets.admin.create('team', input).catch((caught: unknown) => caught);
        assert.ok(error instanceof GatewayError && error.code === 'invalid_request', String(error));
        assert.equal(error.param, param);
        assert.match(error.message, pattern);
      };
      await invalid({}, 'monthly_limit_micro_usd', /is required/);
      await invalid({ monthly_limit_micro_usd: 1.5 }, 'monthly_limit_micro_usd', /integer/);
      await invalid({ monthly_limit_micro_usd: 5, alert_thresholds: [0] }, 'alert_thresholds[0]', /at least 1/);
      await invalid({ monthly_limit_micro_usd: 5, webhook_url: 'ftp://x' }, 'webhook_url', /http\(s\) URL/);
      await invalid({ monthly_limit_micro_usd: 5, webhook_secret: 'short' }, 'webhook_secret', /^webhook_secret must/);
      await invalid({ monthly_limit_micro_usd: 5, key: 'nobody' }, 'key', /no key 'nobody'/);
      await invalid({ monthly_limit_micro_usd: 5, colour: 'red' }, undefined, /unknown key 'colour'/);
      const missing = await budgets.admin.update('team', 'bdg_missing', {}).catch((caught: unknown) => caught);
      assert.ok(missing instanceof GatewayError && missing.code === 'not_found' && missing.param === 'id');
      const unknownProject = await budgets.admin.list('nope').catch((caught: unknown) => caught);
      assert.ok(unknownProject instanceof GatewayError && unknownProject.param === 'project');
    });

    it('changes and removes a budget, and admission follows at once', async () => {
      const [budget] = await budgets.admin.list('team');
      assert.ok(budget !== undefined);
      const raised = await budgets.admin.update('team', budget.id, {
        monthly_limit_micro_usd: 11 * DOLLAR,
        webhook_url: null,
        webhook_secret: null,
      });
      assert.deepEqual(
        { limit: raised.monthly_limit_micro_usd, webhook: raised.webhook_url, secret: raised.has_webhook_secret },
        { limit: 11 * DOLLAR, webhook: null, secret: false },
      );
      await budgets.guard.admit(request('team', 'app'));
      refusal(await budgets.guard.admit(request('team', 'app')).catch((caught: unknown) => caught));
      await budgets.admin.remove('team', budget.id);
      assert.deepEqual(await budgets.admin.list('team'), []);
      await budgets.guard.admit(request('team', 'app'));
    });
  });
}
