import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { request } from 'undici';
import { echoText } from '../support/emulators/index.js';
import { startVendorFleet, type VendorFleet } from '../support/vendor-fleet.js';

/*
 * An operator rotates a vendor key through the admin API while Hangar keeps running: calls that failed on the
 * wrong key succeed from the next request on, with no restart.
 */
describe('rotating a vendor key with PATCH /admin/connections/{name}', () => {
  let fleet: VendorFleet;
  let client: OpenAI;

  before(async () => {
    fleet = await startVendorFleet();
    client = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
  });
  after(() => fleet.close());
  beforeEach(() => fleet.reset());

  async function admin(method: 'POST' | 'PATCH', path: string, body: object) {
    const response = await request(`${fleet.hangar.url}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${fleet.hangar.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.statusCode, text: await response.body.text() };
  }

  async function chat(model: string) {
    return client.chat.completions.create({ model, messages: [{ role: 'user', content: 'rotate me' }] });
  }

  async function assertBadGateway(model: string) {
    await assert.rejects(chat(model), (error: unknown) => {
      assert.ok(error instanceof APIError, `expected an APIError, got ${String(error)}`);
      assert.equal(error.status, 502);
      assert.match(error.message, /credentials \(401\)/);
      return true;
    });
  }

  it('fails with 502 on a wrong key, then succeeds once the key is patched', async () => {
    const created = await admin('POST', '/connections', {
      name: 'rotating',
      provider: 'openai',
      base_url: fleet.openai.baseUrl,
      api_key: 'sk-wrong-key',
    });
    assert.equal(created.status, 201, created.text);
    const deployed = await admin('POST', '/projects/conformance/deployments', {
      name: 'chat-rotating',
      model: 'gpt-4o',
      backends: [{ connection: 'rotating', model: 'gpt-4o' }],
    });
    assert.equal(deployed.status, 201, deployed.text);

    await assertBadGateway('chat-rotating');
    assert.equal(fleet.openai.requests.at(-1)?.headers.authorization, 'Bearer sk-wrong-key');

    const patched = await admin('PATCH', '/connections/rotating', { api_key: fleet.openai.apiKey });
    assert.equal(patched.status, 200, patched.text);
    assert.ok(!patched.text.includes(fleet.openai.apiKey), 'the answer never shows the key');

    const completion = await chat('chat-rotating');
    assert.equal(completion.choices[0]?.message.content, echoText('rotate me'));
    assert.equal(fleet.openai.requests.at(-1)?.headers.authorization, `Bearer ${fleet.openai.apiKey}`);
  });

  it('rotates a connection declared in the config file, away and back, without a restart', async () => {
    assert.equal((await chat('chat-xai')).choices[0]?.message.content, echoText('rotate me'));

    const away = await admin('PATCH', '/connections/xai', { api_key: 'xai-revoked-key' });
    assert.equal(away.status, 200, away.text);
    await assertBadGateway('chat-xai');

    const back = await admin('PATCH', '/connections/xai', { api_key: fleet.xai.apiKey });
    assert.equal(back.status, 200, back.text);
    assert.equal((await chat('chat-xai')).choices[0]?.message.content, echoText('rotate me'));
    assert.equal(fleet.xai.requests.at(-1)?.headers.authorization, `Bearer ${fleet.xai.apiKey}`);
  });
});
