import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError, type JsonObject } from '../../spec/index.js';
import { PriceOverrideRepository, ProjectRepository } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import type { TokenCounts } from '../usage-record.js';
import { createCatalogPricer } from './create-catalog-pricer.js';
import { createPriceOverrideService, type PriceChangeNotices } from './price-override-service.js';
import { pricingCatalog } from './testing/pricing-catalog.js';

const catalog = pricingCatalog({
  'mini-model': [{ input: 300_000, cachedInput: 75_000, output: 500_000, asOf: '2025-06-02' }],
});
const MILLION_IN: TokenCounts = { input: 1_000_000, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 };
const JULY = Date.parse('2025-07-15T00:00:00Z');

/** Two replicas on one bus: a notice reaches every subscriber but the sender, as on Redis. */
function noticeBus() {
  const listeners: (() => void)[] = [];
  return (): PriceChangeNotices => {
    let own: (() => void) | undefined;
    return {
      publish: () => {
        for (const listener of listeners) if (listener !== own) listener();
        return Promise.resolve();
      },
      subscribe: (onChange) => {
        own = onChange;
        listeners.push(onChange);
        return Promise.resolve();
      },
    };
  };
}

/** The id of an added override. */
function idOf(answer: JsonObject): string {
  assert.equal(typeof answer.id, 'string');
  return answer.id as string;
}

const rejectsWith = (param: string, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof GatewayError, String(error));
  assert.equal(error.param, param);
  assert.match(error.message, pattern);
  return true;
};

for (const database of DATABASES) {
  describe(`price overrides on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    before(async () => {
      opened = await database.open();
      await new ProjectRepository(opened.database.db).insert({ id: 'prj_alpha', name: 'alpha', createdAt: 1 });
    });
    after(async () => {
      await opened?.destroy();
    });

    it('stores an override, reloads this pricer, and tells the other replica, whose pricer reloads too', async () => {
      const db = opened.database.db;
      const connect = noticeBus();
      const here = createCatalogPricer(catalog);
      const there = createCatalogPricer(catalog);
      const prices = await createPriceOverrideService({ db, pricer: here, notices: connect(), now: () => JULY });
      await createPriceOverrideService({ db, pricer: there, notices: connect(), now: () => JULY });
      const query = { projectId: 'prj_alpha', model: 'mini-model', deploymentType: 'standard', at: JULY };

      const added = await prices.add('alpha', {
        model: 'mini-model',
        usd_per_million_tokens: { input: '0.25', output: 1, reasoning: 0.75 },
        effective_from: '2025-07-01',
      });
      const addedId = idOf(added);
      assert.match(addedId, /^prc_[0-9a-f]{32}$/);
      assert.deepEqual(
        { ...added, id: undefined },
        {
          object: 'price_override',
          id: undefined,
          project: 'alpha',
          model: 'mini-model',
          deployment_type: null,
          usd_per_million_tokens: {
            input: 0.25,
            cached_input: null,
            cache_write_input: null,
            output: 1,
            reasoning: 0.75,
          },
          discount_basis_points: null,
          effective_from: '2025-07-01T00:00:00.000Z',
          effective_to: null,
          created_at: '2025-07-15T00:00:00.000Z',
        },
      );
      assert.deepEqual(here.price(query, MILLION_IN), {
        costMicroUsd: 250_000,
        priceCardVersion: `override:${addedId}`,
      });
      // The other replica reloads in the background after the notice.
      for (let tries = 0; tries < 50 && there.cardFor(query).origin !== 'override'; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(there.cardFor(query).version, `override:${addedId}`);

      const discount = await prices.add('alpha', {
        model: 'mini-model',
        deployment_type: 'global-standard',
        discount_basis_points: 2000,
        effective_from: '2025-07-10T12:00:00Z',
        effective_to: '2025-08-01',
      });
      assert.equal(
        here.price({ ...query, deploymentType: 'global-standard' }, MILLION_IN).costMicroUsd,
        240_000,
        '$0.30 less 20 %',
      );
      const discountId = idOf(discount);
      assert.deepEqual(
        (await prices.list('alpha')).map((override) => override.id),
        [addedId, discountId],
      );
      assert.equal((await new PriceOverrideRepository(db).listAll()).length, 2);

      const effective = await prices.effective('alpha', 'mini-model', 'global-standard', JULY);
      assert.deepEqual(
        [effective.version, effective.origin, effective.discount_basis_points, effective.usd_per_million_tokens],
        [
          `override:${discountId}+catalog:mini-model:standard@2025-06-02`,
          'override',
          2000,
          { input: 0.3, cached_input: 0.075, cache_write_input: 0.3, output: 0.5, reasoning: 0.5 },
        ],
      );

      assert.deepEqual(await prices.remove('alpha', discountId), {
        object: 'price_override',
        project: 'alpha',
        id: discountId,
        deleted: true,
      });
      assert.equal(here.cardFor({ ...query, deploymentType: 'global-standard' }).version, `override:${addedId}`);
      await prices.remove('alpha', addedId);
      assert.equal(here.cardFor(query).origin, 'catalog');
    });

    it('refuses what it cannot price, naming the field', async () => {
      const prices = await createPriceOverrideService({ db: opened.database.db, pricer: createCatalogPricer(catalog) });
      await assert.rejects(
        prices.add('alpha', { model: 'mini-model' }),
        rejectsWith('usd_per_million_tokens', /exactly one of usd_per_million_tokens .* or discount_basis_points/),
      );
      await assert.rejects(
        prices.add('alpha', { model: 'llama-local', discount_basis_points: 500 }),
        rejectsWith('discount_basis_points', /no price for model 'llama-local'/),
      );
      await assert.rejects(
        prices.add('alpha', { model: 'mini-model', usd_per_million_tokens: { input: 0.0000001, output: 1 } }),
        rejectsWith('usd_per_million_tokens.input', /at most 6 decimal places/),
      );
      await assert.rejects(
        prices.add('alpha', { model: 'mini-model', discount_basis_points: 10, deployment_type: 'batch' }),
        rejectsWith('deployment_type', /must be one of global-standard, standard, provisioned, managed/),
      );
      await assert.rejects(
        prices.add('alpha', {
          model: 'mini-model',
          discount_basis_points: 10,
          effective_from: '2025-07-01',
          effective_to: '2025-07-01',
        }),
        rejectsWith('effective_to', /must be after effective_from/),
      );
      await assert.rejects(
        prices.add('alpha', { model: 'mini-model', discount_basis_points: 10, effective_from: 'July' }),
        rejectsWith('effective_from', /must be a date/),
      );
      await assert.rejects(prices.remove('alpha', 'prc_missing'), rejectsWith('id', /has no price override/));
      await assert.rejects(prices.list('nobody'), rejectsWith('project', /Project 'nobody' does not exist/));
      // A local model may be given its own explicit price.
      const local = await prices.add('alpha', {
        model: 'llama-local',
        usd_per_million_tokens: { input: 0.01, output: 0.02 },
      });
      await prices.remove('alpha', idOf(local));
    });
  });
}
