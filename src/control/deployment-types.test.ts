import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultCatalogDirectory, loadCatalog } from '../catalog/index.js';
import { GatewayError } from '../spec/index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';
import { createControlPlane, type ControlPlane, type DeploymentInput } from './index.js';

function gatewayError(code: string, pattern: RegExp, param?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    if (param !== undefined) assert.equal(error.param, param);
    return true;
  };
}

const catalog = await loadCatalog(defaultCatalogDirectory());
const retiring = catalog.models.find((model) => model.retires !== null);

for (const database of DATABASES) {
  describe(`deployment types, backends and capacity on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let control: ControlPlane;
    let projectId: string;
    before(async () => {
      opened = await database.open();
      control = await createControlPlane({ database: opened.database, secretKey: 'secret', catalog });
      projectId = (await control.projects.create({ name: 'team' })).id;
      await control.connections.create({ name: 'pool', provider: 'openai', capacity_tpm: 100_000 });
      await control.connections.create({ name: 'open', provider: 'openai' });
      await control.connections.create({ name: 'engine', provider: 'local' });
    });
    after(async () => {
      await control?.close();
      await opened?.destroy();
    });

    const deploy = (name: string, settings: Partial<DeploymentInput>) =>
      control.deployments.create({
        project: 'team',
        name,
        model: 'gpt-4o',
        backends: [{ connection: 'pool', model: 'gpt-4o' }],
        ...settings,
      });
    const resolved = (name: string) => control.registry.resolveDeployment(projectId, name);

    it("stores the connection's capacity and shows it", async () => {
      const [engine, open, pool] = await control.connections.list();
      assert.deepEqual([engine?.capacity_tpm, open?.capacity_tpm, pool?.capacity_tpm], [null, null, 100_000]);
    });

    it('defaults to global-standard and on-new-default, and keeps type, policy and upgrade option', async () => {
      const plain = await deploy('plain', {});
      assert.deepEqual(
        [plain.type, plain.content_filter, plain.version_upgrade],
        ['global-standard', null, 'on-new-default'],
      );
      const set = await deploy('set', { type: 'standard', content_filter: 'strict-v1', version_upgrade: 'none' });
      assert.deepEqual([set.type, set.content_filter, set.version_upgrade], ['standard', 'strict-v1', 'none']);
      const listed = (await control.deployments.list('team')).find((deployment) => deployment.name === 'set');
      assert.deepEqual(listed, set, 'as stored');
      assert.equal(resolved('set')?.type, 'standard');
    });

    it('refuses unknown types and options, and bad priorities, weights and policy names, naming the field', async () => {
      await assert.rejects(
        deploy('bad', { type: 'dedicated' as 'standard' }),
        gatewayError('invalid_request', /^type 'dedicated' must be one of global-standard, standard/, 'type'),
      );
      await assert.rejects(
        deploy('bad', { version_upgrade: 'always' as 'none' }),
        gatewayError('invalid_request', /^version_upgrade 'always' must be one of on-new-default/, 'version_upgrade'),
      );
      await assert.rejects(
        deploy('bad', { backends: [{ connection: 'pool', model: 'gpt-4o', weight: 0 }] }),
        gatewayError('invalid_request', /^backends\[0\]\.weight 0 /, 'backends[0].weight'),
      );
      await assert.rejects(
        deploy('bad', { backends: [{ connection: 'pool', model: 'gpt-4o', weight: 1001 }] }),
        gatewayError('invalid_request', /^backends\[0\]\.weight 1001 /, 'backends[0].weight'),
      );
      await assert.rejects(
        deploy('bad', { backends: [{ connection: 'pool', model: 'gpt-4o', priority: -1 }] }),
        gatewayError('invalid_request', /^backends\[0\]\.priority -1 /, 'backends[0].priority'),
      );
      await assert.rejects(
        deploy('bad', { content_filter: 'no spaces please' }),
        gatewayError('invalid_request', /^content_filter 'no spaces please' must be 1-64 letters/, 'content_filter'),
      );
    });

    it('needs a tpm for a provisioned deployment, and local connections for a managed one', async () => {
      await assert.rejects(
        deploy('reserved', { type: 'provisioned' }),
        gatewayError('invalid_request', /^tpm is required for a provisioned deployment/, 'tpm'),
      );
      await assert.rejects(
        deploy('hosted', {
          type: 'managed',
          backends: [
            { connection: 'engine', model: 'qwen' },
            { connection: 'open', model: 'gpt-4o' },
          ],
        }),
        gatewayError(
          'invalid_request',
          /^backends\[1\]\.connection 'open' has provider 'openai', but a managed deployment .* provider 'local'/,
          'backends[1].connection',
        ),
      );
      const hosted = await deploy('hosted', { type: 'managed', backends: [{ connection: 'engine', model: 'qwen' }] });
      assert.equal(hosted.type, 'managed');
    });

    it('keeps provisioned TPM on a connection within its capacity, saying how much is left', async () => {
      await deploy('reserved-a', { type: 'provisioned', tpm: 60_000 });
      await assert.rejects(
        deploy('reserved-b', { type: 'provisioned', tpm: 50_000 }),
        gatewayError(
          'invalid_request',
          /asks for 50000 TPM on connection 'pool', but only 40000 TPM of its 100000 TPM capacity is left \(60000 reserved/,
          'tpm',
        ),
      );
      await deploy('reserved-b', { type: 'provisioned', tpm: 40_000 });
      await assert.rejects(
        deploy('reserved-c', { type: 'provisioned', tpm: 1 }),
        gatewayError('invalid_request', /only 0 TPM of its 100000 TPM capacity is left/, 'tpm'),
      );
      // Standard deployments reserve nothing, and a connection without a capacity is not counted.
      await deploy('standard-big', { type: 'standard', tpm: 500_000 });
      await deploy('reserved-elsewhere', {
        type: 'provisioned',
        tpm: 900_000,
        backends: [{ connection: 'open', model: 'gpt-4o' }],
      });
    });

    it('counts a provisioned deployment on the connection of its lowest priority backend', async () => {
      await assert.rejects(
        deploy('reserved-by-priority', {
          type: 'provisioned',
          tpm: 1,
          backends: [
            { connection: 'open', model: 'gpt-4o', priority: 1 },
            { connection: 'pool', model: 'gpt-4o', priority: 0 },
          ],
        }),
        gatewayError('invalid_request', /on connection 'pool'/, 'tpm'),
      );
    });

    it('gives the other deployments on the connection its capacity minus the provisioned TPM, as one pool', () => {
      const pool = resolved('plain')?.sharedCapacity;
      assert.ok(pool !== null && pool !== undefined);
      assert.deepEqual(
        { ...pool, key: pool.key.replace(/con_\w+/, 'con_…') },
        { key: 'capacity:con_…', connectionName: 'pool', capacityTpm: 100_000, provisionedTpm: 100_000, tpm: 0 },
      );
      assert.equal(resolved('standard-big')?.sharedCapacity, pool, 'one pool per connection, shared');
      assert.equal(resolved('reserved-a')?.sharedCapacity, null, 'provisioned deployments never draw on it');
      assert.equal(resolved('reserved-elsewhere')?.sharedCapacity, null);
      assert.equal(resolved('hosted')?.sharedCapacity, null, 'a connection without a capacity has no pool');
    });

    it('refuses a connection capacity below what provisioned deployments reserve, and follows a change', async () => {
      await assert.rejects(
        control.connections.update('pool', { capacity_tpm: 90_000 }),
        gatewayError(
          'invalid_request',
          /Connection 'pool' has provisioned deployments reserving 100000 TPM; a capacity_tpm of 90000/,
          'capacity_tpm',
        ),
      );
      await control.connections.update('pool', { capacity_tpm: 150_000 });
      assert.equal(resolved('plain')?.sharedCapacity?.tpm, 50_000, 'the next request sees the new remainder');
      await control.connections.update('pool', { capacity_tpm: null });
      assert.equal(resolved('plain')?.sharedCapacity, null);
      await control.connections.update('pool', { capacity_tpm: 100_000 });
    });

    it('changes a deployment with PATCH semantics, checked as a whole like create', async () => {
      const before = (await control.deployments.list('team')).find((deployment) => deployment.name === 'set');
      const changed = await control.deployments.update('team', 'SET', { tpm: 30_000, rpm: 200 });
      assert.deepEqual(changed, { ...before, tpm: 30_000, rpm: 200 }, 'only what the body names changes');
      assert.deepEqual(resolved('set')?.limits, { tpm: 30_000, rpm: 200 }, 'the registry has it at once');

      await assert.rejects(
        control.deployments.update('team', 'set', { tpm: null }),
        gatewayError('invalid_request', /^rpm 200 rpm needs a tpm/, 'rpm'),
      );
      const cleared = await control.deployments.update('team', 'set', { tpm: null, rpm: null, content_filter: null });
      assert.deepEqual([cleared.tpm, cleared.rpm, cleared.content_filter], [null, null, null]);
      assert.equal(resolved('set')?.limits, null);

      const rerouted = await control.deployments.update('team', 'set', {
        backends: [
          { connection: 'open', model: 'gpt-4o', priority: 0, weight: 3 },
          { connection: 'pool', model: 'gpt-4o-mini', priority: 0 },
        ],
        version_upgrade: 'on-expiry',
      });
      assert.deepEqual(rerouted.backends, [
        { connection: 'open', model: 'gpt-4o', priority: 0, weight: 3 },
        { connection: 'pool', model: 'gpt-4o-mini', priority: 0, weight: 1 },
      ]);
      assert.equal(rerouted.version_upgrade, 'on-expiry');
      assert.equal(rerouted.id, before?.id, 'the id stays');
      assert.deepEqual(
        resolved('set')?.backends.map((backend) => [backend.connection.name, backend.priority, backend.weight]),
        [
          ['open', 0, 3],
          ['pool', 0, 1],
        ],
      );
      assert.equal(resolved('set')?.sharedCapacity, null, "its primary is now 'open', which has no capacity");

      await assert.rejects(
        control.deployments.update('team', 'set', { name: 'renamed' } as never),
        gatewayError('invalid_request', /name/),
      );
      await assert.rejects(
        control.deployments.update('team', 'missing', { tpm: 1 }),
        gatewayError('not_found', /Deployment 'missing' does not exist in project 'team'/),
      );
    });

    it('applies the capacity and quota-grant checks to a PATCH, without counting the deployment twice', async () => {
      await control.deployments.update('team', 'reserved-a', { tpm: 60_000 });
      await assert.rejects(
        control.deployments.update('team', 'reserved-a', { tpm: 60_001 }),
        gatewayError('invalid_request', /only 60000 TPM of its 100000 TPM capacity is left \(40000 reserved/, 'tpm'),
      );
      await assert.rejects(
        control.deployments.update('team', 'plain', { type: 'provisioned', tpm: 1 }),
        gatewayError('invalid_request', /deployment 'plain' asks for 1 TPM on connection 'pool', but only 0/, 'tpm'),
      );
      // Moving a provisioned deployment to standard gives its capacity back to the pool.
      await control.deployments.update('team', 'reserved-b', { type: 'standard' });
      assert.equal(resolved('plain')?.sharedCapacity?.tpm, 40_000);
      assert.equal((await deploy('reserved-c', { type: 'provisioned', tpm: 40_000 })).type, 'provisioned');
      assert.equal(resolved('plain')?.sharedCapacity?.tpm, 0);

      await control.quotas.set('team', 'gpt-4o-mini', { tpm: 10_000 });
      await deploy('granted', { model: 'gpt-4o-mini', tpm: 5_000 });
      await assert.rejects(
        control.deployments.update('team', 'granted', { tpm: 10_001 }),
        gatewayError('invalid_request', /has 10000 left of its 10000 TPM quota/, 'tpm'),
      );
      assert.equal((await control.deployments.update('team', 'granted', { tpm: 10_000 })).tpm, 10_000);
    });

    it("shows the catalog's retirement date of the model", { skip: retiring === undefined }, async () => {
      const view = await deploy('retiring', { model: retiring!.id });
      assert.equal(view.model_retires_at, retiring!.retires);
      assert.equal(
        (await control.deployments.list('team')).find((item) => item.name === 'plain')?.model_retires_at,
        null,
      );
    });
  });
}
