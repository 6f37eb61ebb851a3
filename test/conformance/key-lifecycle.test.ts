import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

// Keys as a tenant's developers live with them: the project's key1 / key2 rotated one at a time, keys that
// expire, and keys limited to some deployments, all through the admin API and checked on inference at once.
describe('API key lifecycle', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      yaml: `connections:\n  - name: openai\n    provider: openai\n    base_url: ${emulator.baseUrl}\n    api_key: ${emulator.apiKey}\n`,
    });
    await admin('POST', '/admin/projects', { name: 'team' });
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
  });

  async function admin(method: string, path: string, body?: object): Promise<Record<string, unknown>> {
    const response = await fetch(`${hangar.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${hangar.adminKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    assert.ok(response.ok, `${method} ${path}: ${JSON.stringify(json)}`);
    return json;
  }

  const client = (apiKey: string) => new OpenAI({ baseURL: `${hangar.url}/v1`, apiKey, maxRetries: 0 });
  const chat = (apiKey: string, model: string) =>
    client(apiKey).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  it('gives a new project key1 and key2; regenerating one refuses its old secret at once, the other keeps working', async () => {
    const created = await admin('POST', '/admin/projects', { name: 'rotating' });
    await admin('POST', '/admin/projects/rotating/deployments', {
      name: 'gpt',
      model: 'gpt-4o',
      backends: [{ connection: 'openai', model: 'gpt-4o' }],
    });
    const keys = created.keys as { key1: string; key2: string };
    await chat(keys.key1, 'gpt');
    await chat(keys.key2, 'gpt');

    const regenerated = await admin('POST', '/admin/projects/rotating/keys/key1/regenerate');
    await assert.rejects(chat(keys.key1, 'gpt'), (error: unknown) => error instanceof OpenAI.AuthenticationError);
    await chat(regenerated.key as string, 'gpt');
    await chat(keys.key2, 'gpt');
  });

  it('limits a key to the deployments it names: others are 403 and hidden from /v1/models', async () => {
    for (const name of ['allowed', 'other']) {
      await admin('POST', '/admin/projects/team/deployments', {
        name,
        model: 'gpt-4o',
        backends: [{ connection: 'openai', model: 'gpt-4o' }],
      });
    }
    const scoped = await admin('POST', '/admin/projects/team/keys', { name: 'scoped', deployments: ['Allowed'] });
    assert.deepEqual(scoped.deployments, ['allowed']);
    const key = scoped.key as string;
    await chat(key, 'allowed');
    await assert.rejects(
      chat(key, 'other'),
      (error: unknown) =>
        error instanceof OpenAI.PermissionDeniedError && /may not call deployment 'other'/.test(error.message),
    );
    const models = await client(key).models.list();
    assert.deepEqual(
      models.data.map((model) => model.id),
      ['allowed'],
    );
    await assert.rejects(
      client(key).models.retrieve('other'),
      (error: unknown) => error instanceof OpenAI.NotFoundError,
    );
  });

  it('refuses a key after its expiry, saying it expired', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const expiring = await admin('POST', '/admin/projects/team/keys', { name: 'short-lived', expires_at: expiresAt });
    await chat(expiring.key as string, 'allowed');
    await sleep(Date.parse(expiresAt) - Date.now() + 50);
    await assert.rejects(
      chat(expiring.key as string, 'allowed'),
      (error: unknown) => error instanceof OpenAI.AuthenticationError && /expired at/.test(error.message),
    );
    const listed = (await admin('GET', '/admin/projects/team/keys')).data as { name: string; status: string }[];
    assert.equal(listed.find((item) => item.name === 'short-lived')?.status, 'expired');
  });

  it("does not write a key's last use from the request itself", async () => {
    const used = await admin('POST', '/admin/projects/team/keys', { name: 'tracked' });
    const before = (await admin('GET', '/admin/projects/team/keys')).data as { name: string; last_used_at: unknown }[];
    assert.equal(before.find((item) => item.name === 'tracked')?.last_used_at, null);
    await chat(used.key as string, 'allowed');
    // Not written by the request itself: the batch goes out on the flush interval or at shutdown.
    const again = (await admin('GET', '/admin/projects/team/keys')).data as { name: string; last_used_at: unknown }[];
    assert.equal(again.find((item) => item.name === 'tracked')?.last_used_at, null);
  });
});
