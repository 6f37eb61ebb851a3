import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Declared } from '../config/index.js';
import { GatewayError } from '../spec/index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';
import { createControlPlane, type ControlPlane } from './index.js';

function gatewayError(code: string, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  };
}

for (const database of DATABASES) {
  describe(`applyDeclared on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let control: ControlPlane;
    before(async () => {
      opened = await database.open();
      control = await createControlPlane({ database: opened.database, secretKey: 'declared-secret' });
    });
    after(async () => {
      await control?.close();
      await opened?.destroy();
    });

    it('applies declared state idempotently and follows the file on change', async () => {
      const declared: Declared = {
        models: [],
        connections: [
          { name: 'declared-xai', provider: 'xai', apiKey: 'declared-credential', baseUrl: 'https://api.x.ai/v1' },
        ],
        projects: [
          {
            name: 'team',
            keys: [{ name: 'ci', value: 'team-ci-key-0123456789' }],
            deployments: [
              {
                name: 'Grok-3-Mini',
                model: 'grok-3-mini',
                backends: [{ connection: 'declared-xai', model: 'grok-3-mini' }],
              },
            ],
          },
        ],
      };
      const snapshot = async () => ({
        connections: await opened.database.db.selectFrom('connections').select(['id', 'name', 'base_url']).execute(),
        projects: await opened.database.db.selectFrom('projects').selectAll().execute(),
        keys: await opened.database.db.selectFrom('api_keys').selectAll().execute(),
        deployments: await opened.database.db.selectFrom('deployments').selectAll().execute(),
        backends: await opened.database.db.selectFrom('deployment_backends').selectAll().execute(),
      });

      await control.applyDeclared(declared);
      const first = await snapshot();
      const encrypted = (
        await opened.database.db
          .selectFrom('connections')
          .select('api_key_encrypted')
          .where('name', '=', 'declared-xai')
          .executeTakeFirstOrThrow()
      ).api_key_encrypted;
      await control.applyDeclared(declared);
      assert.deepEqual(await snapshot(), first, 'a second run changes nothing');
      const encryptedAgain = (
        await opened.database.db
          .selectFrom('connections')
          .select('api_key_encrypted')
          .where('name', '=', 'declared-xai')
          .executeTakeFirstOrThrow()
      ).api_key_encrypted;
      assert.equal(encryptedAgain, encrypted, 'an unchanged credential is not re-encrypted');
      assert.equal(first.projects.length, 1);
      assert.equal(first.keys.length, 1);

      const caller = control.registry.authenticate('team-ci-key-0123456789');
      assert.equal(caller?.projectName, 'team');
      const resolved = control.registry.resolveDeployment(caller?.projectId ?? '', 'grok-3-mini');
      assert.equal(resolved?.backends[0]?.connection.apiKey, 'declared-credential');

      // Revoked through the API, restored by the file; a changed credential and backend are applied.
      await control.keys.revoke('team', 'ci');
      assert.equal(control.registry.authenticate('team-ci-key-0123456789'), undefined);
      await control.applyDeclared({
        connections: [{ name: 'declared-xai', provider: 'xai', apiKey: 'rotated-credential' }],
        projects: [
          {
            name: 'team',
            keys: [{ name: 'ci', value: 'team-ci-key-0123456789' }],
            deployments: [
              {
                name: 'Grok-3-Mini',
                model: 'grok-3-mini',
                backends: [{ connection: 'declared-xai', model: 'grok-3-mini-fast' }],
              },
            ],
          },
        ],
      });
      const restored = control.registry.authenticate('team-ci-key-0123456789');
      assert.equal(restored?.keyId, first.keys[0]?.id, 'same key row, valid again');
      const updated = control.registry.resolveDeployment(restored!.projectId, 'GROK-3-MINI');
      assert.equal(updated?.id, first.deployments[0]?.id);
      assert.equal(updated?.backends[0]?.model, 'grok-3-mini-fast');
      assert.equal(updated?.backends[0]?.connection.apiKey, 'rotated-credential');
      assert.equal(updated?.backends[0]?.connection.baseUrl, '', 'base_url removed from the file → provider default');
    });

    it('rejects a declared deployment that names an unknown connection, changing nothing', async () => {
      const before = await opened.database.db.selectFrom('projects').selectAll().execute();
      await assert.rejects(
        control.applyDeclared({
          connections: [],
          projects: [
            {
              name: 'half',
              keys: [],
              deployments: [{ name: 'd', model: 'm', backends: [{ connection: 'ghost', model: 'm' }] }],
            },
          ],
        }),
        gatewayError('invalid_request', /Declared deployment 'd' of project 'half': backends\[0\]\.connection 'ghost'/),
      );
      assert.deepEqual(await opened.database.db.selectFrom('projects').selectAll().execute(), before, 'rolled back');
    });

    it('applies deployment types, backend priorities and weights, and connection capacity from the file', async () => {
      const declared = (provisionedTpm: number): Pick<Declared, 'connections' | 'projects'> => ({
        connections: [{ name: 'capacity-openai', provider: 'openai', capacityTpm: 50_000 }],
        projects: [
          {
            name: 'typed',
            keys: [],
            deployments: [
              {
                name: 'reserved',
                model: 'gpt-4o',
                type: 'provisioned',
                tpm: provisionedTpm,
                contentFilter: 'default-policy',
                versionUpgrade: 'none',
                backends: [{ connection: 'capacity-openai', model: 'gpt-4o' }],
              },
              {
                name: 'shared',
                model: 'gpt-4o',
                backends: [
                  { connection: 'capacity-openai', model: 'gpt-4o', priority: 0, weight: 3 },
                  { connection: 'capacity-openai', model: 'gpt-4o-mini', priority: 0 },
                ],
              },
            ],
          },
        ],
      });
      await control.applyDeclared(declared(30_000));
      await control.applyDeclared(declared(30_000));
      const [reserved, shared] = await control.deployments.list('typed');
      assert.deepEqual(
        [reserved?.type, reserved?.tpm, reserved?.content_filter, reserved?.version_upgrade],
        ['provisioned', 30_000, 'default-policy', 'none'],
      );
      assert.deepEqual(
        shared?.backends.map((backend) => [backend.model, backend.priority, backend.weight]),
        [
          ['gpt-4o', 0, 3],
          ['gpt-4o-mini', 0, 1],
        ],
      );
      const connection = (await control.connections.list()).find((item) => item.name === 'capacity-openai');
      assert.equal(connection?.capacity_tpm, 50_000);
      const projectId = (await control.projects.list()).find((project) => project.name === 'typed')!.id;
      assert.equal(control.registry.resolveDeployment(projectId, 'shared')?.sharedCapacity?.tpm, 20_000);

      await assert.rejects(
        control.applyDeclared(declared(60_000)),
        gatewayError(
          'invalid_request',
          /Declared deployment 'reserved' of project 'typed': Provisioned deployment 'reserved' asks for 60000 TPM on connection 'capacity-openai', but only 50000 TPM/,
        ),
      );
    });
  });
}
