import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { UsageRecordRepository, type HangarDatabase } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { createLedger, PRICE_ERROR_VERSION, type LedgerOptions, type UsageLedger } from './usage-ledger.js';
import { makeUsageEvent, TEST_DAY_MS, TEST_PRICER } from './testing/make-usage-event.js';

async function rollups(database: HangarDatabase) {
  const rows = await database.db
    .selectFrom('usage_daily')
    .selectAll()
    .orderBy('day')
    .orderBy('key_id')
    .orderBy('deployment_id')
    .execute();
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
      ]),
    ),
  );
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

for (const database of DATABASES) {
  describe(`usage ledger on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let ledger: UsageLedger | undefined;
    const problems: string[] = [];

    before(async () => {
      opened = await database.open();
    });
    afterEach(async () => {
      await ledger?.close();
      ledger = undefined;
      problems.length = 0;
      await opened.database.db.deleteFrom('usage_records').execute();
      await opened.database.db.deleteFrom('usage_daily').execute();
    });
    after(async () => {
      await opened?.destroy();
    });

    function open(options: Partial<LedgerOptions> = {}): UsageLedger {
      ledger = createLedger({
        db: opened.database.db,
        pricer: TEST_PRICER,
        flushEveryMs: 60_000,
        onError: (message) => problems.push(message),
        ...options,
      });
      return ledger;
    }

    it('stores each call as one priced record and adds it to its day rollup', async () => {
      const ledger = open();
      const event = makeUsageEvent({
        attempt: 1,
        streamed: true,
        usage: { input: 100, cachedInput: 20, cacheWriteInput: 5, output: 40, reasoning: 7 },
        timeToFirstTokenMs: 12.5,
      });
      ledger.record(event);
      ledger.record(makeUsageEvent({ outcome: 'client_abort', estimated: true, usage: { raw: null } }));
      assert.equal(ledger.stats().buffered, 2, 'recording only buffers');
      await ledger.flush();

      const stored = await new UsageRecordRepository(opened.database.db).listBetween(0, Number.MAX_SAFE_INTEGER);
      assert.equal(stored.length, 2);
      assert.deepEqual(
        stored.find((record) => record.requestId === event.requestId),
        {
          id: `${event.requestId}:1`,
          requestId: event.requestId,
          attempt: 1,
          at: TEST_DAY_MS,
          projectId: 'prj_a',
          keyId: 'key_a',
          deploymentId: 'dep_a',
          deploymentType: 'global-standard',
          model: 'gpt-4o',
          backend: 'vendor/gpt-4o',
          dialect: 'openai',
          operation: 'chat',
          streamed: true,
          outcome: 'ok',
          tokens: { input: 100, cachedInput: 20, cacheWriteInput: 5, output: 40, reasoning: 7 },
          estimated: false,
          latencyMs: 4.25,
          timeToFirstTokenMs: 12.5,
          costMicroUsd: 125 * 2 + 47 * 10,
          priceCardVersion: 'test-card@1',
        },
      );
      assert.deepEqual(await rollups(opened.database), [
        {
          day: '2026-11-20',
          project_id: 'prj_a',
          key_id: 'key_a',
          deployment_id: 'dep_a',
          model: 'gpt-4o',
          deployment_type: 'global-standard',
          input_tokens: 112,
          cached_input_tokens: 20,
          cache_write_input_tokens: 5,
          output_tokens: 43,
          reasoning_tokens: 7,
          cost_micro_usd: 125 * 2 + 47 * 10 + 12 * 2 + 3 * 10,
          requests: 2,
          estimated_requests: 1,
          client_abort_requests: 1,
          upstream_error_requests: 0,
          filtered_requests: 0,
        },
      ]);
      assert.deepEqual(problems, []);
    });

    it('counts a replayed record once, in the records and in the rollups', async () => {
      const ledger = open();
      const first = makeUsageEvent();
      const second = makeUsageEvent();
      ledger.record(first);
      ledger.record(first); // twice in one batch
      await ledger.flush();
      ledger.record(first); // and again in a later batch, beside a new one
      ledger.record(second);
      await ledger.flush();
      assert.equal(await new UsageRecordRepository(opened.database.db).count(), 2);
      const [rollup] = await rollups(opened.database);
      assert.equal(rollup?.requests, 2);
      assert.equal(rollup?.input_tokens, 24);
      assert.deepEqual(
        { inserted: ledger.stats().inserted, duplicates: ledger.stats().duplicates },
        { inserted: 2, duplicates: 2 },
      );
    });

    it('writes one rollup row per day, key, deployment, model and type, whatever the number of calls', async () => {
      const ledger = open({ maxBatch: 1000 });
      for (let index = 0; index < 300; index += 1) {
        ledger.record(
          makeUsageEvent({
            keyId: index % 2 === 0 ? 'key_a' : 'key_b',
            deploymentId: index % 3 === 0 ? 'dep_a' : 'dep_b',
            // Two UTC days: 23:59:59.999 and midnight fall on either side.
            at: index % 5 === 0 ? Date.parse('2026-11-20T23:59:59.999Z') : Date.parse('2026-11-21T00:00:00Z'),
          }),
        );
      }
      await ledger.flush();
      const rows = await rollups(opened.database);
      assert.equal(rows.length, 2 * 2 * 2, 'days × keys × deployments');
      assert.equal(
        rows.reduce((sum, row) => sum + Number(row.requests), 0),
        300,
      );
      assert.equal(
        rows.filter((row) => row.day === '2026-11-20').reduce((sum, row) => sum + Number(row.requests), 0),
        60,
      );
    });

    it('writes when a batch is full, without waiting for the interval', async () => {
      const ledger = open({ maxBatch: 10 });
      for (let index = 0; index < 25; index += 1) ledger.record(makeUsageEvent());
      await waitFor(
        async () => (await new UsageRecordRepository(opened.database.db).count()) >= 20,
        'two full batches',
      );
      assert.ok(ledger.stats().flushes >= 2);
    });

    it('writes what it holds every flushEveryMs', async () => {
      const ledger = open({ flushEveryMs: 50 });
      ledger.record(makeUsageEvent());
      await waitFor(
        async () => (await new UsageRecordRepository(opened.database.db).count()) === 1,
        'the interval flush',
      );
      assert.equal(ledger.stats().buffered, 0);
    });

    it('keeps a batch the database refused, writes nothing of it, and writes it once the database is back', async () => {
      const ledger = open({ flushEveryMs: 30 });
      const { db } = opened.database;
      // The rollup update fails inside the transaction: the records inserted before it must be rolled back.
      await sql`ALTER TABLE usage_daily RENAME TO usage_daily_away`.execute(db);
      try {
        ledger.record(makeUsageEvent());
        ledger.record(makeUsageEvent());
        await assert.rejects(ledger.flush());
        await waitFor(() => ledger.stats().failedFlushes >= 2, 'a retry at the next tick');
        assert.equal(await new UsageRecordRepository(db).count(), 0, 'no record without its rollup');
        assert.equal(ledger.stats().buffered, 2);
        assert.match(problems[0] ?? '', /writing usage records failed; 2 records are kept and retried in 30 ms/);
      } finally {
        await sql`ALTER TABLE usage_daily_away RENAME TO usage_daily`.execute(db);
      }
      await waitFor(async () => (await new UsageRecordRepository(db).count()) === 2, 'the retry');
      assert.equal((await rollups(opened.database))[0]?.requests, 2);
    });

    it('drops new records once the buffer is full, says so once, and says how many when writes resume', async () => {
      const ledger = open({ maxBuffered: 5 });
      const { db } = opened.database;
      await sql`ALTER TABLE usage_daily RENAME TO usage_daily_away`.execute(db);
      try {
        for (let index = 0; index < 8; index += 1) ledger.record(makeUsageEvent());
        assert.deepEqual(
          { buffered: ledger.stats().buffered, dropped: ledger.stats().dropped },
          { buffered: 5, dropped: 3 },
        );
        assert.equal(problems.filter((problem) => /new records are dropped/.test(problem)).length, 1);
      } finally {
        await sql`ALTER TABLE usage_daily_away RENAME TO usage_daily`.execute(db);
      }
      await ledger.flush();
      assert.equal(await new UsageRecordRepository(db).count(), 5);
      assert.match(problems.at(-1) ?? '', /accepts writes again; 3 records were dropped/);
    });

    it('writes everything on close, and reports a call that finishes after it', async () => {
      const ledger = open();
      for (let index = 0; index < 1234; index += 1) ledger.record(makeUsageEvent());
      await ledger.close();
      assert.equal(await new UsageRecordRepository(opened.database.db).count(), 1234);
      ledger.record(makeUsageEvent({ requestId: 'req_late' }));
      assert.match(problems.at(-1) ?? '', /after shutdown and was not stored \(request req_late\)/);
    });

    it('stores a record the pricer cannot price at cost 0, marked, and says so', async () => {
      const ledger = open({
        pricer: {
          price: () => {
            throw new Error('no card');
          },
        },
      });
      ledger.record(makeUsageEvent());
      await ledger.flush();
      const [record] = await new UsageRecordRepository(opened.database.db).listBetween(0, Number.MAX_SAFE_INTEGER);
      assert.deepEqual([record?.costMicroUsd, record?.priceCardVersion], [0, PRICE_ERROR_VERSION]);
      assert.match(problems[0] ?? '', /1 records could not be priced/);
    });

    it('makes counts whole and non-negative before they reach bigint columns', async () => {
      const ledger = open({ pricer: { price: () => ({ costMicroUsd: 1.6, priceCardVersion: 'fractional' }) } });
      ledger.record(
        makeUsageEvent({
          usage: { input: 2.4, output: Number.NaN, reasoning: -3 },
          latencyMs: Number.POSITIVE_INFINITY,
        }),
      );
      await ledger.flush();
      const [record] = await new UsageRecordRepository(opened.database.db).listBetween(0, Number.MAX_SAFE_INTEGER);
      assert.deepEqual(record?.tokens, { input: 2, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 });
      assert.equal(record?.costMicroUsd, 2);
      assert.equal(record?.latencyMs, 0);
    });
  });
}
