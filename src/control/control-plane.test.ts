import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../spec/index.js';
import { SecretBox } from '../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';
import { createControlPlane, type ControlPlane } from './index.js';

const SECRET = 'test-secret-key';

function gatewayError(code: string, pattern: RegExp, param?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    if (param !== undefined) assert.equal(error.param, param);
    return true;
  };
}

for (const database of DATABASES) {
  describe(`control plane on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let control: ControlPlane;
    before(async () => {
      opened = await database.open();
      control = await createControlPlane({ database: opened.database, secretKey: SECRET });
    });
    after(async () => {
      await control?.close();
      await opened?.destroy();
    });

    it('creates connections with the API key encrypted at rest and hidden from views', async () => {
      const view = await control.connections.create({
        name: 'xai',
        provider: 'xai',
        api_key: 'xai-plaintext-credential',
        headers: { 'x-extra': 'secret-header-value' },
        timeout_ms: 30_000,
      });
      assert.equal(view.has_api_key, true);
      assert.deepEqual(view.header_names, ['x-extra']);
      assert.equal(view.base_url, null);
      assert.match(view.id, /^con_/);
      const shown = JSON.stringify(await control.connections.list());
      assert.ok(!shown.includes('xai-plaintext-credential') && !shown.includes('secret-header-value'));

      const row = await opened.database.db
        .selectFrom('connections')
        .selectAll()
        .where('name', '=', 'xai')
        .executeTakeFirstOrThrow();
      assert.ok(row.api_key_encrypted !== null && !row.api_key_encrypted.includes('xai-plaintext-credential'));
      assert.equal(new SecretBox(SECRET).decrypt(row.api_key_encrypted), 'xai-plaintext-credential');

      await control.connections.create({ name: 'local', provider: 'ollama', base_url: 'http://127.0.0.1:11434/v1' });
      assert.deepEqual(
        (await control.connections.list()).map((connection) => [connection.name, connection.has_api_key]),
        [
          ['local', false],
          ['xai', true],
        ],
      );
    });

    it('rejects bad and duplicate connections, naming the field', async () => {
      await assert.rejects(
        control.connections.create({ name: 'xai', provider: 'xai' }),
        gatewayError('invalid_request', /Connection 'xai' already exists/, 'name'),
      );
      await assert.rejects(
        control.connections.create({ name: 'other', provider: 'nope' as 'openai' }),
        gatewayError('invalid_request', /^provider 'nope' must be one of openai, azure-openai/, 'provider'),
      );
      await assert.rejects(
        control.connections.create({ name: 'bad url', provider: 'openai' }),
        gatewayError('invalid_request', /^name 'bad url' must be 1-64 letters/, 'name'),
      );
      await assert.rejects(
        control.connections.create({ name: 'other', provider: 'openai', base_url: 'ftp://x' }),
        gatewayError('invalid_request', /^base_url 'ftp:\/\/x' must be an http\(s\) URL/, 'base_url'),
      );
    });

    it('creates, lists and removes projects', async () => {
      const project = await control.projects.create({ name: 'demo' });
      assert.match(project.id, /^prj_/);
      // Every project starts with two keys, shown once, that rotate one at a time (Azure's key1 / key2).
      assert.deepEqual(Object.keys(project.keys), ['key1', 'key2']);
      assert.equal(control.registry.authenticate(project.keys.key1 ?? '')?.keyName, 'key1');
      assert.equal(control.registry.authenticate(project.keys.key2 ?? '')?.keyName, 'key2');
      await control.projects.create({ name: 'scratch' });
      await assert.rejects(
        control.projects.create({ name: 'demo' }),
        gatewayError('invalid_request', /already exists/),
      );
      assert.deepEqual(
        (await control.projects.list()).map((item) => item.name),
        ['demo', 'scratch'],
      );
      await control.projects.remove('scratch');
      await assert.rejects(control.projects.remove('scratch'), gatewayError('not_found', /does not exist/));
      assert.deepEqual(
        (await control.projects.list()).map((item) => item.name),
        ['demo'],
      );
    });

    it('generates keys, stores only their hash and authenticates from memory', async () => {
      const { key, view } = await control.keys.create({ project: 'demo', name: 'ci' });
      assert.match(key, /^hgr_[\w-]{43}$/);
      assert.equal(view.prefix, key.slice(0, 8));
      assert.equal(view.status, 'active');

      const rows = await opened.database.db.selectFrom('api_keys').selectAll().where('name', '=', 'ci').execute();
      assert.equal(rows.length, 1);
      assert.ok(!JSON.stringify(rows).includes(key), 'the plaintext key is in no column');
      assert.equal(rows[0]?.key_hash, createHash('sha256').update(key).digest('hex'));

      const caller = control.registry.authenticate(key);
      assert.equal(caller?.projectName, 'demo');
      assert.equal(caller?.keyName, 'ci');
      assert.equal(caller?.keyId, view.id);
      assert.equal(control.registry.authenticate(`${key}x`), undefined);
      assert.equal(control.registry.authenticate(''), undefined);
    });

    it('accepts an operator-chosen key and refuses weak or duplicate ones', async () => {
      const { key } = await control.keys.create({ project: 'demo', name: 'chosen', value: 'chosen-key-0123456789' });
      assert.equal(key, 'chosen-key-0123456789');
      assert.equal(control.registry.authenticate('chosen-key-0123456789')?.keyName, 'chosen');
      await assert.rejects(
        control.keys.create({ project: 'demo', name: 'short', value: 'short' }),
        gatewayError('invalid_request', /^value must be at least 16 characters long/, 'value'),
      );
      await assert.rejects(
        control.keys.create({ project: 'demo', name: 'copy', value: 'chosen-key-0123456789' }),
        gatewayError('invalid_request', /already in use/, 'value'),
      );
      await assert.rejects(
        control.keys.create({ project: 'demo', name: 'ci' }),
        gatewayError('invalid_request', /Key 'ci' already exists/),
      );
      await assert.rejects(
        control.keys.create({ project: 'missing', name: 'ci' }),
        gatewayError('not_found', /Project 'missing' does not exist/, 'project'),
      );
    });

    it('revokes keys so they stop authenticating at once', async () => {
      const { key } = await control.keys.create({ project: 'demo', name: 'temporary' });
      assert.ok(control.registry.authenticate(key));
      const revoked = await control.keys.revoke('demo', 'temporary');
      assert.equal(revoked.status, 'revoked');
      assert.ok(revoked.revoked_at !== null);
      assert.equal(control.registry.authenticate(key), undefined);
      assert.deepEqual(await control.keys.revoke('demo', 'temporary'), revoked, 'revoking twice is harmless');
      const listed = await control.keys.list('demo');
      assert.deepEqual(
        listed.map((item) => [item.name, item.status]),
        [
          ['chosen', 'active'],
          ['ci', 'active'],
          ['key1', 'active'],
          ['key2', 'active'],
          ['temporary', 'revoked'],
        ],
      );
      await assert.rejects(control.keys.revoke('demo', 'nope'), gatewayError('not_found', /Key 'nope'/));
    });

    it('regenerates a key: the old secret fails from the next request, the other key keeps working', async () => {
      const key2Before = (await control.keys.regenerate('demo', 'key2')).key;
      const { key: key1Old } = await control.keys.regenerate('demo', 'key1');
      assert.equal(control.registry.authenticate(key1Old)?.keyName, 'key1');
      const { key: key1New, view } = await control.keys.regenerate('demo', 'key1');
      assert.notEqual(key1New, key1Old);
      assert.equal(view.prefix, key1New.slice(0, 8));
      assert.equal(control.registry.authenticate(key1Old), undefined, 'the rotated secret is refused');
      assert.equal(control.registry.authenticate(key1New)?.keyName, 'key1');
      assert.equal(control.registry.authenticate(key2Before)?.keyName, 'key2', 'key2 is untouched');
      await assert.rejects(control.keys.regenerate('demo', 'nope'), gatewayError('not_found', /Key 'nope'/));
    });

    it('writes last-used times in a batch, not per request, and flushes them when closed', async () => {
      const { key, view } = await control.keys.create({ project: 'demo', name: 'used-once' });
      const other = await createControlPlane({ database: opened.database, secretKey: SECRET });
      const caller = other.registry.authenticate(key);
      assert.ok(caller);
      other.registry.markUsed(caller.keyId);
      const stored = () =>
        opened.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', view.id).executeTakeFirst();
      assert.equal((await stored())?.last_used_at, null, 'nothing is written on use');
      const closedAt = Date.now();
      await other.close();
      const lastUsed = Number((await stored())?.last_used_at);
      assert.ok(lastUsed > 0 && lastUsed <= closedAt, `last_used_at ${lastUsed}`);
    });

    it('keeps an expiry and a deployment scope with a key, and checks them when created', async () => {
      const expires = new Date(Date.now() + 3_600_000).toISOString();
      await assert.rejects(
        control.keys.create({ project: 'demo', name: 'scoped', deployments: ['nope'] }),
        gatewayError('invalid_request', /'nope', which project 'demo' does not have/, 'deployments'),
      );
      await assert.rejects(
        control.keys.create({ project: 'demo', name: 'old', expires_at: '2001-01-01T00:00:00Z' }),
        gatewayError('invalid_request', /^expires_at .*must be in the future/, 'expires_at'),
      );
      const { key, view } = await control.keys.create({ project: 'demo', name: 'expiring', expires_at: expires });
      assert.equal(view.expires_at, new Date(Date.parse(expires)).toISOString());
      assert.equal(view.deployments, null);
      assert.equal(control.registry.authenticate(key)?.expiresAt, Date.parse(expires));
    });

    it('creates deployments that resolve ignoring case, with decrypted connections', async () => {
      const projectId = (await control.projects.list())[0]!.id;
      const view = await control.deployments.create({
        project: 'demo',
        name: 'Grok-3',
        model: 'grok-3',
        backends: [
          { connection: 'xai', model: 'grok-3' },
          { connection: 'local', model: 'llama3:8b' },
        ],
      });
      assert.deepEqual(view.backends, [
        { connection: 'xai', model: 'grok-3', priority: 0, weight: 1 },
        { connection: 'local', model: 'llama3:8b', priority: 1, weight: 1 },
      ]);
      assert.deepEqual(
        [view.type, view.content_filter, view.version_upgrade, view.model_retires_at],
        ['global-standard', null, 'on-new-default', null],
        "Azure's defaults; no catalog given, so no retirement date",
      );

      const resolved = control.registry.resolveDeployment(projectId, 'grok-3');
      assert.equal(resolved?.name, 'Grok-3');
      assert.equal(control.registry.resolveDeployment(projectId, 'GROK-3')?.id, view.id);
      assert.deepEqual(resolved?.backends[0], {
        model: 'grok-3',
        priority: 0,
        weight: 1,
        connection: {
          name: 'xai',
          provider: 'xai',
          baseUrl: '',
          apiKey: 'xai-plaintext-credential',
          headers: { 'x-extra': 'secret-header-value' },
          timeoutMs: 30_000,
        },
      });
      assert.deepEqual(resolved?.backends[1]?.connection, {
        name: 'local',
        provider: 'ollama',
        baseUrl: 'http://127.0.0.1:11434/v1',
      });
      assert.deepEqual(
        control.registry.listDeployments(projectId).map((deployment) => deployment.name),
        ['Grok-3'],
      );
      assert.deepEqual(control.registry.listDeployments('prj_unknown'), []);
    });

    it('refuses duplicate deployments and unknown connections', async () => {
      await assert.rejects(
        control.deployments.create({
          project: 'demo',
          name: 'GROK-3',
          model: 'grok-3',
          backends: [{ connection: 'xai', model: 'g' }],
        }),
        gatewayError(
          'invalid_request',
          /already exists in project 'demo' as 'Grok-3' \(deployment names ignore case\)/,
        ),
      );
      await assert.rejects(
        control.deployments.create({
          project: 'demo',
          name: 'other',
          model: 'm',
          backends: [{ connection: 'nope', model: 'm' }],
        }),
        gatewayError(
          'invalid_request',
          /backends\[0\]\.connection 'nope' names no connection/,
          'backends[0].connection',
        ),
      );
      await assert.rejects(
        control.deployments.create({ project: 'demo', name: 'other', model: 'm', backends: [] }),
        gatewayError('invalid_request', /^backends must have at least 1 item/, 'backends'),
      );
      await assert.rejects(
        control.connections.remove('xai'),
        gatewayError('invalid_request', /used by deployment\(s\) demo\/Grok-3/),
      );
    });

    it('lets deployments carve TPM from the project quota granted for their model, and no more', async () => {
      await control.projects.create({ name: 'quota' });
      const deploy = (name: string, tpm?: number) =>
        control.deployments.create({
          project: 'quota',
          name,
          model: 'gpt-4o',
          backends: [{ connection: 'xai', model: 'gpt-4o' }],
          ...(tpm === undefined ? {} : { tpm }),
        });
      await deploy('before-any-grant'); // no grant for the model: nothing to check
      await control.deployments.remove('quota', 'before-any-grant');

      const grant = await control.quotas.set('quota', 'gpt-4o', { tpm: 50_000 });
      assert.deepEqual([grant.tpm, grant.allocated_tpm], [50_000, 0]);
      await deploy('east', 30_000);
      await assert.rejects(
        deploy('west', 30_000),
        gatewayError('invalid_request', /has 20000 left of its 50000 TPM quota \(30000 held/, 'tpm'),
      );
      await assert.rejects(deploy('unsized'), gatewayError('invalid_request', /must state its tpm/, 'tpm'));
      await deploy('west', 20_000);
      assert.deepEqual(
        (await control.quotas.list('quota')).map((item) => [item.model, item.tpm, item.allocated_tpm]),
        [['gpt-4o', 50_000, 50_000]],
      );
      await assert.rejects(
        control.quotas.set('quota', 'gpt-4o', { tpm: 40_000 }),
        gatewayError('invalid_request', /holding 50000 TPM; a grant of 40000 would not cover them/, 'tpm'),
      );
      await assert.rejects(
        control.quotas.set('quota', 'gpt-4o', { tpm: 0 }),
        gatewayError('invalid_request', /^tpm/, 'tpm'),
      );
      await control.quotas.remove('quota', 'gpt-4o');
      await assert.rejects(control.quotas.remove('quota', 'gpt-4o'), gatewayError('not_found', /no quota for gpt-4o/));
      await control.projects.remove('quota');
    });

    it('loads the same state into a new control plane (it lives in the database)', async () => {
      const fresh = await createControlPlane({ database: opened.database, secretKey: SECRET });
      const projectId = (await fresh.projects.list())[0]!.id;
      assert.equal(
        fresh.registry.resolveDeployment(projectId, 'grok-3')?.backends[0]?.connection.apiKey,
        'xai-plaintext-credential',
      );
      assert.equal(fresh.registry.authenticate('chosen-key-0123456789')?.projectName, 'demo');
      await fresh.close();
      await assert.rejects(
        createControlPlane({ database: opened.database, secretKey: 'another-secret' }),
        /Connection 'xai'.*HANGAR_SECRET_KEY/s,
      );
    });

    it('removes deployments ignoring case, then connections and projects', async () => {
      const projectId = (await control.projects.list())[0]!.id;
      await control.deployments.remove('demo', 'grok-3');
      assert.equal(control.registry.resolveDeployment(projectId, 'Grok-3'), undefined);
      assert.deepEqual(await control.deployments.list('demo'), []);
      await assert.rejects(control.deployments.remove('demo', 'grok-3'), gatewayError('not_found', /does not exist/));
      await control.connections.remove('local');
      await assert.rejects(control.connections.remove('local'), gatewayError('not_found', /Connection 'local'/));

      const { key } = await control.keys.create({ project: 'demo', name: 'last' });
      await control.projects.remove('demo');
      assert.equal(control.registry.authenticate(key), undefined, 'keys go with their project');
      assert.deepEqual(await opened.database.db.selectFrom('api_keys').selectAll().execute(), []);
    });
  });
}
