import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startOpenAiStyleEmulator, type Emulator } from '../../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../../support/start-hangar.js';
import { errorOf, openAiChatBody, rawCall, sseData } from '../errors/error-helpers.js';

/*
 * Chaos against two emulated vendors: dead backends, 5xx, 429 storms with retry-after, slow first bytes, streams
 * cut mid-way and connection resets. Backoff is a few milliseconds so a thousand requests run in seconds; what is
 * asserted is what the client sees, how many upstream attempts were made, and the breaker as the admin API shows it.
 */

const CLIENT_KEY = 'hk-chaos-client-key-000001';
const MAX_ATTEMPTS = 3;

interface BackendHealthAnswer {
  backends: { connection: string; breaker: { state: string; consecutive_failures: number } }[];
}

describe('routing under chaos', () => {
  let first: Emulator;
  let second: Emulator;
  let hangar: HangarUnderTest;

  before(async () => {
    [first, second] = await Promise.all([
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-chaos-first-vendor-0001' }),
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-chaos-second-vendor-002' }),
    ]);
    const connection = (name: string, emulator: Emulator, key: string) =>
      `  - name: ${name}\n    provider: openai\n    base_url: ${emulator.baseUrl}\n    api_key: \${${key}}\n`;
    const routing =
      `        routing:\n          max_attempts: ${MAX_ATTEMPTS}\n          backoff_base_ms: 2\n          backoff_max_ms: 10\n` +
      `          retry_after_cap_ms: 200\n          timeouts:\n            first_byte_ms: 300\n` +
      `          breaker:\n            consecutive_failures: 3\n            cool_down_ms: 150\n`;
    const deployment = (name: string, backends: string[]) =>
      `      - name: ${name}\n        model: gpt-4o\n        backends:\n` +
      backends.map((to) => `          - connection: ${to}\n            model: gpt-4o\n`).join('') +
      routing;
    hangar = await startHangar({
      yaml:
        'connections:\n' +
        connection('first', first, 'FIRST_KEY') +
        connection('second', second, 'SECOND_KEY') +
        `projects:\n  - name: chaos\n    keys:\n      - name: tests\n        value: \${CLIENT_KEY}\n    deployments:\n` +
        deployment('pair', ['first', 'second']) +
        deployment('single', ['first']),
      env: { CLIENT_KEY, FIRST_KEY: first.apiKey, SECOND_KEY: second.apiKey },
    });
  });
  after(async () => {
    await hangar?.close();
    await Promise.all([first, second].map((emulator) => emulator?.close()));
  });
  beforeEach(async () => {
    first.reset();
    second.reset();
    // Let any open circuit reach half-open, then close it with one good call, so each test starts closed.
    await new Promise((resolve) => setTimeout(resolve, 160));
    await chat('pair');
    await chat('single');
    first.reset();
    second.reset();
  });

  const chat = (model: string, extra: Record<string, unknown> = {}) =>
    rawCall(`${hangar.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${CLIENT_KEY}` },
      body: openAiChatBody(model, extra),
    });
  const health = async (deployment: string) =>
    (
      await rawCall(`${hangar.url}/admin/projects/chaos/deployments/${deployment}/health`, {
        method: 'GET',
        headers: { authorization: `Bearer ${hangar.adminKey}` },
      })
    ).json as BackendHealthAnswer;
  const breakerOf = async (deployment: string, connection: string) =>
    (await health(deployment)).backends.find((backend) => backend.connection === connection)?.breaker;

  /** Sends `count` requests, `concurrency` at a time, and returns the statuses. */
  async function load(model: string, count: number, concurrency = 20): Promise<number[]> {
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          statuses.push((await chat(model)).status);
        }
      }),
    );
    return statuses;
  }

  it('serves 1,000 requests without a client-visible error while one of two backends is dead', async () => {
    first.setFault({ kind: 'status', status: 503 });
    const started = Date.now();
    const statuses = await load('pair', 1_000);
    const elapsedMs = Date.now() - started;
    assert.deepEqual(
      statuses.filter((status) => status !== 200),
      [],
    );
    const attempts = first.requests.length + second.requests.length;
    assert.ok(attempts <= 1_000 * MAX_ATTEMPTS, `${attempts} upstream attempts for 1,000 requests`);
    // A healthy attempt may still be retried when the loaded machine misses the first-byte deadline.
    assert.ok(second.requests.length >= 1_000);
    // Open after 3 failures, then one probe per 150 ms cool-down (plus the requests already under way): nowhere
    // near one per request.
    const probesAllowed = Math.ceil(elapsedMs / 150) + 40;
    assert.ok(
      first.requests.length <= 3 + probesAllowed,
      `the dead backend got ${first.requests.length} requests in ${elapsedMs} ms`,
    );
    assert.ok(elapsedMs < 10_000, `took ${elapsedMs} ms`);
  });

  it('opens the breaker on consecutive failures and recovers through half-open', async () => {
    first.setFault({ kind: 'status', status: 500 });
    for (let request = 0; request < 3; request += 1) assert.equal((await chat('pair')).status, 200);
    assert.equal(first.requests.length, 3);
    assert.equal((await breakerOf('pair', 'first'))?.state, 'open');
    assert.equal((await chat('pair')).status, 200);
    assert.equal(first.requests.length, 3, 'an open circuit is skipped');

    first.setFault(undefined);
    await new Promise((resolve) => setTimeout(resolve, 160));
    assert.equal((await breakerOf('pair', 'first'))?.state, 'half-open');
    assert.equal((await chat('pair')).status, 200);
    assert.equal(first.requests.length, 4, 'the probe went to the recovered backend');
    assert.equal((await breakerOf('pair', 'first'))?.state, 'closed');
  });

  it('re-opens for another cool-down when the half-open probe fails', async () => {
    first.setFault({ kind: 'status', status: 500 });
    for (let request = 0; request < 3; request += 1) await chat('pair');
    await new Promise((resolve) => setTimeout(resolve, 160));
    assert.equal((await chat('pair')).status, 200, 'the probe failed over to the second backend');
    assert.equal(first.requests.length, 4);
    assert.equal((await breakerOf('pair', 'first'))?.state, 'open');
  });

  it('hides 30 % of 5xx answers from a single backend by retrying, within the attempt bound', async () => {
    let failed = 0;
    for (let request = 0; request < 200; request += 1) {
      if (request % 10 < 3) {
        first.setFault({ kind: 'status', status: 502, times: 1 });
        failed += 1;
      }
      const answer = await chat('single');
      assert.equal(answer.status, 200, answer.text);
    }
    assert.equal(first.requests.length, 200 + failed, 'one retry per failed attempt, never more');
  });

  it('rides out a 429 storm, waiting the retry-after the upstream gives', async () => {
    first.setFault({ kind: 'status', status: 429, headers: { 'retry-after-ms': '40' }, times: 2 });
    const started = Date.now();
    const answer = await chat('single');
    assert.equal(answer.status, 200, answer.text);
    assert.ok(Date.now() - started >= 80, 'waited twice 40 ms');
    assert.equal(first.requests.length, 3);
  });

  it('does not wait for a retry-after beyond the cap: fails over, or gives the 429 back', async () => {
    first.setFault({ kind: 'rate-limit', retryAfterSeconds: 30 });
    const started = Date.now();
    const single = await chat('single');
    assert.equal(single.status, 429);
    assert.equal(errorOf(single).code, 'upstream_rate_limited');
    assert.equal(first.requests.length, 1);
    const pair = await chat('pair');
    assert.equal(pair.status, 200);
    assert.equal(second.requests.length, 1);
    assert.ok(Date.now() - started < 1_000);
  });

  it('retries a slow first byte after the first-byte timeout', async () => {
    first.setFault({ kind: 'slow-first-byte', delayMs: 2_000, times: 1 });
    const started = Date.now();
    const answer = await chat('single');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(first.requests.length, 2);
    assert.ok(Date.now() - started < 1_500, 'gave up on the slow attempt at first_byte_ms');
  });

  it('retries a connection reset, streamed or not', async () => {
    first.setFault({ kind: 'reset', times: 1 });
    assert.equal((await chat('single')).status, 200);
    first.setFault({ kind: 'reset', times: 1 });
    const streamed = await chat('single', { stream: true });
    assert.equal(streamed.status, 200);
    assert.equal(sseData(streamed.text).at(-1), '[DONE]');
    assert.equal(first.requests.length, 4);
  });

  it('fails a stream over when it breaks before its first byte, never after', async () => {
    first.setFault({ kind: 'cut-stream', afterChunks: 0 });
    const early = await chat('pair', { stream: true });
    assert.equal(early.status, 200);
    assert.equal(sseData(early.text).at(-1), '[DONE]', 'the second backend streamed the whole answer');
    assert.equal(second.requests.length, 1);

    first.setFault({ kind: 'cut-stream', afterChunks: 2 });
    second.reset();
    const late = await chat('single', { stream: true });
    assert.equal(late.status, 200);
    const last = sseData(late.text).at(-1) as { error?: { code: string } };
    assert.equal(last.error?.code, 'upstream_error', 'the client gets the error frame');
    const attemptsBefore = first.requests.length;
    first.setFault({ kind: 'error-frame', afterChunks: 1 });
    const framed = await chat('pair', { stream: true });
    const frame = sseData(framed.text).at(-1) as { error?: { code: string } };
    assert.ok(frame.error !== undefined, 'an error frame after the first chunk reaches the client');
    assert.equal(second.requests.length, 0, 'a stream that began is never restarted elsewhere');
    assert.ok(first.requests.length <= attemptsBefore + 1);
  });
});
