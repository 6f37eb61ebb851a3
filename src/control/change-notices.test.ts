import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DATABASES } from '../../test/support/test-databases.js';
import { TEST_REDIS_URL } from '../../test/support/test-redis.js';
import { createControlPlane, createRedisChangeNotices, type ControlPlane } from './index.js';

const redisUrl = TEST_REDIS_URL;
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

/** Polls until the condition holds, for changes that travel through Redis. */
async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(5);
  }
  return performance.now() - started;
}

// Two replicas share one database; a change made through one must reach the other's in-memory registry at
// once, without a restart and without a database read per request.
describe('change notices between replicas', { skip: redisUrl === undefined ? 'REDIS_URL is not set' : false }, () => {
  let opened: Awaited<ReturnType<typeof sqlite.open>>;
  let first: ControlPlane;
  let second: ControlPlane;

  before(async () => {
    opened = await sqlite.open();
    const channel = `hangar:test:${randomUUID()}`;
    first = await createControlPlane({
      database: opened.database,
      secretKey: 'shared-secret',
      changeNotices: await createRedisChangeNotices(redisUrl!, channel),
    });
    second = await createControlPlane({
      database: opened.database,
      secretKey: 'shared-secret',
      changeNotices: await createRedisChangeNotices(redisUrl!, channel),
    });
  });
  after(async () => {
    await first?.close();
    await second?.close();
    await opened?.destroy();
  });

  it('a key created on one replica authenticates on the other at once; revoked, it stops there too', async () => {
    const project = await first.projects.create({ name: 'shared' });
    const key1 = project.keys.key1 ?? '';
    const arrivedWithin = await eventually(() => second.registry.authenticate(key1) !== undefined);
    assert.ok(arrivedWithin < 1000, `reached the other replica in ${arrivedWithin.toFixed(0)} ms`);

    await second.keys.revoke('shared', 'key1');
    await eventually(() => first.registry.authenticate(key1) === undefined);
  });

  it('a deployment created on one replica resolves on the other', async () => {
    await first.connections.create({ name: 'xai', provider: 'xai', api_key: 'k' });
    await first.deployments.create({
      project: 'shared',
      name: 'grok-3',
      model: 'grok-3',
      backends: [{ connection: 'xai', model: 'grok-3' }],
    });
    const projectId = (await second.projects.list())[0]!.id;
    await eventually(() => second.registry.resolveDeployment(projectId, 'GROK-3') !== undefined);
  });
});

describe('change notices without Redis', () => {
  it('refuses to start with a clear message when Redis cannot be reached', async () => {
    await assert.rejects(
      createRedisChangeNotices('redis://:secret@127.0.0.1:1'),
      (error: unknown) =>
        error instanceof Error &&
        /Could not connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1.*ECONNREFUSED/.test(error.message) &&
        !error.message.includes('secret'),
    );
  });
});
