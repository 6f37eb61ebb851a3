import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { AzureOpenAI } from 'openai';
import { startAnthropicEmulator, startAzureOpenAiEmulator, startOpenAiStyleEmulator } from './index.js';
import type { Emulator } from './index.js';

const messages = [{ role: 'user' as const, content: 'one two three four five six' }];

async function collectText(stream: AsyncIterable<OpenAI.ChatCompletionChunk>, seen: string[]): Promise<void> {
  for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}

describe('faults on the OpenAI emulator', () => {
  let emulator: Emulator;
  let client: OpenAI;
  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai', streamChunks: 6 });
    client = new OpenAI({ apiKey: emulator.apiKey, baseURL: emulator.baseUrl, maxRetries: 0 });
  });
  beforeEach(() => emulator.reset());
  after(() => emulator.close());

  const create = () => client.chat.completions.create({ model: 'gpt-4o', messages });
  const stream = () => client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });

  it('status: answers the given status for `times` requests, then recovers', async () => {
    emulator.setFault({ kind: 'status', status: 503, times: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await assert.rejects(
        create(),
        (error: unknown) => error instanceof OpenAI.InternalServerError && error.status === 503,
      );
    }
    assert.equal((await create()).choices[0]?.finish_reason, 'stop');
    assert.equal(emulator.requests.length, 3);
  });

  it('status: uses the given body and headers, and lasts until cleared without `times`', async () => {
    emulator.setFault({
      kind: 'status',
      status: 429,
      body: { error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
      headers: { 'x-should-retry': 'false' },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await assert.rejects(create(), (error: unknown) => {
        assert.ok(error instanceof OpenAI.RateLimitError);
        assert.equal(error.code, 'insufficient_quota');
        assert.equal(error.headers?.get('x-should-retry'), 'false');
        return true;
      });
    }
    emulator.setFault(undefined);
    await create();
  });

  it('rate-limit: the OpenAI 429 body with retry-after and retry-after-ms', async () => {
    emulator.setFault({ kind: 'rate-limit', retryAfterSeconds: 2, times: 1 });
    await assert.rejects(create(), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.type, 'requests');
      assert.equal(error.headers?.get('retry-after'), '2');
      assert.equal(error.headers?.get('retry-after-ms'), '2000');
      return true;
    });
  });

  it('rate-limit: the SDK honours retry-after-ms and retries', async () => {
    emulator.setFault({ kind: 'rate-limit', retryAfterSeconds: 0, times: 1 });
    const retrying = new OpenAI({ apiKey: emulator.apiKey, baseURL: emulator.baseUrl, maxRetries: 1 });
    const completion = await retrying.chat.completions.create({ model: 'gpt-4o', messages });
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(
      emulator.requests.map((request) => request.headers['x-stainless-retry-count']),
      ['0', '1'],
    );
  });

  it('slow-first-byte: delays the response; a shorter client timeout fails', async () => {
    emulator.setFault({ kind: 'slow-first-byte', delayMs: 150, times: 1 });
    const started = Date.now();
    await create();
    assert.ok(Date.now() - started >= 140);
    emulator.setFault({ kind: 'slow-first-byte', delayMs: 300, times: 1 });
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4o', messages }, { timeout: 50 }),
      OpenAI.APIConnectionTimeoutError,
    );
    await waitFor(() => emulator.clientAborts === 1);
  });

  it('reset: destroys the socket before any response, the request still recorded', async () => {
    emulator.setFault({ kind: 'reset', times: 1 });
    await assert.rejects(create(), OpenAI.APIConnectionError);
    assert.equal(emulator.requests.length, 1);
    assert.equal(emulator.clientAborts, 0, 'a server-side reset is not a client abort');
  });

  it('cut-stream: the stream ends mid-way without [DONE]; a JSON body ends half-way', async () => {
    emulator.setFault({ kind: 'cut-stream', afterChunks: 3 });
    const seen: string[] = [];
    await assert.rejects(collectText(await stream(), seen));
    assert.equal(seen.length, 3);
    // undici reports the short body as a TypeError ("terminated"); the SDK passes it through.
    await assert.rejects(create(), /terminated/);
  });

  it('error-frame: sends data: {"error":…} after the given chunks, which the SDK throws as APIError', async () => {
    emulator.setFault({ kind: 'error-frame', afterChunks: 2, times: 1 });
    const seen: string[] = [];
    await assert.rejects(collectText(await stream(), seen), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.match(error.message, /The server had an error while processing your request/);
      return true;
    });
    assert.equal(seen.length, 2);
  });

  it('counts a client that abandons a stream', async () => {
    emulator.setFraming({ chunkDelayMs: 30 });
    const abortable = await stream();
    for await (const chunk of abortable) {
      assert.equal(chunk.choices[0]?.delta.role, 'assistant');
      break;
    }
    await waitFor(() => emulator.clientAborts === 1);
  });

  it('delays every response by latencyMs', async () => {
    const slow = await startOpenAiStyleEmulator({ flavor: 'openai', latencyMs: 80 });
    try {
      const slowClient = new OpenAI({ apiKey: slow.apiKey, baseURL: slow.baseUrl, maxRetries: 0 });
      const started = Date.now();
      await slowClient.models.list();
      assert.ok(Date.now() - started >= 75);
    } finally {
      await slow.close();
    }
  });

  it('reset() clears requests, fault and framing', async () => {
    emulator.setFault({ kind: 'status', status: 500 });
    emulator.setFraming({ chunkDelayMs: 1000 });
    await assert.rejects(create());
    emulator.reset();
    assert.equal(emulator.requests.length, 0);
    const started = Date.now();
    const seen: string[] = [];
    await collectText(await stream(), seen);
    assert.ok(Date.now() - started < 900);
  });
});

