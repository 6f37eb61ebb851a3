import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyReply } from 'fastify';
import type { ResolvedDeployment, SharedCapacity } from '../../control/index.js';
import { createMemoryQuotaLimiter, type QuotaLimiter } from '../../quota/index.js';
import type { QuotaLimiterHarness } from '../../quota/testing/quota-limiter-suite.js';
import { redisQuotaLimiterHarness } from '../../quota/testing/redis-test-harness.js';
import { GatewayError } from '../../spec/index.js';
import { admitToQuota } from './quota-admission.js';

/**
 * Starts at a minute boundary and moves on a second per admission: the pool's 10,000 TPM allow 60 RPM, one per
 * second, and every token charge of the test stays in that first minute.
 */
let nowMs = 1_800_000_000_000;

/** The headers admission sets, as a reply that only records them. */
function recordingReply(): { reply: FastifyReply; headers: Map<string, string> } {
  const headers = new Map<string, string>();
  const reply = {
    header(name: string, value: string) {
      headers.set(name, value);
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers };
}

const pool: SharedCapacity = {
  key: 'capacity:con_shared',
  connectionName: 'shared',
  capacityTpm: 30_000,
  provisionedTpm: 20_000,
  tpm: 10_000,
};

function deployment(id: string, overrides: Partial<ResolvedDeployment>): ResolvedDeployment {
  return {
    id,
    projectId: 'prj_1',
    name: id,
    model: 'gpt-4o',
    type: 'standard',
    backends: [],
    limits: { tpm: 50_000 },
    sharedCapacity: pool,
    contentFilter: null,
    createdAt: 0,
    ...overrides,
  };
}

const memory: QuotaLimiterHarness = {
  name: 'memory',
  skip: undefined,
  open: (now) => Promise.resolve([createMemoryQuotaLimiter({ now })]),
  dispose: () => Promise.resolve(),
};

for (const harness of [memory, await redisQuotaLimiterHarness()]) {
  describe(`admission on a connection's shared capacity (${harness.name})`, { skip: harness.skip }, () => {
    let quota: QuotaLimiter;
    before(async () => {
      [quota] = (await harness.open(() => nowMs)) as [QuotaLimiter];
    });
    after(() => harness.dispose());

    const admit = (target: ResolvedDeployment, tokens: number) => {
      nowMs += 1_000;
      return admitToQuota(quota, target, recordingReply().reply, () => tokens);
    };
    const remaining = async (key: string, limits: { tpm: number }) => {
      const probe = await quota.reserve(key, { tokens: 0, requests: 0 }, limits);
      return probe.remaining.tokens;
    };

    it('charges the deployment and the pool, settling both to the real usage', async () => {
      const ticket = await admit(deployment('dep_a', {}), 6_000);
      assert.equal(await remaining('dep_a', { tpm: 50_000 }), 44_000);
      assert.equal(await remaining(pool.key, pool), 4_000);
      ticket.settle(100);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await remaining('dep_a', { tpm: 50_000 }), 49_900);
      assert.equal(await remaining(pool.key, pool), 9_900);
    });

    it('charges an unlimited deployment to the pool only, and refuses what the pool cannot hold', async () => {
      const unlimited = deployment('dep_open', { limits: null });
      const ticket = await admit(unlimited, 9_000);
      await assert.rejects(admit(unlimited, 1_000), (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.equal(error.code, 'rate_limit_exceeded');
        assert.match(error.message, /shared capacity of connection 'shared': 10,000 tokens per minute/);
        assert.ok((error.retryAfterMs ?? 0) > 0);
        return true;
      });
      ticket.settle(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });

    it("gives the deployment's own charge back when the pool refuses", async () => {
      await assert.rejects(admit(deployment('dep_b', {}), 20_000), (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.equal(error.shouldRetry, false, 'more than the whole pool: never fits');
        assert.match(error.message, /more than all of the shared capacity of connection 'shared'/);
        return true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await remaining('dep_b', { tpm: 50_000 }), 50_000, 'settled to 0');
    });

    it('never charges a provisioned deployment to the pool, and refuses all when nothing is left', async () => {
      const before = await remaining(pool.key, pool);
      const ticket = await admit(deployment('dep_p', { type: 'provisioned', sharedCapacity: null }), 8_000);
      assert.equal(await remaining(pool.key, pool), before);
      ticket.settle(8_000);

      const exhausted = { ...pool, key: 'capacity:con_full', provisionedTpm: 30_000, tpm: 0 };
      await assert.rejects(admit(deployment('dep_c', { sharedCapacity: exhausted }), 1), (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.match(error.message, /no room left in the shared capacity of connection 'shared'/);
        return true;
      });
    });
  });
}
