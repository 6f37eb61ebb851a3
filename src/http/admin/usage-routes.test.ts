import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { validateJsonValue } from '../../engine/json-schema/index.js';
import { createLedger, createUsageReports } from '../../metering/index.js';
import { makeUsageEvent, TEST_PRICER } from '../../metering/ledger/testing/make-usage-event.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { registerAdminRoutes } from './index.js';
import { buildOpenApiDocument } from './openapi-document.js';

const ADMIN_KEY = 'usage-routes-admin-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;
const TODAY = new Date().toISOString().slice(0, 10);

describe('usage admin routes', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let app: FastifyInstance;
  const document = buildOpenApiDocument('0.0.0') as {
    components: { schemas: JsonObject };
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content: Record<string, { schema: JsonObject }> }> }>
    >;
  };

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    await control.connections.create({ name: 'vendor', provider: 'openai', api_key: 'sk-test' });
    const project = await control.projects.create({ name: 'shop' });
    const deployment = await control.deployments.create({
      project: 'shop',
      name: 'chat',
      model: 'gpt-4o',
      backends: [{ connection: 'vendor', model: 'gpt-4o' }],
    });
    const [key] = await control.keys.list('shop');
    const ledger = createLedger({
      db: opened.database.db,
      pricer: TEST_PRICER,
      onError: (message) => assert.fail(message),
    });
    for (const outcome of ['ok', 'ok', 'upstream_error'] as const) {
      ledger.record(
        makeUsageEvent({
          projectId: project.id,
          deploymentId: deployment.id,
          keyId: key?.id ?? '',
          at: Date.now(),
          outcome,
        }),
      );
    }
    await ledger.close();
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY, usage: createUsageReports(opened.database.db) });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await control?.close();
    await opened?.destroy();
  });

  const get = (url: string, credential: string | undefined = ADMIN_KEY) =>
    app.inject({
      method: 'GET',
      url,
      headers: credential === undefined ? {} : { authorization: `Bearer ${credential}` },
    });

  /** The answer checked against the schema /openapi.json documents for it; unlisted fields fail too. */
  function assertDocumented(operation: string, answer: JsonValue): void {
    const schema = document.paths[operation]?.get?.responses['200']?.content['application/json']?.schema;
    assert.ok(schema !== undefined, `${operation} is documented`);
    const rewrite = (value: JsonValue): JsonValue =>
      JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/')) as JsonValue;
    const problems = validateJsonValue(answer, {
      ...(rewrite(schema) as JsonObject),
      $defs: rewrite(document.components.schemas),
    });
    assert.deepEqual(problems, [], JSON.stringify(answer).slice(0, 400));
  }

  it("answers a project's usage in every grouping, in its documented shape", async () => {
    for (const groupBy of ['day', 'project', 'deployment', 'model', 'key']) {
      const response = await get(`/admin/projects/shop/usage?group_by=${groupBy}`);
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json<{ data: JsonObject[]; totals: JsonObject }>();
      assert.equal(report.data.length, 1, groupBy);
      assert.equal(report.totals.requests, 3);
      assert.equal(report.totals.upstream_error_requests, 1);
      assertDocumented('/admin/projects/{project}/usage', response.json());
    }
    const byDeployment = (await get('/admin/projects/shop/usage?group_by=deployment')).json<{ data: JsonObject[] }>();
    assert.deepEqual([byDeployment.data[0]?.project, byDeployment.data[0]?.deployment], ['shop', 'chat']);
  });

  it('answers CSV with a header row when asked', async () => {
    const response = await get(`/admin/usage?format=csv&group_by=model&from=${TODAY}&to=${TODAY}`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="usage-platform-model-${TODAY}-${TODAY}.csv"`,
    );
    const [header, row, end] = response.body.split('\r\n');
    assert.match(header ?? '', /^model,requests,input_tokens,/);
    assert.match(row ?? '', /^gpt-4o,3,36,/);
    assert.equal(end, '');
  });

  it('answers the platform report and the audit in their documented shapes', async () => {
    const platform = await get('/admin/usage?group_by=project');
    assert.equal(platform.statusCode, 200, platform.body);
    assertDocumented('/admin/usage', platform.json());
    const audit = await get('/admin/usage/reconciliation');
    assert.equal(audit.statusCode, 200, audit.body);
    assertDocumented('/admin/usage/reconciliation', audit.json());
    assert.equal(audit.json<{ totals: { records: number; rollup_requests: number } }>().totals.rollup_requests, 3);
  });

  it('refuses an unknown format, a repeated parameter, an unknown project, and callers without a credential', async () => {
    const refused = async (url: string, status: number, param: string | null, credential?: string) => {
      const response = await get(url, credential);
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.json<{ error: { param: string | null } }>().error.param, param);
    };
    await refused('/admin/usage?format=xml', 400, 'format');
    await refused('/admin/usage?from=2026-11-01&from=2026-11-02', 400, 'from');
    await refused('/admin/usage/reconciliation?from=2026-13-01', 400, 'from');
    await refused('/admin/projects/nope/usage', 404, 'project');
    await refused('/admin/usage', 401, null, 'wrong-key');
  });
});
