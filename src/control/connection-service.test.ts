import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../spec/index.js';
import { SecretBox } from '../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';
import { createControlPlane, type ControlPlane } from './index.js';

const SECRET = 'update-test-secret-key';

function gatewayError(code: string, pattern: RegExp, param?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    assert.equal(error.param, param);
    return true;
  };
}

for (const database of DATABASES) {
  describe(`connections.update on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let control: ControlPlane;
    let projectId: string;
    before(async () => {
      opened = await database.open();
      control = await createControlPlane({ database: opened.database, secretKey: SECRET });
      await control.connections.create({
        name: 'vendor',
        provider: 'openai',
        base_url: 'http://127.0.0.1:9/v1',
        api_key: 'old-vendor-credential',
        headers: { 'x-team': 'team-token-value' },
      });
      projectId = (await control.projects.create({ name: 'demo' })).id;
      await control.deployments.create({
        project: 'demo',
        name: 'chat',
        model: 'gpt-4o',
        backends: [{ connection: 'vendor', model: 'gpt-4o' }],
      });
    });
    after(async () => {
      await control?.close();
      await opened?.destroy();
    });

    const backendConnection = () => control.registry.resolveDeployment(projectId, 'chat')?.backends[0]?.connection;
    const storedRow = () =>
      opened.database.db.selectFrom('connections').selectAll().where('name', '=', 'vendor').executeTakeFirstOrThrow();

    it('rotates the API key: the next resolution carries the new key, stored encrypted', async () => {
      assert.equal(backendConnection()?.apiKey, 'old-vendor-credential');
      const before = await storedRow();

      const view = await control.connections.update('vendor', { api_key: 'new-vendor-credential', timeout_ms: 5_000 });
      assert.equal(view.has_api_key, true);
      assert.equal(view.timeout_ms, 5_000);
      assert.equal(view.id, before.id, 'the id stays, so deployments keep referring to it');
      assert.ok(!JSON.stringify(view).includes('new-vendor-credential'));

      assert.deepEqual(backendConnection(), {
        name: 'vendor',
        provider: 'openai',
        baseUrl: 'http://127.0.0.1:9/v1',
        apiKey: 'new-vendor-credential',
        headers: { 'x-team': 'team-token-value' },
        timeoutMs: 5_000,
      });

      const row = await storedRow();
      assert.ok(row.api_key_encrypted !== null && row.api_key_encrypted !== before.api_key_encrypted);
      assert.ok(!row.api_key_encrypted.includes('new-vendor-credential'));
      assert.equal(new SecretBox(SECRET).decrypt(row.api_key_encrypted), 'new-vendor-credential');
      assert.equal(row.created_at, before.created_at);
    });

    it('keeps the fields it is not given and clears those set to null or empty', async () => {
      const view = await control.connections.update('vendor', {
        provider: 'openai-compatible',
        api_key: null,
        base_url: 'http://127.0.0.1:8/v1',
        api_version: '',
      });
      assert.equal(view.has_api_key, false);
      assert.deepEqual(view.header_names, ['x-team']);
      assert.equal(view.timeout_ms, 5_000);
      assert.equal((await storedRow()).api_key_encrypted, null);
      assert.deepEqual(backendConnection(), {
        name: 'vendor',
        provider: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:8/v1',
        headers: { 'x-team': 'team-token-value' },
        timeoutMs: 5_000,
      });

      await control.connections.update('vendor', { headers: {}, timeout_ms: null, base_url: null });
      assert.deepEqual(backendConnection(), { name: 'vendor', provider: 'openai-compatible', baseUrl: '' });

      const unchanged = await control.connections.update('vendor', {});
      assert.equal(unchanged.provider, 'openai-compatible');
    });

    it('validates like create, naming the field, and changes nothing then', async () => {
      await control.connections.update('vendor', { provider: 'openai', api_key: 'kept-credential' });
      await assert.rejects(
        control.connections.update('vendor', { provider: 'nope' as 'openai' }),
        gatewayError('invalid_request', /^provider 'nope' must be one of openai, azure-openai/, 'provider'),
      );
      await assert.rejects(
        control.connections.update('vendor', { base_url: 'ftp://x' }),
        gatewayError('invalid_request', /^base_url 'ftp:\/\/x' must be an http\(s\) URL/, 'base_url'),
      );
      await assert.rejects(
        control.connections.update('vendor', { api_key: 'k'.repeat(4097) }),
        gatewayError('invalid_request', /^api_key must be at most 4096 characters long/, 'api_key'),
      );
      await assert.rejects(
        control.connections.update('vendor', { timeout_ms: 0 }),
        gatewayError('invalid_request', /^timeout_ms 0 must be at least/, 'timeout_ms'),
      );
      await assert.rejects(
        control.connections.update('vendor', { name: 'renamed' } as object),
        gatewayError('invalid_request', /unknown key 'name'/),
      );
      assert.equal(backendConnection()?.apiKey, 'kept-credential');
      assert.equal(backendConnection()?.provider, 'openai');
    });

    it('answers not_found for an unknown connection', async () => {
      await assert.rejects(
        control.connections.update('ghost', { api_key: 'whatever' }),
        gatewayError('not_found', /Connection 'ghost' does not exist/, 'name'),
      );
    });

    it('is what a new control plane loads (it lives in the database)', async () => {
      const fresh = await createControlPlane({ database: opened.database, secretKey: SECRET });
      assert.equal(
        fresh.registry.resolveDeployment(projectId, 'chat')?.backends[0]?.connection.apiKey,
        'kept-credential',
      );
      await fresh.close();
    });
  });
}
