import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

// A deployment's TPM and RPM, Azure-style, as a client sees them: remaining counters on every answer, an
// estimate charged at admission, a 429 with retry-after naming the limit once it is spent.
describe('deployment quotas', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;
  const KEY = 'quota-client-key-000001';

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      yaml: `
connections:
  - name: openai
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
projects:
  - name: team
    keys:
      - name: app
        value: ${KEY}
    deployments:
      - name: small
        model: gpt-4o
        tpm: 1000
        rpm: 600
        backends:
          - connection: openai
            model: gpt-4o
      - name: open
        model: gpt-4o
        backends:
          - connection: openai
            model: gpt-4o
`,
    });
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
  });

  const send = (model: string, maxTokens: number) =>
    fetch(`${hangar.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, max_tokens: maxTokens, messages: [{ role: 'user', content: 'hi' }] }),
    });

  it('charges the estimate, reports what remains on every answer, and refuses past the TPM with retry-after', async () => {
    const first = await send('small', 300);
    assert.equal(first.status, 200);
    const remainingAfterFirst = Number(first.headers.get('x-ratelimit-remaining-tokens'));
    // 1000 TPM minus the estimate (prompt + 300 of max_tokens).
    assert.ok(remainingAfterFirst < 700 && remainingAfterFirst > 600, `remaining ${remainingAfterFirst}`);
    assert.equal(first.headers.get('x-ratelimit-remaining-requests'), '99', '600 RPM is 100 per 10 s window');

    // While requests are in flight their estimates hold the TPM (they settle to real usage when they end):
    // five at once, each charged ~300, cannot all fit in 1000 minus the first's settled usage.
    emulator.setFault({ kind: 'slow-first-byte', delayMs: 300 });
    const responses = await Promise.all(Array.from({ length: 5 }, () => send('small', 300)));
    emulator.setFault(undefined);
    const statuses = responses.map((response) => response.status);
    const refused = responses.find((response) => response.status === 429);
    await Promise.all(responses.filter((response) => response !== refused).map((response) => response.arrayBuffer()));
    assert.deepEqual(
      [...statuses].sort(),
      [200, 200, 200, 429, 429],
      `three estimates of ~300 fit in what remains, two do not: ${statuses.join(', ')}`,
    );
    assert.ok(refused !== undefined);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.ok(Number(refused.headers.get('retry-after-ms')) > 0);
    assert.ok(refused.headers.get('x-ratelimit-remaining-tokens') !== null);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'rate_limit_exceeded');
    assert.match(body.error.message, /small/);
    assert.match(body.error.message, /token/i);
  });

  it('refuses for good a request whose estimate alone exceeds the TPM, telling SDKs not to retry', async () => {
    const client = new OpenAI({ baseURL: `${hangar.url}/v1`, apiKey: KEY, maxRetries: 2 });
    const before = emulator.requests.length;
    await assert.rejects(
      client.chat.completions.create({ model: 'small', max_tokens: 5000, messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.RateLimitError && error.headers?.get('x-should-retry') === 'false',
    );
    assert.equal(emulator.requests.length, before, 'nothing reached the vendor');
  });

  it('settles a finished request to what it really used, giving the rest of its estimate back', async () => {
    // The 'small' window was filled by in-flight estimates above; once they settled, only real usage counts.
    const response = await send('small', 10);
    assert.equal(response.status, 200);
    const remaining = Number(response.headers.get('x-ratelimit-remaining-tokens'));
    assert.ok(remaining > 800, `after settling, ${remaining} tokens remain of 1000`);
  });

  it('leaves a deployment without a TPM unlimited and without counters', async () => {
    const response = await send('open', 100_000);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-ratelimit-remaining-tokens'), null);
  });
});
