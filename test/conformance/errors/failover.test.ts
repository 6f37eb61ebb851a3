import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import {
  echoText,
  startAnthropicEmulator,
  startOpenAiStyleEmulator,
  type Emulator,
} from '../../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../../support/start-hangar.js';
import { assertNoSecrets, errorOf, openAiChatBody, rawCall, sseData } from './error-helpers.js';

/*
 * A deployment with several backends: failures another backend could fix (429, 5xx, a dead host) move on
 * to the next one; a request the upstream found malformed does not; a stream that has begun never restarts.
 */

const CLIENT_KEY = 'hk-failover-client-key-0001';

/** A loopback port with nothing listening: connections to it are refused at once. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('failover between backends', () => {
  let primary: Emulator;
  let secondary: Emulator;
  let claude: Emulator;
  let hangar: HangarUnderTest;
  let secrets: string[];

  before(async () => {
    [primary, secondary, claude] = await Promise.all([
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-primary-vendor-key-0001' }),
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-secondary-vendor-key-0002' }),
      startAnthropicEmulator({ apiKey: 'sk-ant-fallback-vendor-key-0003' }),
    ]);
    secrets = [primary.apiKey, secondary.apiKey, claude.apiKey];
    const connection = (name: string, provider: string, baseUrl: string, key: string) =>
      `  - name: ${name}\n    provider: ${provider}\n    base_url: ${baseUrl}\n    api_key: \${${key}}\n`;
    const deployment = (name: string, backends: [string, string][]) =>
      `      - name: ${name}\n        model: gpt-4o\n        backends:\n` +
      backends.map(([to, model]) => `          - connection: ${to}\n            model: ${model}\n`).join('') +
      // One try per backend and no breaker: this suite checks failover alone (test/conformance/routing/ the rest).
      `        routing:\n          max_attempts: 2\n          breaker:\n            consecutive_failures: 1000\n`;
    hangar = await startHangar({
      yaml:
        'connections:\n' +
        connection('primary', 'openai', primary.baseUrl, 'PRIMARY_KEY') +
        connection('secondary', 'openai', secondary.baseUrl, 'SECONDARY_KEY') +
        connection('claude', 'anthropic', claude.baseUrl, 'CLAUDE_KEY') +
        connection('dead', 'openai', `http://127.0.0.1:${await deadPort()}/v1`, 'PRIMARY_KEY') +
        `projects:\n  - name: failover\n    keys:\n      - name: tests\n        value: \${CLIENT_KEY}\n    deployments:\n` +
        deployment('pair', [
          ['primary', 'gpt-4o'],
          ['secondary', 'gpt-4o'],
        ]) +
        deployment('dead-first', [
          ['dead', 'gpt-4o'],
          ['secondary', 'gpt-4o'],
        ]) +
        deployment('cross-vendor', [
          ['primary', 'gpt-4o'],
          ['claude', 'claude-sonnet-4-5'],
        ]),
      env: {
        CLIENT_KEY,
        PRIMARY_KEY: primary.apiKey,
        SECONDARY_KEY: secondary.apiKey,
        CLAUDE_KEY: claude.apiKey,
      },
    });
  });
  after(async () => {
    await hangar?.close();
    await Promise.all([primary, secondary, claude].map((emulator) => emulator?.close()));
  });
  beforeEach(() => {
    for (const emulator of [primary, secondary, claude]) emulator.reset();
    hangar.usage.length = 0;
  });

  const chat = (model: string, extra: Record<string, unknown> = {}) =>
    rawCall(`${hangar.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${CLIENT_KEY}` },
      body: openAiChatBody(model, extra),
    });
  const answerText = (json: unknown) =>
    (json as { choices: { message: { content: string } }[] }).choices[0]?.message.content;

  for (const [label, fault] of [
    ['rate-limited', { kind: 'rate-limit', retryAfterSeconds: 9 }],
    ['failing with 500', { kind: 'status', status: 500 }],
    ['overloaded with 503', { kind: 'status', status: 503 }],
    ['dropping the connection', { kind: 'reset' }],
    ['refusing Hangar’s key', { kind: 'status', status: 401 }],
  ] as const) {
    it(`answers from the second backend when the first is ${label}`, async () => {
      primary.setFault(fault);
      const answer = await chat('pair');
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answerText(answer.json), echoText('hello there'));
      assert.equal(primary.requests.length, 1);
      assert.equal(secondary.requests.length, 1);
      assert.equal(answer.headers['retry-after'], undefined, 'a recovered answer carries no retry hint');
      assert.equal(hangar.usage.at(-1)?.backend, 'secondary/gpt-4o');
      assertNoSecrets(answer, secrets);
    });
  }

  it('answers from the second backend when the first host is down', async () => {
    const answer = await chat('dead-first');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(secondary.requests.length, 1);
    assert.equal(hangar.usage.at(-1)?.backend, 'secondary/gpt-4o');
  });

  it('fails over across vendors', async () => {
    primary.setFault({ kind: 'rate-limit', retryAfterSeconds: 2 });
    const completion = await new OpenAI({
      baseURL: `${hangar.url}/v1`,
      apiKey: CLIENT_KEY,
      maxRetries: 0,
    }).chat.completions.create({
      model: 'cross-vendor',
      messages: [{ role: 'user', content: 'hello there' }],
    });
    assert.equal(completion.choices[0]?.message.content, echoText('hello there'));
    assert.equal(claude.requests.length, 1);
    assert.equal((claude.requests[0]?.body as { model: string }).model, 'claude-sonnet-4-5');
  });

  it('returns the first backend’s 400 without trying the second', async () => {
    primary.setFault({
      kind: 'status',
      status: 400,
      body: {
        error: {
          message: "Invalid value for 'logit_bias'.",
          type: 'invalid_request_error',
          param: 'logit_bias',
          code: null,
        },
      },
    });
    const answer = await chat('pair');
    assert.equal(answer.status, 400);
    assert.equal(errorOf(answer).code, 'upstream_bad_request');
    assert.equal(errorOf(answer).param, 'logit_bias');
    assert.match(errorOf(answer).message ?? '', /Invalid value for 'logit_bias'/);
    assert.equal(secondary.requests.length, 0, 'a malformed request would fail everywhere');
  });

  it('passes on the last backend’s 429 when every backend is rate-limited', async () => {
    primary.setFault({ kind: 'rate-limit', retryAfterSeconds: 2 });
    secondary.setFault({ kind: 'rate-limit', retryAfterSeconds: 5 });
    const answer = await chat('pair');
    assert.equal(answer.status, 429);
    assert.equal(errorOf(answer).code, 'upstream_rate_limited');
    assert.equal(answer.headers['retry-after'], '5');
    assert.equal(answer.headers['retry-after-ms'], '5000');
    assertNoSecrets(answer, secrets);
  });

  it('starts a stream on the second backend when the first refuses before the first byte', async () => {
    primary.setFault({ kind: 'rate-limit', retryAfterSeconds: 1 });
    const stream = await new OpenAI({
      baseURL: `${hangar.url}/v1`,
      apiKey: CLIENT_KEY,
      maxRetries: 0,
    }).chat.completions.create({
      model: 'pair',
      messages: [{ role: 'user', content: 'hello there' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, echoText('hello there'));
    assert.equal(secondary.requests.length, 1);
  });

  it('never restarts a stream that broke after it began', async () => {
    primary.setFault({ kind: 'cut-stream', afterChunks: 2 });
    const answer = await chat('pair', { stream: true });
    assert.equal(answer.status, 200);
    const last = sseData(answer.text).at(-1) as { error?: { code: string } };
    assert.equal(last.error?.code, 'upstream_error');
    assert.equal(secondary.requests.length, 0);
  });
});