describe('faults on the Anthropic and Azure emulators', () => {
  let anthropicEmulator: Emulator;
  let azureEmulator: Emulator;
  let anthropic: Anthropic;
  let azure: AzureOpenAI;
  before(async () => {
    anthropicEmulator = await startAnthropicEmulator();
    azureEmulator = await startAzureOpenAiEmulator();
    anthropic = new Anthropic({ apiKey: anthropicEmulator.apiKey, baseURL: anthropicEmulator.url, maxRetries: 0 });
    azure = new AzureOpenAI({
      endpoint: azureEmulator.url,
      apiKey: azureEmulator.apiKey,
      apiVersion: '2024-10-21',
      deployment: 'gpt-4o',
      maxRetries: 0,
    });
  });
  after(async () => {
    await anthropicEmulator.close();
    await azureEmulator.close();
  });

  const anthropicStream = () => anthropic.messages.stream({ model: 'm', max_tokens: 100, messages }).finalMessage();

  it('Anthropic error-frame: event: error with overloaded_error, which the SDK throws', async () => {
    anthropicEmulator.setFault({ kind: 'error-frame', afterChunks: 3, times: 1 });
    await assert.rejects(anthropicStream(), (error: unknown) => {
      assert.ok(error instanceof Anthropic.APIError);
      assert.match(error.message, /overloaded_error|Overloaded/);
      return true;
    });
  });

  it('Anthropic cut-stream, reset and 500 status each fail the call', async () => {
    anthropicEmulator.setFault({ kind: 'cut-stream', afterChunks: 3, times: 1 });
    await assert.rejects(anthropicStream());
    anthropicEmulator.setFault({ kind: 'reset', times: 1 });
    await assert.rejects(anthropicStream(), Anthropic.APIConnectionError);
    anthropicEmulator.setFault({ kind: 'status', status: 500, times: 1 });
    await assert.rejects(anthropicStream(), (error: unknown) => {
      assert.ok(error instanceof Anthropic.InternalServerError);
      assert.equal((error.error as { error: { type: string } }).error.type, 'api_error');
      return true;
    });
    assert.equal((await anthropicStream()).stop_reason, 'end_turn');
  });

  it('Anthropic counts a client abort', async () => {
    anthropicEmulator.setFraming({ chunkDelayMs: 30 });
    const stream = anthropic.messages.stream({ model: 'm', max_tokens: 100, messages });
    for await (const event of stream) {
      assert.equal(event.type, 'message_start');
      break;
    }
    await waitFor(() => anthropicEmulator.clientAborts === 1);
    anthropicEmulator.reset();
  });

  it('Azure error-frame and status faults use the OpenAI frame and Azure bodies', async () => {
    azureEmulator.setFault({ kind: 'error-frame', afterChunks: 2, times: 1 });
    const stream = await azure.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    const seen: string[] = [];
    await assert.rejects(collectText(stream, seen), OpenAI.APIError);
    assert.equal(seen.length, 2, 'the annotation chunk and the role chunk');
    azureEmulator.setFault({ kind: 'status', status: 503, times: 1 });
    await assert.rejects(
      azure.chat.completions.create({ model: 'gpt-4o', messages }),
      (error: unknown) => error instanceof OpenAI.InternalServerError && error.code === 'ServiceUnavailable',
    );
  });
});
