import assert from 'node:assert/strict';
import { runCliCaptured } from '../testing/run-cli-captured.js';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { registerAdminRoutes } from '../../http/admin/index.js';
import { createBudgets, createMemoryBudgetLimiter, type Budgets } from '../../metering/index.js';
import { fixedPricer } from '../../metering/budgets/testing/fixed-pricer.js';
import { SecretBox } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { parseDollars } from './budgets.js';

const ADMIN_KEY = 'cli-budget-admin-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

it('reads dollars as exact micro-dollars', () => {
  assert.equal(parseDollars('250'), 250_000_000);
  assert.equal(parseDollars('12.5'), 12_500_000);
  assert.equal(parseDollars('0.000001'), 1);
  assert.throws(() => parseDollars('1e3'), /--limit-usd/);
  assert.throws(() => parseDollars('1.0000001'), /--limit-usd/);
});

describe('hangar budgets', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let budgets: Budgets;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    budgets = await createBudgets({
      db: opened.database.db,
      secretBox: new SecretBox('secret'),
      limiter: createMemoryBudgetLimiter(),
      pricer: fixedPricer({ perRequestMicroUsd: 1 }),
    });
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY, budgets: budgets.admin });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    await control.projects.create({ name: 'team' });
    await control.keys.create({ project: 'team', name: 'app' });
  });
  after(async () => {
    await app?.close();
    await budgets?.close();
    await control?.close();
    await opened?.destroy();
  });

  const hangar = (...argv: string[]) => runCliCaptured(argv, url, { HANGAR_ADMIN_KEY: ADMIN_KEY });

  it('sets, changes in place, lists, shows events of and removes budgets', async () => {
    const set = await hangar('budgets', 'set', '--project', 'team', '--limit-usd', '25', '--thresholds', '50,90');
    assert.equal(set.code, 0, set.stderr);
    const id = /Set budget (bdg_\w+) on project team/.exec(set.stdout)?.[1];
    assert.ok(id !== undefined, set.stdout);
    const keyBudget = await hangar('budgets', 'set', '--project', 'team', '--key', 'app', '--limit-usd', '2.5');
    assert.match(keyBudget.stdout, /Set budget bdg_\w+ on key app of project team/);

    const changed = await hangar('budgets', 'set', '--project', 'team', '--limit-usd', '30', '--hard-limit', 'false');
    assert.equal(changed.stdout, `Changed budget ${id} on project team.\n`);

    const listed = await hangar('budgets', 'list', '--project', 'team');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(
      listed.stdout,
      new RegExp(`${id}\\s+project\\s+\\$30\\.00\\s+\\$0\\.00\\s+0 %\\s+alerts only\\s+50 %, 90 %`),
    );
    assert.match(listed.stdout, /key app\s+\$2\.50/);

    const events = await hangar('budgets', 'events', '--project', 'team', id);
    assert.equal(events.code, 0, events.stderr);
    assert.match(events.stdout, /^MONTH\s+THRESHOLD/);

    assert.equal(
      (await hangar('budgets', 'remove', '--project', 'team', id)).stdout,
      `Removed budget ${id} of project team.\n`,
    );
    const missing = await hangar('budgets', 'set', '--project', 'team', '--hard-limit', 'true');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--limit-usd is required/);
  });
});
