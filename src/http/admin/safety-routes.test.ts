import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { createSafetyService, type Analyzer, type SafetyService } from '../../safety/index.js';
import { SecretBox } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { registerAdminRoutes } from './index.js';

const ADMIN_KEY = 'safety-routes-admin-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

const quietAnalyzer = (): Analyzer => ({
  kind: 'builtin',
  grade: () => Promise.resolve({ hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' }),
  shield: (input) => Promise.resolve({ jailbreak: false, indirectAttacks: input.documents.map(() => false) }),
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Who may manage content filters, and how deployments' content_filter is checked, through the real admin routes. */
describe('content-filter admin routes', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let safety: SafetyService;
  let app: FastifyInstance;
  const keys = new Map<string, string>();

  async function call(credential: string, method: string, url: string, body?: object): Promise<Answer> {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${credential}` },
      ...(body === undefined ? {} : { payload: body }),
    });
    return { status: response.statusCode, body: response.json() };
  }
  const as = (who: string, method: string, url: string, body?: object) =>
    call(who === 'operator' ? ADMIN_KEY : (keys.get(who) ?? ''), method, url, body);

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    safety = await createSafetyService({
      db: opened.database.db,
      secretBox: new SecretBox('secret'),
      analyzerFor: quietAnalyzer,
    });
    await control.connections.create({ name: 'vendor', provider: 'openai', api_key: 'sk-test' });
    for (const project of ['alpha', 'beta']) await control.projects.create({ name: project });
    for (const role of ['reader', 'contributor'] as const) {
      const created = await control.keys.create({ project: 'alpha', name: role, scope: 'admin', role });
      keys.set(role, created.key);
    }
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY, safety });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await safety?.close();
    await control?.close();
    await opened?.destroy();
  });

  it('lets a Reader read and a Contributor change the project’s filters; the platform’s only a platform admin', async () => {
    const policy = { prompt: { violence: 'low' } };
    assert.equal((await as('reader', 'GET', '/admin/content-filters')).status, 200);
    assert.equal((await as('reader', 'GET', '/admin/content-filters/default')).status, 200);
    assert.equal((await as('reader', 'GET', '/admin/projects/alpha/content-filters')).status, 200);
    assert.equal((await as('reader', 'GET', '/admin/projects/alpha/blocklists')).status, 200);
    assert.equal((await as('reader', 'GET', '/admin/projects/alpha/content-filters/events')).status, 200);

    const readerPut = await as('reader', 'PUT', '/admin/projects/alpha/content-filters/mine', policy);
    assert.equal(readerPut.status, 403, JSON.stringify(readerPut.body));
    assert.match(JSON.stringify(readerPut.body), /Contributor/);
    const readerList = await as('reader', 'PUT', '/admin/projects/alpha/blocklists/words', { items: [] });
    assert.equal(readerList.status, 403);

    const put = await as('contributor', 'PUT', '/admin/projects/alpha/content-filters/mine', policy);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.scope, 'project');
    assert.equal(safety.policyFor(await projectId('alpha'), 'mine').policy.prompt.thresholds.violence, 'low');
    const list = await as('contributor', 'PUT', '/admin/projects/alpha/blocklists/words', {
      description: 'Words',
      items: [{ pattern: 'contoso' }, { pattern: 'c[o0]ntoso', regex: true }],
    });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.items, [
      { pattern: 'contoso', regex: false },
      { pattern: 'c[o0]ntoso', regex: true },
    ]);

    const platformPut = await as('contributor', 'PUT', '/admin/content-filters/strict', policy);
    assert.equal(platformPut.status, 403);
    assert.equal((await as('contributor', 'DELETE', '/admin/content-filters/default')).status, 403);
    assert.equal((await as('operator', 'PUT', '/admin/content-filters/strict', policy)).status, 200);

    // Another project's filters are out of reach: not even their existence shows.
    assert.equal((await as('contributor', 'GET', '/admin/projects/beta/content-filters')).status, 404);
    assert.equal((await as('contributor', 'PUT', '/admin/projects/beta/blocklists/x', { items: [] })).status, 404);
  });

  it('checks a deployment’s content_filter against the policies of its project and the platform', async () => {
    const deployment = { name: 'chat', model: 'gpt-4o', backends: [{ connection: 'vendor', model: 'gpt-4o' }] };
    const refused = await as('operator', 'POST', '/admin/projects/alpha/deployments', {
      ...deployment,
      content_filter: 'missing',
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {
      error: {
        message:
          "content_filter 'missing' is not a content-filter policy of project 'alpha' or of the platform; known: " +
          'default, mine, strict.',
        type: 'invalid_request_error',
        param: 'content_filter',
        code: 'invalid_request',
      },
    });
    const created = await as('operator', 'POST', '/admin/projects/alpha/deployments', {
      ...deployment,
      content_filter: 'mine',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(control.registry.resolveDeployment(await projectId('alpha'), 'chat')?.contentFilter, 'mine');

    const patched = await as('contributor', 'PATCH', '/admin/projects/alpha/deployments/chat', {
      content_filter: 'nope',
    });
    assert.equal(patched.status, 400);
    assert.equal((patched.body.error as { param: string }).param, 'content_filter');
    // beta cannot name alpha's own policy, but may name the platform's.
    const beta = await as('operator', 'POST', '/admin/projects/beta/deployments', {
      ...deployment,
      content_filter: 'mine',
    });
    assert.equal(beta.status, 400);
    const betaPlatform = await as('operator', 'POST', '/admin/projects/beta/deployments', {
      ...deployment,
      content_filter: 'strict',
    });
    assert.equal(betaPlatform.status, 201);

    const inUse = await as('contributor', 'DELETE', '/admin/projects/alpha/content-filters/mine');
    assert.equal(inUse.status, 400);
    assert.match(String((inUse.body.error as { message: string }).message), /alpha\/chat/);
    const cleared = await as('contributor', 'PATCH', '/admin/projects/alpha/deployments/chat', {
      content_filter: null,
    });
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    const removed = await as('contributor', 'DELETE', '/admin/projects/alpha/content-filters/mine');
    assert.deepEqual(removed, {
      status: 200,
      body: { object: 'content_filter_policy', project: 'alpha', name: 'mine', deleted: true },
    });
  });

  it('answers mistakes with the admin error envelope', async () => {
    const reserved = await as('contributor', 'PUT', '/admin/projects/alpha/content-filters/events', {});
    assert.equal(reserved.status, 400, 'events is the listing of filtered requests, not a policy name');
    assert.match(String((reserved.body.error as { message: string }).message), /reserved/);
    const limit = await as('reader', 'GET', '/admin/projects/alpha/content-filters/events?limit=0');
    assert.equal(limit.status, 400);
    assert.equal((limit.body.error as { param: string }).param, 'limit');
    const before = await as('reader', 'GET', '/admin/projects/alpha/content-filters/events?before=yesterday');
    assert.equal((before.body.error as { param: string }).param, 'before');
    const unknown = await as('reader', 'GET', '/admin/projects/alpha/blocklists/none');
    assert.equal(unknown.status, 404);
    const badItem = await as('contributor', 'PUT', '/admin/projects/alpha/blocklists/words', {
      items: [{ pattern: 'x', kind: 'term' }],
    });
    assert.equal(badItem.status, 400);
    assert.equal((badItem.body.error as { param: string }).param, 'items[0]');
  });

  async function projectId(name: string): Promise<string> {
    const project = (await control.projects.list()).find((candidate) => candidate.name === name);
    assert.ok(project !== undefined);
    return project.id;
  }
});
