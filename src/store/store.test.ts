import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  ApiKeyRepository,
  ConnectionRepository,
  DeploymentRepository,
  isForeignKeyViolation,
  isUniqueViolation,
  ProjectRepository,
} from './index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';

for (const database of DATABASES) {
  describe(`store on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    before(async () => {
      opened = await database.open();
    });
    after(async () => {
      await opened?.destroy();
    });

    it('runs the migrations once and again on an existing database', async () => {
      const { db } = opened.database;
      assert.equal(opened.database.dialect, database.name);
      for (const table of ['connections', 'projects', 'api_keys', 'deployments', 'deployment_backends'] as const) {
        const rows = await db.selectFrom(table).selectAll().execute();
        assert.deepEqual(rows, [], `${table} exists and is empty`);
      }
      const again = await opened.reopen();
      await again.close();
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
      assert.deepEqual(
        applied.rows.map((row) => row.name),
        [
          '0001-initial',
          '0002-key-scopes',
          '0003-deployment-quotas',
          '0004-project-quotas',
          '0005-users-and-roles',
          '0006-deployment-types',
          '0007-usage-ledger',
          '0008-prices-and-invoices',
          '0009-budgets',
          '0010-slo-minutes',
          '0011-deployment-routing',
          '0012-content-safety',
        ],
      );
    });

    it('stores and reads projects, with timestamps as numbers', async () => {
      const projects = new ProjectRepository(opened.database.db);
      await projects.insert({ id: 'prj_b', name: 'beta', createdAt: 1_700_000_000_123 });
      await projects.insert({ id: 'prj_a', name: 'alpha', createdAt: 1_700_000_000_456 });
      assert.deepEqual(
        (await projects.list()).map((project) => project.name),
        ['alpha', 'beta'],
      );
      const beta = await projects.findByName('beta');
      assert.deepEqual(beta, { id: 'prj_b', name: 'beta', createdAt: 1_700_000_000_123 });
      assert.equal(typeof beta?.createdAt, 'number');
      await assert.rejects(projects.insert({ id: 'prj_c', name: 'beta', createdAt: 1 }), (error) => {
        assert.ok(isUniqueViolation(error), 'duplicate name is a unique violation');
        return true;
      });
    });

    it('stores connections with optional fields and updates them', async () => {
      const connections = new ConnectionRepository(opened.database.db);
      await connections.insert({
        id: 'con_1',
        name: 'xai',
        provider: 'xai',
        baseUrl: null,
        apiKeyEncrypted: 'v1:cipher',
        apiVersion: null,
        headers: { 'x-extra': 'value' },
        timeoutMs: 30_000,
        capacityTpm: null,
        createdAt: 1_700_000_000_000,
      });
      const stored = await connections.findByName('xai');
      assert.equal(stored?.provider, 'xai');
      assert.equal(stored?.baseUrl, null);
      assert.deepEqual(stored?.headers, { 'x-extra': 'value' });
      assert.equal(stored?.timeoutMs, 30_000);

      await connections.update('con_1', {
        provider: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:9/v1',
        apiKeyEncrypted: null,
        apiVersion: '2024-10-21',
        headers: null,
        timeoutMs: null,
        capacityTpm: 500_000,
      });
      const updated = await connections.findByName('xai');
      assert.equal(updated?.capacityTpm, 500_000);
      assert.equal(updated?.provider, 'openai-compatible');
      assert.equal(updated?.baseUrl, 'http://127.0.0.1:9/v1');
      assert.equal(updated?.headers, null);
      assert.equal(updated?.apiVersion, '2024-10-21');
    });

    it('keeps deployments with ordered backends, found by name ignoring case', async () => {
      const db = opened.database.db;
      const deployments = new DeploymentRepository(db);
      await deployments.insert({
        id: 'dep_1',
        projectId: 'prj_a',
        name: 'Grok-3',
        model: 'grok-3',
        createdAt: 1_700_000_000_000,
        tpm: 20_000,
        rpm: null,
        type: 'provisioned',
        contentFilter: 'strict',
        versionUpgrade: 'none',
        backends: [
          { connectionId: 'con_1', model: 'grok-3', priority: null, weight: 1 },
          { connectionId: 'con_1', model: 'grok-3-fast', priority: 0, weight: 3 },
        ],
      });
      const found = await deployments.findByName('prj_a', 'GROK-3');
      assert.equal(found?.name, 'Grok-3');
      assert.equal(found?.tpm, 20_000);
      assert.equal(found?.rpm, null);
      assert.equal(found?.type, 'provisioned');
      assert.equal(found?.contentFilter, 'strict');
      assert.equal(found?.versionUpgrade, 'none');
      assert.deepEqual(found?.backends, [
        { connectionId: 'con_1', model: 'grok-3', priority: null, weight: 1 },
        { connectionId: 'con_1', model: 'grok-3-fast', priority: 0, weight: 3 },
      ]);
      assert.equal(await deployments.findByName('prj_b', 'grok-3'), undefined, 'scoped to its project');
      await assert.rejects(
        deployments.insert({
          id: 'dep_2',
          projectId: 'prj_a',
          name: 'grok-3',
          model: 'x',
          createdAt: 1,
          tpm: null,
          rpm: null,
          type: 'global-standard',
          contentFilter: null,
          versionUpgrade: 'on-new-default',
          backends: [],
        }),
        (error) => isUniqueViolation(error),
      );

      await deployments.update('dep_1', {
        name: 'grok-3',
        model: 'grok-3',
        tpm: 30_000,
        rpm: 100,
        type: 'standard',
        contentFilter: null,
        versionUpgrade: 'on-expiry',
        backends: [{ connectionId: 'con_1', model: 'grok-3-mini', priority: 2, weight: 7 }],
      });
      const [changed] = await deployments.list('prj_a');
      assert.deepEqual(changed?.backends, [{ connectionId: 'con_1', model: 'grok-3-mini', priority: 2, weight: 7 }]);
      assert.deepEqual(
        [changed?.type, changed?.contentFilter, changed?.versionUpgrade],
        ['standard', null, 'on-expiry'],
      );
      assert.deepEqual(await deployments.listUsingConnection('con_1'), [
        { projectName: 'alpha', deploymentName: 'grok-3' },
      ]);

      const connections = new ConnectionRepository(db);
      await assert.rejects(connections.deleteByName('xai'), (error) => isForeignKeyViolation(error));
    });

    it('keeps key hashes, revokes and restores them', async () => {
      const keys = new ApiKeyRepository(opened.database.db);
      await keys.insert({
        id: 'key_1',
        projectId: 'prj_a',
        name: 'ci',
        keyHash: 'hash-1',
        keyPrefix: 'hgr_abcd',
        expiresAt: null,
        deployments: null,
        lastUsedAt: null,
        scope: 'inference',
        role: null,
        createdAt: 1_700_000_000_000,
        revokedAt: null,
      });
      assert.equal((await keys.findByHash('hash-1'))?.name, 'ci');
      await keys.revoke('key_1', 1_700_000_000_999);
      assert.equal((await keys.findByName('prj_a', 'ci'))?.revokedAt, 1_700_000_000_999);
      assert.deepEqual(await keys.listActive(), []);
      await keys.replaceSecret('key_1', 'hash-2', 'hgr_efgh');
      const active = await keys.listActive();
      assert.deepEqual(
        active.map((key) => [key.keyHash, key.keyPrefix, key.revokedAt]),
        [['hash-2', 'hgr_efgh', null]],
      );
    });

    it('removes a project with its keys and deployments', async () => {
      const db = opened.database.db;
      assert.equal(await new ProjectRepository(db).deleteByName('alpha'), true);
      assert.equal(await new ProjectRepository(db).deleteByName('alpha'), false);
      assert.deepEqual(await db.selectFrom('api_keys').selectAll().execute(), []);
      assert.deepEqual(await db.selectFrom('deployments').selectAll().execute(), []);
      assert.deepEqual(await db.selectFrom('deployment_backends').selectAll().execute(), []);
      assert.equal(await new ConnectionRepository(db).deleteByName('xai'), true, 'no longer in use');
    });
  });
}
