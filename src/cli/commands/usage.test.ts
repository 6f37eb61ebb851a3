import assert from 'node:assert/strict';
import { runCliCaptured } from '../testing/run-cli-captured.js';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { registerAdminRoutes } from '../../http/admin/index.js';
import { createLedger, createUsageReports } from '../../metering/index.js';
import { makeUsageEvent, TEST_PRICER } from '../../metering/ledger/testing/make-usage-event.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';

const ADMIN_KEY = 'cli-usage-admin-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

describe('hangar usage', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    const project = await control.projects.create({ name: 'shop' });
    const ledger = createLedger({
      db: opened.database.db,
      pricer: TEST_PRICER,
      onError: (message) => assert.fail(message),
    });
    for (const day of ['2026-11-01', '2026-11-01', '2026-11-03']) {
      ledger.record(makeUsageEvent({ projectId: project.id, at: Date.parse(`${day}T09:00:00Z`) }));
    }
    ledger.record(makeUsageEvent({ projectId: 'prj_other', at: Date.parse('2026-11-03T09:00:00Z') }));
    await ledger.close();
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY, usage: createUsageReports(opened.database.db) });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await control?.close();
    await opened?.destroy();
  });

  const hangar = (...argv: string[]) => runCliCaptured(argv, url, { HANGAR_ADMIN_KEY: ADMIN_KEY });

  it("prints a project's usage by day with a total row", async () => {
    const result = await hangar('usage', '--project', 'shop', '--from', '2026-11-01', '--to', '2026-11-30');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'Usage of project shop, 2026-11-01 to 2026-11-30, by day\n' +
        'DAY         REQUESTS  INPUT  OUTPUT  TOTAL TOKENS  COST USD  ESTIMATED\n' +
        '2026-11-01  2         24     6       30            0.000108  0\n' +
        '2026-11-03  1         12     3       15            0.000054  0\n' +
        'total       3         36     9       45            0.000162  0\n',
    );
  });

  it('prints every project grouped as asked, as CSV, or as the JSON answer', async () => {
    const byProject = await hangar('usage', '--group-by', 'project', '--from', '2026-11-01', '--to', '2026-11-30');
    assert.match(byProject.stdout, /^shop\s+3\s/m);
    assert.match(byProject.stdout, /^prj_other\s+1\s/m, 'a project unknown by name shows by its id');
    const csv = await hangar('usage', '--group-by', 'model', '--csv', '--from', '2026-11-01', '--to', '2026-11-30');
    assert.equal(csv.code, 0, csv.stderr);
    assert.deepEqual(csv.stdout.split('\r\n').slice(0, 2), [
      'model,requests,input_tokens,cached_input_tokens,cache_write_input_tokens,output_tokens,reasoning_tokens,' +
        'total_tokens,cost_micro_usd,cost_usd,estimated_requests,client_abort_requests,upstream_error_requests,' +
        'filtered_requests',
      'gpt-4o,4,48,0,0,12,0,60,216,0.000216,0,0,0,0',
    ]);
    const json = await hangar('usage', '--json', '--from', '2026-11-03', '--to', '2026-11-03');
    assert.equal(JSON.parse(json.stdout).totals.requests, 2);
  });

  it('refuses a wrong grouping, --csv with --json, and passes on the server’s refusals', async () => {
    assert.equal((await hangar('usage', '--group-by', 'hour')).code, 2);
    assert.equal((await hangar('usage', '--csv', '--json')).code, 2);
    const badDate = await hangar('usage', '--from', '2026-11-31');
    assert.deepEqual(
      [badDate.code, badDate.stderr],
      [1, "hangar: from must be a date as YYYY-MM-DD (for example 2026-11-01), not '2026-11-31'.\n"],
    );
  });
});
