import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { Emulator, Fault } from '../../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../../support/start-hangar.js';
import { startVendorFleet, type VendorFleet } from '../../support/vendor-fleet.js';
import {
  ANTHROPIC_HEADERS,
  anthropicBody,
  assertNoSecrets,
  assertRequestIds,
  openAiChatBody,
  rawCall,
  vendorKeys,
  type RawAnswer,
} from './error-helpers.js';

/*
 * What a client sees when the vendor misbehaves: the status the SDKs' retry rules expect, the vendor's
 * retry hints passed on, the vendor's status named, and never the vendor's credentials.
 */

type EmulatorName = 'openai' | 'azure' | 'deepseek' | 'anthropic';

interface Target {
  label: string;
  dialect: 'openai' | 'azure-openai' | 'azure-inference' | 'anthropic';
  emulator: EmulatorName;
  path: string;
  headers(key: string): Record<string, string>;
  body: Record<string, unknown>;
}

const TARGETS: Target[] = [
  {
    label: 'openai → openai',
    dialect: 'openai',
    emulator: 'openai',
    path: '/v1/chat/completions',
    headers: (key) => ({ authorization: `Bearer ${key}` }),
    body: openAiChatBody('chat-openai'),
  },
  {
    label: 'azure-openai → azure',
    dialect: 'azure-openai',
    emulator: 'azure',
    path: '/openai/deployments/chat-azure/chat/completions?api-version=2024-10-21',
    headers: (key) => ({ 'api-key': key }),
    body: openAiChatBody('chat-azure'),
  },
  {
    label: 'azure-inference → deepseek',
    dialect: 'azure-inference',
    emulator: 'deepseek',
    path: '/models/chat/completions?api-version=2025-04-01',
    headers: (key) => ({ 'api-key': key, authorization: `Bearer ${key}` }),
    body: openAiChatBody('chat-deepseek'),
  },
  {
    label: 'anthropic → anthropic',
    dialect: 'anthropic',
    emulator: 'anthropic',
    path: '/v1/messages',
    headers: (key) => ({ 'x-api-key': key, ...ANTHROPIC_HEADERS }),
    body: anthropicBody('chat-anthropic'),
  },
  {
    label: 'openai → anthropic',
    dialect: 'openai',
    emulator: 'anthropic',
    path: '/v1/chat/completions',
    headers: (key) => ({ authorization: `Bearer ${key}` }),
    body: openAiChatBody('chat-anthropic'),
  },
];

interface FaultCase {
  label: string;
  fault: Fault;
  status: number;
  code: string;
  message: RegExp;
}

const FAULTS: FaultCase[] = [
  { label: 'a 500', fault: { kind: 'status', status: 500 }, status: 502, code: 'upstream_error', message: /\(500\)/ },
  { label: 'a 502', fault: { kind: 'status', status: 502 }, status: 502, code: 'upstream_error', message: /\(502\)/ },
  {
    label: 'a 503',
    fault: { kind: 'status', status: 503 },
    status: 503,
    code: 'upstream_unavailable',
    message: /\(503\)/,
  },
  { label: 'a 504', fault: { kind: 'status', status: 504 }, status: 504, code: 'upstream_timeout', message: /\(504\)/ },
  { label: 'a reset connection', fault: { kind: 'reset' }, status: 502, code: 'upstream_error', message: /connection/ },
  {
    label: 'half a JSON body',
    fault: { kind: 'cut-stream', afterChunks: 0 },
    status: 502,
    code: 'upstream_error',
    message: /upstream/,
  },
  {
    label: 'a 401 for Hangar’s own key',
    fault: { kind: 'status', status: 401 },
    status: 502,
    code: 'upstream_error',
    message: /credentials \(401\)/,
  },
];

const ANTHROPIC_TYPES: Record<number, string> = { 502: 'api_error', 503: 'overloaded_error', 504: 'timeout_error' };

function assertFaultAnswer(target: Target, answer: RawAnswer, expected: Omit<FaultCase, 'label' | 'fault'>) {
  assert.equal(answer.status, expected.status, answer.text);
  assertRequestIds(answer, target.dialect.startsWith('azure'));
  if (target.dialect === 'anthropic') {
    const body = answer.json as { error: { type: string; message: string } };
    assert.equal(body.error.type, ANTHROPIC_TYPES[expected.status] ?? '');
    assert.match(body.error.message, expected.message);
    return;
  }
  const body = answer.json as { error: { code: string; message: string } };
  assert.equal(body.error.code, expected.code, answer.text);
  assert.match(body.error.message, expected.message);
  if (target.dialect !== 'openai') assert.equal(answer.headers['x-ms-error-code'], expected.code);
}

