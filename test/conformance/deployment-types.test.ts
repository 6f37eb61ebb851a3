import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

// Deployment types as a client sees them: a provisioned deployment keeps the capacity it reserved on its connection
// while the standard deployments there share what is left, a PATCH reaches the very next request, and backends of
// one priority split the traffic by weight.
describe('deployment types, capacity, PATCH and weighted backends', () => {
  let pooled: Emulator;
  let east: Emulator;
  let west: Emulator;
  let hangar: HangarUnderTest;
  let client: OpenAI;
  const KEY = 'types-client-key-000001';

  before(async () => {
    [pooled, east, west] = await Promise.all([
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-pooled' }),
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-east' }),
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-west' }),
    ]);
    // 120,000 TPM of capacity, 100,000 of it provisioned: the standard deployment shares the other 20,000.
    hangar = await startHangar({
      yaml: `
connections:
  - name: pooled
    provider: openai
    base_url: ${pooled.baseUrl}
    api_key: ${pooled.apiKey}
    capacity_tpm: 120000
  - name: east
    provider: openai
    base_url: ${east.baseUrl}
    api_key: ${east.apiKey}
  - name: west
    provider: openai
    base_url: ${west.baseUrl}
    api_key: ${west.apiKey}
projects:
  - name: team
    keys:
      - name: app
        value: ${KEY}
    deployments:
      - name: reserved
        model: gpt-4o
        type: provisioned
        tpm: 100000
        backends:
          - connection: pooled
            model: gpt-4o
      - name: standard
        model: gpt-4o
        type: standard
        backends:
          - connection: pooled
            model: gpt-4o
      - name: patched
        model: gpt-4o
        tpm: 1000
        backends:
          - connection: east
            model: gpt-4o
      - name: split
        model: gpt-4o
        backends:
          - connection: east
            model: gpt-4o
            priority: 0
            weight: 3
          - connection: west
            model: gpt-4o
            priority: 0
          - connection: pooled
            model: gpt-4o
            priority: 1
`,
    });
    client = new OpenAI({ baseURL: `${hangar.url}/v1`, apiKey: KEY, maxRetries: 0 });
  });
  after(async () => {
    await hangar?.close();
    await Promise.all([pooled?.close(), east?.close(), west?.close()]);
  });

  const ask = (model: string, maxTokens: number) =>
    client.chat.completions.create({ model, max_tokens: maxTokens, messages: [{ role: 'user', content: 'hi' }] });

  const refusal = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof OpenAI.RateLimitError, `expected a 429, got ${String(error)}`);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.match(error.message, pattern);
    return true;
  };

  it("refuses a standard request larger than the connection's shared capacity, and serves it provisioned", async () => {
    const before = pooled.requests.length;
    await assert.rejects(
      ask('standard', 25_000),
      refusal(/more than all of the shared capacity of connection 'pooled': 20,000 tokens per minute/),
    );
    assert.equal(pooled.requests.length, before, 'nothing reached the vendor');
    const provisioned = await ask('reserved', 25_000);
    assert.equal(provisioned.object, 'chat.completion');
  });

  it('lets standard requests in flight fill the shared capacity while the provisioned one keeps its own', async () => {
    pooled.setFault({ kind: 'slow-first-byte', delayMs: 300 });
    const outcomes = await Promise.allSettled([
      ask('standard', 15_000),
      ask('standard', 15_000),
      ask('reserved', 15_000),
      ask('reserved', 15_000),
    ]);
    pooled.setFault(undefined);
    const [firstStandard, secondStandard, ...provisioned] = outcomes;
    const standard = [firstStandard, secondStandard];
    assert.equal(
      standard.filter((outcome) => outcome?.status === 'fulfilled').length,
      1,
      'two estimates of 15,000 do not fit in 20,000 shared',
    );
    const refused = standard.find((outcome) => outcome?.status === 'rejected');
    assert.ok(refused?.status === 'rejected');
    refusal(/Requests have exceeded the shared capacity of connection 'pooled': 20,000 tokens per minute/)(
      refused.reason,
    );
    assert.ok(refused.reason instanceof OpenAI.RateLimitError);
    assert.ok(Number(refused.reason.headers?.get('retry-after')) >= 1, 'the window frees up: retry later');
    assert.deepEqual(
      provisioned.map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled'],
      'the standard deployment cannot take the provisioned capacity',
    );
  });

  it('applies a PATCH of the tpm from the next request on', async () => {
    await assert.rejects(ask('patched', 2000), refusal(/more than its whole limit of 1,000 tokens per minute/));
    const response = await fetch(`${hangar.url}/admin/projects/team/deployments/patched`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${hangar.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tpm: 100_000 }),
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { tpm: number }).tpm, 100_000);

    const { response: answer } = await ask('patched', 2000).withResponse();
    assert.equal(answer.status, 200);
    const remaining = Number(answer.headers.get('x-ratelimit-remaining-tokens'));
    assert.ok(remaining > 97_000 && remaining < 98_000, `100,000 TPM minus this request's estimate: ${remaining}`);
  });

  it('splits the requests of backends of equal priority by weight, and leaves the next priority as failover', async () => {
    for (const emulator of [pooled, east, west]) emulator.reset();
    const requests = 1000;
    for (let sent = 0; sent < requests; sent += 50) {
      await Promise.all(Array.from({ length: 50 }, () => ask('split', 5)));
    }
    const eastShare = east.requests.length / requests;
    assert.equal(east.requests.length + west.requests.length, requests, 'each request went to one backend');
    // Weights 3 and 1: 75 % east; one standard deviation over 1,000 requests is 1.4 %.
    assert.ok(Math.abs(eastShare - 0.75) <= 0.06, `east got ${(eastShare * 100).toFixed(1)} % of the requests`);
    assert.equal(pooled.requests.length, 0, 'the priority-1 backend is only a failover');

    // With east down, whichever of the two a request draws first, west answers it, before the next priority.
    const westBefore = west.requests.length;
    east.setFault({ kind: 'status', status: 503 });
    await Promise.all(Array.from({ length: 4 }, () => ask('split', 5)));
    east.setFault(undefined);
    assert.equal(west.requests.length - westBefore, 4);
    assert.equal(pooled.requests.length, 0);
  });
});
