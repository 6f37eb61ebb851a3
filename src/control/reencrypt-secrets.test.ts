import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BudgetRepository,
  ConnectionRepository,
  ContentFilterPolicyRepository,
  ProjectRepository,
  SecretBox,
} from '../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';
import { createControlPlane } from './index.js';

// Rotating the master key: start once with the new key and the old one as previous, and every stored vendor
// credential is re-encrypted, after which the old key is no longer needed.
for (const database of DATABASES) {
  describe(`secret key rotation on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    before(async () => {
      opened = await database.open();
    });
    after(async () => {
      await opened?.destroy();
    });

    const credentialOfChat = async (secretKey: string, previousSecretKeys: string[] = []) => {
      let count = 0;
      const control = await createControlPlane({
        database: opened.database,
        secretKey,
        previousSecretKeys,
        onSecretsReencrypted: (reencrypted) => (count = reencrypted),
      });
      try {
        const project = (await control.projects.list()).find((candidate) => candidate.name === 'demo');
        const deployment = control.registry.resolveDeployment(project?.id ?? '', 'chat');
        return { apiKey: deployment?.backends[0]?.connection.apiKey, reencrypted: count };
      } finally {
        await control.close();
      }
    };

    it('re-encrypts with the new key what only the previous key opens, once', async () => {
      const control = await createControlPlane({ database: opened.database, secretKey: 'old master key' });
      await control.connections.create({ name: 'vendor', provider: 'openai', api_key: 'vendor-credential-1' });
      await control.connections.create({ name: 'keyless', provider: 'ollama' });
      await control.projects.create({ name: 'demo' });
      await control.deployments.create({
        project: 'demo',
        name: 'chat',
        model: 'gpt-4o',
        backends: [{ connection: 'vendor', model: 'gpt-4o' }],
      });
      await control.close();

      await assert.rejects(credentialOfChat('new master key'), /HANGAR_SECRET_KEY_PREVIOUS/);
      assert.deepEqual(await credentialOfChat('new master key', ['old master key']), {
        apiKey: 'vendor-credential-1',
        reencrypted: 1,
      });
      assert.deepEqual(await credentialOfChat('new master key'), { apiKey: 'vendor-credential-1', reencrypted: 0 });
      await assert.rejects(credentialOfChat('old master key'), /cannot be decrypted/);

      const stored = (await new ConnectionRepository(opened.database.db).findByName('vendor'))?.apiKeyEncrypted ?? '';
      assert.equal(new SecretBox('new master key').isCurrent(stored), true);
      assert.doesNotMatch(stored, /vendor-credential/);
    });

    it("re-encrypts budgets' webhook secrets too", async () => {
      const project = (await new ProjectRepository(opened.database.db).findByName('demo'))?.id ?? '';
      const budgets = new BudgetRepository(opened.database.db);
      await budgets.insert({
        id: 'bdg_rotation',
        projectId: project,
        keyId: null,
        monthlyLimitMicroUsd: 1_000_000,
        hardLimit: true,
        alertThresholds: [100],
        webhookUrl: 'https://hooks.example/budget',
        webhookSecretEncrypted: new SecretBox('new master key').encrypt('webhook secret value'),
        createdAt: 1,
        updatedAt: 1,
      });
      assert.deepEqual(await credentialOfChat('newest master key', ['new master key']), {
        apiKey: 'vendor-credential-1',
        reencrypted: 2,
      });
      const stored = (await budgets.find(project, 'bdg_rotation'))?.webhookSecretEncrypted ?? '';
      assert.equal(new SecretBox('newest master key').decrypt(stored), 'webhook secret value');
    });

    it("re-encrypts content-filter policies' Azure AI Content Safety keys too", async () => {
      const policies = new ContentFilterPolicyRepository(opened.database.db);
      await policies.upsert({
        id: 'cfp_rotation',
        projectId: null,
        name: 'screened',
        description: '',
        definition: '{"analyzer":{"type":"azure-content-safety","endpoint":"https://safety.example.com"}}',
        apiKeyCiphertext: new SecretBox('newest master key').encrypt('content safety key'),
        createdAt: 1,
        updatedAt: 1,
      });
      assert.deepEqual(await credentialOfChat('last master key', ['newest master key']), {
        apiKey: 'vendor-credential-1',
        reencrypted: 3,
      });
      const stored = (await policies.find(null, 'screened'))?.apiKeyCiphertext ?? '';
      assert.equal(new SecretBox('last master key').decrypt(stored), 'content safety key');
    });
  });
}