describe('upstream faults', () => {
  let fleet: VendorFleet;
  let secrets: string[];
  const emulator = (name: EmulatorName): Emulator => fleet[name];
  const send = (target: Target, body: Record<string, unknown> = target.body) =>
    rawCall(`${fleet.hangar.url}${target.path}`, { headers: target.headers(fleet.clientKey), body });

  before(async () => {
    fleet = await startVendorFleet();
    secrets = vendorKeys([fleet.openai, fleet.xai, fleet.deepseek, fleet.azure, fleet.anthropic]);
  });
  after(() => fleet.close());
  beforeEach(() => fleet.reset());

  for (const target of TARGETS) {
    describe(target.label, () => {
      for (const { label, fault, ...expected } of FAULTS) {
        it(`turns ${label} into ${expected.status} ${expected.code}`, async () => {
          emulator(target.emulator).setFault(fault);
          const answer = await send(target);
          assertFaultAnswer(target, answer, expected);
          assertNoSecrets(answer, secrets);
          assert.equal(emulator(target.emulator).requests.length, 1, 'no hidden retry on a single backend');
        });
      }

      it('passes a 429 on with retry-after and retry-after-ms', async () => {
        emulator(target.emulator).setFault({ kind: 'rate-limit', retryAfterSeconds: 7 });
        const answer = await send(target);
        assert.equal(answer.status, 429, answer.text);
        assert.equal(answer.headers['retry-after'], '7');
        assert.equal(answer.headers['retry-after-ms'], '7000');
        assert.equal(answer.headers['x-should-retry'], undefined);
        assertRequestIds(answer, target.dialect.startsWith('azure'));
        assertNoSecrets(answer, secrets);
      });

      it('turns a stream request that fails before the first byte into a plain error answer', async () => {
        emulator(target.emulator).setFault({ kind: 'status', status: 500 });
        const answer = await send(target, { ...target.body, stream: true });
        assertFaultAnswer(target, answer, { status: 502, code: 'upstream_error', message: /\(500\)/ });
        assert.match(answer.headers['content-type'] ?? '', /application\/json/);
      });
    });
  }

  it('turns an Anthropic 529 into 503 overloaded_error', async () => {
    fleet.anthropic.setFault({ kind: 'status', status: 529 });
    const answer = await send(TARGETS[3]!);
    assertFaultAnswer(TARGETS[3]!, answer, { status: 503, code: 'upstream_unavailable', message: /\(529\)/ });
  });

  it('caps a long retry-after at 60 seconds', async () => {
    fleet.openai.setFault({ kind: 'rate-limit', retryAfterSeconds: 3600 });
    const answer = await send(TARGETS[0]!);
    assert.equal(answer.status, 429);
    assert.equal(answer.headers['retry-after'], '60');
    assert.equal(answer.headers['retry-after-ms'], '60000');
  });

  it('marks a spent vendor quota with x-should-retry: false', async () => {
    fleet.openai.setFault({
      kind: 'status',
      status: 429,
      body: {
        error: {
          message: 'You exceeded your current quota.',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      },
    });
    const answer = await send(TARGETS[0]!);
    assert.equal(answer.status, 429);
    assert.equal(answer.headers['x-should-retry'], 'false');
    assert.match(answer.text, /exceeded your current quota/);
  });

  describe('through the SDKs', () => {
    const openai = () => new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
    const chat = (model: string) =>
      openai()
        .chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);

    it('openai: RateLimitError with the retry headers readable', async () => {
      fleet.openai.setFault({ kind: 'rate-limit', retryAfterSeconds: 3 });
      const error = await chat('chat-openai');
      assert.ok(error instanceof OpenAI.RateLimitError, String(error));
      assert.equal(error.headers.get('retry-after'), '3');
      assert.equal(error.headers.get('retry-after-ms'), '3000');
      assert.equal(error.code, 'upstream_rate_limited');
      assert.match(error.message, /Rate limit reached/);
    });

    it('openai: InternalServerError 502 naming the upstream status', async () => {
      fleet.openai.setFault({ kind: 'status', status: 500 });
      const error = await chat('chat-openai');
      assert.ok(error instanceof OpenAI.InternalServerError, String(error));
      assert.equal(error.status, 502);
      assert.match(error.message, /\(500\)/);
    });

    it('openai: BadRequestError carrying the vendor message and param', async () => {
      fleet.deepseek.setFault({
        kind: 'status',
        status: 400,
        body: {
          error: {
            message: 'The reasoning_content is an intermediate result for display purposes only.',
            type: 'invalid_request_error',
            param: 'messages',
            code: 'invalid_request_error',
          },
        },
      });
      const error = await chat('chat-deepseek');
      assert.ok(error instanceof OpenAI.BadRequestError, String(error));
      assert.equal(error.code, 'upstream_bad_request');
      assert.equal(error.param, 'messages');
      assert.match(error.message, /reasoning_content is an intermediate result/);
    });

    it('openai: BadRequestError carrying xAI’s message from its own envelope', async () => {
      fleet.xai.setFault({
        kind: 'status',
        status: 400,
        body: {
          code: 'Client specified an invalid argument',
          error: 'Model grok-3 does not support parameter reasoningEffort.',
        },
      });
      const error = await chat('chat-xai');
      assert.ok(error instanceof OpenAI.BadRequestError, String(error));
      assert.match(error.message, /does not support parameter reasoningEffort/);
    });

    it('anthropic: RateLimitError with the retry headers, OverloadedError-style 503 for 529', async () => {
      const client = new Anthropic({ baseURL: fleet.hangar.url, apiKey: fleet.clientKey, maxRetries: 0 });
      const params = { model: 'chat-anthropic', max_tokens: 32, messages: [{ role: 'user' as const, content: 'hi' }] };
      fleet.anthropic.setFault({ kind: 'rate-limit', retryAfterSeconds: 4, times: 1 });
      const limited = await client.messages.create(params).catch((caught: unknown) => caught);
      assert.ok(limited instanceof Anthropic.RateLimitError, String(limited));
      assert.equal(limited.headers.get('retry-after'), '4');
      assert.equal(limited.headers.get('retry-after-ms'), '4000');
      fleet.anthropic.setFault({ kind: 'status', status: 529, times: 1 });
      const overloaded = await client.messages.create(params).catch((caught: unknown) => caught);
      assert.ok(overloaded instanceof Anthropic.InternalServerError, String(overloaded));
      assert.equal(overloaded.status, 503);
      assert.equal((overloaded.error as { error?: { type?: string } }).error?.type, 'overloaded_error');
    });
  });

  describe('vendor text that contains the vendor key', () => {
    for (const status of [400, 429, 500, 503]) {
      it(`redacts the key from a ${status} message`, async () => {
        fleet.openai.setFault({
          kind: 'status',
          status,
          body: {
            error: {
              message: `Key ${fleet.openai.apiKey} is not allowed here.`,
              type: 'invalid_request_error',
              param: null,
              code: null,
            },
          },
          headers: { 'retry-after': '1' },
        });
        const answer = await send(TARGETS[0]!);
        assert.ok(answer.status >= 400);
        assert.match(answer.text, /is not allowed here/, 'the vendor message is still shown');
        assertNoSecrets(answer, secrets);
      });
    }

    it('redacts the key from an Anthropic 400 in the Anthropic dialect', async () => {
      fleet.anthropic.setFault({
        kind: 'status',
        status: 400,
        body: { type: 'error', error: { type: 'invalid_request_error', message: `bad key ${fleet.anthropic.apiKey}` } },
      });
      const answer = await send(TARGETS[3]!);
      assert.equal(answer.status, 400);
      assertNoSecrets(answer, secrets);
    });
  });

  describe('a connection timeout', () => {
    let hangar: HangarUnderTest;

    before(async () => {
      const connection = (name: string, provider: string, target: Emulator, key: string) =>
        `  - name: ${name}\n    provider: ${provider}\n    base_url: ${target.baseUrl}\n    api_key: \${${key}}\n    timeout_ms: 150\n`;
      hangar = await startHangar({
        yaml:
          `connections:\n${connection('openai', 'openai', fleet.openai, 'OPENAI_KEY')}` +
          `${connection('anthropic', 'anthropic', fleet.anthropic, 'ANTHROPIC_KEY')}` +
          `projects:\n  - name: slow\n    keys:\n      - name: tests\n        value: \${CLIENT_KEY}\n    deployments:\n` +
          `      - name: chat-openai\n        model: gpt-4o\n        backends:\n          - connection: openai\n            model: gpt-4o\n` +
          `        routing:\n          max_attempts: 1\n` +
          `      - name: chat-anthropic\n        model: claude-sonnet-4-5\n        backends:\n          - connection: anthropic\n            model: claude-sonnet-4-5\n` +
          `        routing:\n          max_attempts: 1\n`,
        env: { OPENAI_KEY: fleet.openai.apiKey, ANTHROPIC_KEY: fleet.anthropic.apiKey, CLIENT_KEY: fleet.clientKey },
      });
    });
    after(() => hangar?.close());

    for (const target of [TARGETS[0]!, TARGETS[3]!]) {
      for (const stream of [false, true]) {
        it(`answers 504 when the first byte is late (${target.label}, stream: ${stream})`, async () => {
          emulator(target.emulator).setFault({ kind: 'slow-first-byte', delayMs: 1500, times: 1 });
          const started = Date.now();
          const answer = await rawCall(`${hangar.url}${target.path}`, {
            headers: target.headers(fleet.clientKey),
            body: { ...target.body, stream },
          });
          assertFaultAnswer(target, answer, {
            status: 504,
            code: 'upstream_timeout',
            message: /did not answer/,
          });
          assert.ok(
            Date.now() - started < 1000,
            'Hangar gave up at the connection timeout, not when the vendor answered',
          );
          assertNoSecrets(answer, secrets);
        });
      }
    }

    it('gives up close to timeout_ms', async () => {
      fleet.openai.setFault({ kind: 'slow-first-byte', delayMs: 1500, times: 1 });
      const started = Date.now();
      const answer = await rawCall(`${hangar.url}/v1/chat/completions`, {
        headers: { authorization: `Bearer ${fleet.clientKey}` },
        body: openAiChatBody('chat-openai'),
      });
      assert.equal(answer.status, 504);
      assert.ok(Date.now() - started < 600, `took ${Date.now() - started} ms for a 150 ms timeout`);
    });
  });
});
