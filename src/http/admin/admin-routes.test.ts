import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { registerAdminRoutes } from './index.js';

const ADMIN_KEY = 'admin-test-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

describe('admin API', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let app: FastifyInstance;

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await control?.close();
    await opened?.destroy();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      ...(body === undefined ? {} : { payload: body }),
    });

  it('refuses requests without the admin key in the OpenAI envelope', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong' },
      { 'api-key': 'wrong' },
      { authorization: ADMIN_KEY },
    ]) {
      const response = await app.inject({ method: 'GET', url: '/admin/projects', headers });
      assert.equal(response.statusCode, 401);
      const body = response.json();
      assert.equal(body.error.code, 'invalid_api_key');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.equal(body.error.param, null);
      assert.match(body.error.message, /admin key/);
    }
  });

  it('accepts the key as Bearer or api-key', async () => {
    const bearer = await app.inject({
      method: 'GET',
      url: '/admin/projects',
      headers: { authorization: `bearer ${ADMIN_KEY}` },
    });
    assert.equal(bearer.statusCode, 200);
    assert.deepEqual(bearer.json(), { object: 'list', data: [] });
    const azure = await app.inject({ method: 'GET', url: '/admin/projects', headers: { 'api-key': ADMIN_KEY } });
    assert.equal(azure.statusCode, 200);
  });

  it('manages connections without ever showing the API key', async () => {
    const created = await call('POST', '/admin/connections', {
      name: 'xai',
      provider: 'xai',
      api_key: 'xai-secret-value',
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().has_api_key, true);
    assert.ok(!created.body.includes('xai-secret-value'));

    const listed = await call('GET', '/admin/connections');
    assert.deepEqual(
      listed.json().data.map((connection: { name: string }) => connection.name),
      ['xai'],
    );
    assert.ok(!listed.body.includes('xai-secret-value'));

    const invalid = await call('POST', '/admin/connections', { name: 'x', provider: 'acme' });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.param, 'provider');
    assert.match(invalid.json().error.message, /provider 'acme' must be one of/);

    const duplicate = await call('POST', '/admin/connections', { name: 'xai', provider: 'xai' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.json().error.message, /already exists/);

    await call('POST', '/admin/connections', { name: 'spare', provider: 'openai' });
    const removed = await call('DELETE', '/admin/connections/spare');
    assert.equal(removed.statusCode, 200);
    assert.deepEqual(removed.json(), { object: 'connection', name: 'spare', deleted: true });
    assert.equal((await call('DELETE', '/admin/connections/spare')).statusCode, 404);
  });

  it('manages projects', async () => {
    const created = await call('POST', '/admin/projects', { name: 'demo' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().name, 'demo');
    await call('POST', '/admin/projects', { name: 'gone' });
    assert.equal((await call('DELETE', '/admin/projects/gone')).statusCode, 200);
    assert.deepEqual(
      (await call('GET', '/admin/projects')).json().data.map((project: { name: string }) => project.name),
      ['demo'],
    );
    const notObject = await app.inject({
      method: 'POST',
      url: '/admin/projects',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      payload: '[1]',
    });
    assert.equal(notObject.statusCode, 400);
    assert.match(notObject.json().error.message, /JSON object/);
  });

  it('creates keys shown once, lists them by prefix and revokes them', async () => {
    const created = await call('POST', '/admin/projects/demo/keys', { name: 'ci' });
    assert.equal(created.statusCode, 201);
    const { key, prefix, name, status } = created.json();
    assert.match(key, /^hgr_/);
    assert.equal(prefix, key.slice(0, 8));
    assert.deepEqual([name, status], ['ci', 'active']);
    assert.equal(control.registry.authenticate(key)?.projectName, 'demo');

    const listed = await call('GET', '/admin/projects/demo/keys');
    assert.ok(!listed.body.includes(key), 'listing never shows the key');
    assert.equal(listed.json().data[0].prefix, prefix);

    const revoked = await call('DELETE', '/admin/projects/demo/keys/ci');
    assert.equal(revoked.statusCode, 200);
    assert.equal(revoked.json().status, 'revoked');
    assert.equal(control.registry.authenticate(key), undefined);

    const unknownProject = await call('GET', '/admin/projects/nope/keys');
    assert.equal(unknownProject.statusCode, 404);
    assert.equal(unknownProject.json().error.code, 'not_found');
    assert.equal(unknownProject.json().error.param, 'project');
  });

  it('manages deployments, matching names ignoring case', async () => {
    const created = await call('POST', '/admin/projects/demo/deployments', {
      name: 'Grok-3',
      model: 'grok-3',
      backends: [{ connection: 'xai', model: 'grok-3' }],
    });
    assert.equal(created.statusCode, 201);
    assert.deepEqual(created.json().backends, [{ connection: 'xai', model: 'grok-3', priority: 0, weight: 1 }]);
    assert.equal(created.json().project, 'demo');
    assert.equal(created.json().type, 'global-standard');

    const patched = await call('PATCH', '/admin/projects/demo/deployments/grok-3', { tpm: 5000, type: 'standard' });
    assert.equal(patched.statusCode, 200);
    assert.deepEqual([patched.json().name, patched.json().tpm, patched.json().type], ['Grok-3', 5000, 'standard']);
    const renamed = await call('PATCH', '/admin/projects/demo/deployments/grok-3', { name: 'other' });
    assert.equal(renamed.statusCode, 400);
    const missing = await call('PATCH', '/admin/projects/demo/deployments/ghost', { tpm: 1 });
    assert.equal(missing.statusCode, 404);

    const duplicate = await call('POST', '/admin/projects/demo/deployments', {
      name: 'grok-3',
      model: 'grok-3',
      backends: [{ connection: 'xai', model: 'grok-3' }],
    });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.json().error.message, /already exists .* as 'Grok-3'/);

    const badBackend = await call('POST', '/admin/projects/demo/deployments', {
      name: 'other',
      model: 'm',
      backends: [{ connection: 'ghost', model: 'm' }],
    });
    assert.equal(badBackend.json().error.param, 'backends[0].connection');

    assert.equal((await call('GET', '/admin/projects/demo/deployments')).json().data.length, 1);
    const inUse = await call('DELETE', '/admin/connections/xai');
    assert.equal(inUse.statusCode, 400);
    assert.match(inUse.json().error.message, /used by deployment/);

    assert.equal((await call('DELETE', '/admin/projects/demo/deployments/GROK-3')).statusCode, 200);
    assert.deepEqual((await call('GET', '/admin/projects/demo/deployments')).json().data, []);
    assert.equal((await call('DELETE', '/admin/projects/demo/deployments/grok-3')).statusCode, 404);
  });

  it('updates a connection in place, so a deployment using it gets the new key at once', async () => {
    await call('POST', '/admin/projects/demo/deployments', {
      name: 'rotated',
      model: 'grok-3',
      backends: [{ connection: 'xai', model: 'grok-3' }],
    });
    const projectId = (await control.projects.list())[0]!.id;
    const apiKey = () => control.registry.resolveDeployment(projectId, 'rotated')?.backends[0]?.connection.apiKey;
    assert.equal(apiKey(), 'xai-secret-value');

    const updated = await call('PATCH', '/admin/connections/xai', { api_key: 'xai-rotated-value', timeout_ms: 9000 });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().name, 'xai');
    assert.equal(updated.json().has_api_key, true);
    assert.equal(updated.json().timeout_ms, 9000);
    assert.ok(!updated.body.includes('xai-rotated-value'), 'the answer never shows the key');
    assert.equal(apiKey(), 'xai-rotated-value');

    const cleared = await call('PATCH', '/admin/connections/xai', { api_key: null });
    assert.equal(cleared.json().has_api_key, false);
    assert.equal(apiKey(), undefined);

    const invalid = await call('PATCH', '/admin/connections/xai', { timeout_ms: 'soon' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json().error, {
      message: "timeout_ms 'soon' must be a number.",
      type: 'invalid_request_error',
      param: 'timeout_ms',
      code: 'invalid_request',
    });
    const secret = await call('PATCH', '/admin/connections/xai', { api_key: 42 });
    assert.equal(secret.json().error.param, 'api_key');
    assert.ok(!secret.body.includes('42'), 'a rejected secret is not quoted back');

    const missing = await call('PATCH', '/admin/connections/ghost', { api_key: 'x' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found');
    assert.equal(missing.json().error.param, 'name');

    const noBody = await call('PATCH', '/admin/connections/xai');
    assert.equal(noBody.statusCode, 400);
    assert.match(noBody.json().error.message, /JSON object/);

    const anonymous = await app.inject({ method: 'PATCH', url: '/admin/connections/xai', payload: { api_key: 'x' } });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(apiKey(), undefined, 'a refused request changes nothing');
    assert.equal((await call('DELETE', '/admin/projects/demo/deployments/rotated')).statusCode, 200);
  });

  it('answers unknown admin routes with a 404 envelope', async () => {
    const response = await call('GET', '/admin/nothing-here');
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'not_found');
  });
});
