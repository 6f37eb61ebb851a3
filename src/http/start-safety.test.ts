import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { loadConfig } from '../config/index.js';
import type { Analyzer } from '../safety/index.js';
import { ProjectRepository } from '../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';
import { TEST_REDIS_URL } from '../../test/support/test-redis.js';
import { startSafety, type RunningSafety } from './start-safety.js';

const quietAnalyzer = (): Analyzer => ({
  kind: 'builtin',
  grade: () => Promise.resolve({ hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' }),
  shield: (input) => Promise.resolve({ jailbreak: false, indirectAttacks: input.documents.map(() => false) }),
});

/** Polls until the condition holds, for changes that travel through Redis. */
async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(5);
  }
  return performance.now() - started;
}

// Two replicas share one database and one Redis: a policy changed through one reaches the other's memory at once.
for (const database of DATABASES) {
  const skip = database.skip ?? (TEST_REDIS_URL === undefined ? 'REDIS_URL is not set' : undefined);
  describe(`content-filter changes between replicas on ${database.name}`, { skip }, () => {
    let opened: OpenTestDatabase;
    let first: RunningSafety;
    let second: RunningSafety;

    before(async () => {
      opened = await database.open();
      await new ProjectRepository(opened.database.db).insert({ id: 'prj_shop', name: 'shop', createdAt: 1 });
      const config = loadConfig({ env: { HANGAR_REDIS_URL: TEST_REDIS_URL } });
      const start = () =>
        startSafety({
          config,
          database: opened.database,
          secretKey: 'shared-secret',
          logger: pino({ level: 'silent' }),
          analyzerFor: quietAnalyzer,
        });
      first = await start();
      second = await start();
    });
    after(async () => {
      await first?.close();
      await second?.close();
      await opened?.destroy();
    });

    it('serves the other replica’s new policy, its change, and its removal', async () => {
      assert.equal(second.service.hasPolicy('prj_shop', 'strict'), false);
      await first.service.policies.putProject('shop', 'strict', { prompt: { hate: 'low' } });
      assert.equal(first.service.policyFor('prj_shop', 'strict').policy.prompt.thresholds.hate, 'low', 'here at once');
      await eventually(() => second.service.hasPolicy('prj_shop', 'strict'));
      assert.equal(second.service.policyFor('prj_shop', 'strict').policy.prompt.thresholds.hate, 'low');

      await first.service.policies.putProject('shop', 'strict', { prompt: { hate: 'high' } });
      await eventually(() => second.service.policyFor('prj_shop', 'strict').policy.prompt.thresholds.hate === 'high');

      await first.service.policies.deleteProject('shop', 'strict');
      await eventually(() => !second.service.hasPolicy('prj_shop', 'strict'));
      assert.equal(second.service.policyFor('prj_shop', 'strict').fallback, true);
    });
  });
}
