import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { fixedPricer } from '../../src/metering/budgets/testing/fixed-pricer.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/metering/budgets/testing/webhook-receiver.js';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';
import { TEST_REDIS_URL } from '../support/test-redis.js';
import { redisUnavailableReason } from '../../src/quota/testing/redis-test-harness.js';

const DOLLAR = 1_000_000;
const SECRET = 'budget webhook secret for tests';
// $1 for any request that used tokens: a request's worst case and its actual cost are the same, so what a budget
// admits can be counted exactly.
const pricer = fixedPricer({ perRequestMicroUsd: DOLLAR });

function yaml(emulator: Emulator, projects: Record<string, string>): string {
  return `
connections:
  - name: openai
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
projects:
${Object.entries(projects)
  .map(
    ([project, key]) => `  - name: ${project}
    keys:
      - name: app
        value: ${key}
    deployments:
      - name: chat
        model: gpt-4o
        backends:
          - connection: openai
            model: gpt-4o`,
  )
  .join('\n')}
`;
}

async function admin(hangar: HangarUnderTest, method: string, path: string, body?: object) {
  const response = await fetch(`${hangar.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${hangar.adminKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const chat = (hangar: HangarUnderTest, key: string) =>
  fetch(`${hangar.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('budgets through a running Hangar', () => {
  let emulator: Emulator;
  let receiver: WebhookReceiver;
  let hangar: HangarUnderTest;
  const KEY = 'budget-client-key-000001';
  const CROWD_KEY = 'budget-crowd-key-0000001';

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    receiver = await startWebhookReceiver();
    hangar = await startHangar({
      yaml: yaml(emulator, { team: KEY, crowd: CROWD_KEY }),
      overrides: { pricer, budgetWebhookTiming: { firstRetryDelayMs: 50 } },
    });
  });
  after(async () => {
    await hangar?.close();
    await receiver?.close();
    await emulator?.close();
  });

  it('refuses with 429 insufficient_quota once the budget is spent, and alerts its webhook', async () => {
    receiver.answerWith([500]);
    const created = await admin(hangar, 'POST', '/admin/projects/team/budgets', {
      monthly_limit_micro_usd: 3 * DOLLAR,
      alert_thresholds: [50, 100],
      webhook_url: receiver.url,
      webhook_secret: SECRET,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = String(created.body.id);

    const client = new OpenAI({ baseURL: `${hangar.url}/v1`, apiKey: KEY, maxRetries: 2 });
    for (let call = 0; call < 3; call += 1) {
      const completion = await client.chat.completions.create({
        model: 'chat',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'hi' }],
      });
      assert.ok(completion.choices[0]?.message.content);
    }
    const forwarded = emulator.requests.length;
    const error = await client.chat.completions
      .create({ model: 'chat', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => assert.fail('the fourth request was admitted'),
        (caught: unknown) => caught,
      );
    assert.ok(error instanceof OpenAI.RateLimitError, String(error));
    assert.equal(error.code, 'insufficient_quota');
    assert.equal(error.type, 'insufficient_quota');
    assert.equal(error.headers?.get('x-should-retry'), 'false');
    assert.match(error.message, new RegExp(`budget ${id} of project 'team'`));
    assert.match(error.message, /limit for \d{4}-\d{2} is \$3\.00, \$3\.00 is spent/);
    assert.match(error.message, /resets at \d{4}-\d{2}-01T00:00:00Z/);
    assert.equal(emulator.requests.length, forwarded, 'nothing reached the vendor, and the SDK did not retry');

    const listed = await admin(hangar, 'GET', '/admin/projects/team/budgets');
    const [view] = listed.body.data as Record<string, unknown>[];
    assert.deepEqual(
      { spend: view?.spend_micro_usd, reserved: view?.reserved_micro_usd, percent: view?.percent },
      { spend: 3 * DOLLAR, reserved: 0, percent: 100 },
    );

    // 50 % is reached at the second dollar, 100 % at the third; the first delivery meets a 500 and is retried.
    await receiver.waitFor(3);
    assert.deepEqual(
      receiver.received.map((webhook) => webhook.status),
      [500, 204, 204],
    );
    for (const webhook of receiver.received) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(webhook.body).digest('hex')}`;
      assert.equal(webhook.headers['x-hangar-signature'], expected);
    }
    const delivered = receiver.received
      .slice(1)
      .map((webhook) => JSON.parse(webhook.body) as { threshold: number; spend_micro_usd: number; project: string });
    assert.deepEqual(
      // The 50 % alert's retry comes after the 100 % alert's first attempt.
      delivered
        .sort((left, right) => left.threshold - right.threshold)
        .map((event) => [event.threshold, event.spend_micro_usd, event.project]),
      [
        [50, 2 * DOLLAR, 'team'],
        [100, 3 * DOLLAR, 'team'],
      ],
    );
    const events = await admin(hangar, 'GET', `/admin/projects/team/budgets/${id}/events`);
    assert.deepEqual(
      (events.body.data as { threshold: number; status: string; attempts: number }[]).map((event) => [
        event.threshold,
        event.status,
        event.attempts,
      ]),
      [
        [100, 'delivered', 1],
        [50, 'delivered', 2],
      ],
    );
  });

  it('admits at most 10 of 100 concurrent requests against a budget that allows 10', async () => {
    const created = await admin(hangar, 'POST', '/admin/projects/crowd/budgets', {
      monthly_limit_micro_usd: 10 * DOLLAR,
    });
    assert.equal(created.status, 201);
    // Slow answers keep every admitted request in flight while the others arrive.
    emulator.setFault({ kind: 'slow-first-byte', delayMs: 200 });
    const responses = await Promise.all(Array.from({ length: 100 }, () => chat(hangar, CROWD_KEY)));
    emulator.setFault(undefined);
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    assert.equal(statuses.filter((status) => status === 200).length, 10);
    assert.equal(statuses.filter((status) => status === 429).length, 90);
  });
});

describe('budget spend across a restart', () => {
  let emulator: Emulator;
  let dataDir: string;
  const KEY = 'budget-restart-key-00001';

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    dataDir = await mkdtemp(join(tmpdir(), 'hangar-budget-restart-'));
  });
  after(async () => {
    await emulator?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("starts the month from the ledger's rollups, so a restart forgets nothing", async () => {
    const options = { yaml: yaml(emulator, { keep: KEY }), overrides: { pricer }, dataDir };
    const first = await startHangar(options);
    try {
      const created = await admin(first, 'POST', '/admin/projects/keep/budgets', {
        monthly_limit_micro_usd: 5 * DOLLAR,
      });
      assert.equal(created.status, 201);
      for (let call = 0; call < 3; call += 1) assert.equal((await chat(first, KEY)).status, 200);
    } finally {
      // Closing writes what the ledger still buffers.
      await first.close();
    }
    const second = await startHangar(options);
    try {
      const listed = await admin(second, 'GET', '/admin/projects/keep/budgets');
      const [view] = listed.body.data as Record<string, unknown>[];
      assert.equal(view?.spend_micro_usd, 3 * DOLLAR);
      assert.equal((await chat(second, KEY)).status, 200);
      assert.equal((await chat(second, KEY)).status, 200);
      assert.equal((await chat(second, KEY)).status, 429);
    } finally {
      await second.close();
    }
  });
});

const redisSkip = await redisUnavailableReason();

describe('budgets counted on Redis', { skip: redisSkip }, () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;
  const KEY = 'budget-redis-key-0000001';

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      yaml: yaml(emulator, { shared: KEY }),
      env: { HANGAR_REDIS_URL: TEST_REDIS_URL ?? '' },
      overrides: { pricer },
    });
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
  });

  it('admits at most 10 of 100 concurrent requests against a budget that allows 10', async () => {
    const created = await admin(hangar, 'POST', '/admin/projects/shared/budgets', {
      monthly_limit_micro_usd: 10 * DOLLAR,
    });
    assert.equal(created.status, 201);
    emulator.setFault({ kind: 'slow-first-byte', delayMs: 200 });
    const responses = await Promise.all(Array.from({ length: 100 }, () => chat(hangar, KEY)));
    emulator.setFault(undefined);
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    assert.equal(statuses.filter((status) => status === 200).length, 10);
    assert.equal(statuses.filter((status) => status === 429).length, 90);
    const budgets = await admin(hangar, 'DELETE', `/admin/projects/shared/budgets/${String(created.body.id)}`);
    assert.equal(budgets.status, 200);
  });
});
