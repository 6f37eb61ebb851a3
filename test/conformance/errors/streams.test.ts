import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import { echoText, type Emulator, type StreamFraming } from '../../support/emulators/index.js';
import { startVendorFleet, type VendorFleet } from '../../support/vendor-fleet.js';
import {
  ANTHROPIC_HEADERS,
  anthropicBody,
  assertNoSecrets,
  openAiChatBody,
  rawCall,
  sseData,
  sseEventNames,
  vendorKeys,
  waitFor,
} from './error-helpers.js';

/*
 * Streams that go wrong after the headers: the client keeps what arrived and then gets an error frame its
 * SDK throws on, never a clean end that would pass a truncated answer off as complete.
 */

const PROMPT = 'tell me about the weather in Paris today';

/** Reads an OpenAI SDK stream to its end; returns the text and what was thrown, if anything. */
async function drainOpenAi(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  let text = '';
  try {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  } catch (error) {
    return { text, error };
  }
  return { text, error: undefined };
}

async function drainAnthropic(stream: AsyncIterable<Anthropic.RawMessageStreamEvent>) {
  let text = '';
  try {
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
  } catch (error) {
    return { text, error };
  }
  return { text, error: undefined };
}

describe('stream faults', () => {
  let fleet: VendorFleet;
  let openai: OpenAI;
  let anthropic: Anthropic;
  let secrets: string[];

  before(async () => {
    fleet = await startVendorFleet();
    openai = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: fleet.hangar.url, apiKey: fleet.clientKey, maxRetries: 0 });
    secrets = vendorKeys([fleet.openai, fleet.xai, fleet.deepseek, fleet.azure, fleet.anthropic]);
  });
  after(async () => {
    const s = Date.now();
    await fleet.hangar.close();
    console.log('hangar close', Date.now() - s);
    await fleet.close().catch(() => {});
    console.log('all close', Date.now() - s);
  });
  beforeEach(() => fleet.reset());

  const openAiStream = (model: string) =>
    openai.chat.completions.create({ model, messages: [{ role: 'user', content: PROMPT }], stream: true });
  const anthropicStream = (model: string) =>
    anthropic.messages.create({ model, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], stream: true });

  describe('a stream cut mid-way', () => {
    // Enough frames for the first piece of text: OpenAI's role chunk and one delta; Anthropic's message_start,
    // ping, content_block_start and one delta.
    for (const [model, emulatorName, afterChunks] of [
      ['chat-openai', 'openai', 3],
      ['chat-anthropic', 'anthropic', 4],
    ] as const) {
      it(`makes the openai SDK throw after the text that came (${model})`, async () => {
        fleet[emulatorName].setFault({ kind: 'cut-stream', afterChunks });
        const { text, error } = await drainOpenAi(await openAiStream(model));
        assert.ok(error instanceof OpenAI.APIError, `expected an APIError, got ${String(error)}`);
        assert.match(error.message, /ended early|failed/);
        assert.ok(text.length > 0, 'the text before the cut arrived');
        assert.ok(echoText(PROMPT).startsWith(text) && text !== echoText(PROMPT), `partial text: ${text}`);
      });

      it(`makes the anthropic SDK throw after the text that came (${model})`, async () => {
        fleet[emulatorName].setFault({ kind: 'cut-stream', afterChunks });
        const { text, error } = await drainAnthropic(await anthropicStream(model));
        assert.ok(error instanceof Anthropic.APIError, `expected an APIError, got ${String(error)}`);
        assert.ok(text.length > 0, 'the text before the cut arrived');
        assert.ok(echoText(PROMPT).startsWith(text) && text !== echoText(PROMPT), `partial text: ${text}`);
      });
    }

    it('ends the OpenAI wire with an error frame and no [DONE]', async () => {
      fleet.openai.setFault({ kind: 'cut-stream', afterChunks: 3 });
      const answer = await rawCall(`${fleet.hangar.url}/v1/chat/completions`, {
        headers: { authorization: `Bearer ${fleet.clientKey}` },
        body: openAiChatBody('chat-openai', { stream: true }),
      });
      assert.equal(answer.status, 200);
      const frames = sseData(answer.text);
      assert.ok(!frames.includes('[DONE]'), 'a cut stream must not claim to be complete');
      const last = frames.at(-1) as { error?: { code: string; type: string } };
      assert.equal(last.error?.code, 'upstream_error');
      assert.equal(last.error?.type, 'server_error');
      assertNoSecrets(answer, secrets);
    });

    it('ends the Azure AI Inference wire with its own error frame', async () => {
      fleet.deepseek.setFault({ kind: 'cut-stream', afterChunks: 2 });
      const answer = await rawCall(`${fleet.hangar.url}/models/chat/completions?api-version=2025-04-01`, {
        headers: { 'api-key': fleet.clientKey },
        body: openAiChatBody('chat-deepseek', { stream: true }),
      });
      const frames = sseData(answer.text);
      assert.ok(!frames.includes('[DONE]'));
      assert.deepEqual(Object.keys((frames.at(-1) as { error: object }).error).sort(), ['code', 'message']);
    });

    it('ends the Azure OpenAI wire with its own error frame', async () => {
      fleet.azure.setFault({ kind: 'cut-stream', afterChunks: 2 });
      const answer = await rawCall(
        `${fleet.hangar.url}/openai/deployments/chat-azure/chat/completions?api-version=2024-10-21`,
        { headers: { 'api-key': fleet.clientKey }, body: openAiChatBody('chat-azure', { stream: true }) },
      );
      const last = sseData(answer.text).at(-1) as { error?: { code: string } };
      assert.equal(last.error?.code, 'upstream_error');
    });

    it('ends the Anthropic wire with event: error', async () => {
      fleet.anthropic.setFault({ kind: 'cut-stream', afterChunks: 3 });
      const answer = await rawCall(`${fleet.hangar.url}/v1/messages`, {
        headers: { 'x-api-key': fleet.clientKey, ...ANTHROPIC_HEADERS },
        body: anthropicBody('chat-anthropic', { stream: true }),
      });
      const events = sseEventNames(answer.text);
      assert.equal(events.at(-1), 'error');
      assert.ok(!events.includes('message_stop'));
      const last = sseData(answer.text).at(-1) as { type: string; error: { type: string } };
      assert.deepEqual([last.type, last.error.type], ['error', 'api_error']);
    });
  });

  describe("the vendor's own error frame", () => {
    it('makes the openai SDK throw with the vendor message', async () => {
      fleet.openai.setFault({ kind: 'error-frame', afterChunks: 2 });
      const { error } = await drainOpenAi(await openAiStream('chat-openai'));
      assert.ok(error instanceof OpenAI.APIError, String(error));
      assert.match(error.message, /The server had an error/);
    });

    it('makes the anthropic SDK throw on an Anthropic overloaded_error frame', async () => {
      fleet.anthropic.setFault({ kind: 'error-frame', afterChunks: 3 });
      const { error } = await drainAnthropic(await anthropicStream('chat-anthropic'));
      assert.ok(error instanceof Anthropic.APIError, String(error));
      assert.match(error.message, /Overloaded/);
    });

    it('keeps an overloaded frame overloaded when the client speaks another dialect', async () => {
      fleet.anthropic.setFault({ kind: 'error-frame', afterChunks: 3 });
      const answer = await rawCall(`${fleet.hangar.url}/v1/chat/completions`, {
        headers: { authorization: `Bearer ${fleet.clientKey}` },
        body: openAiChatBody('chat-anthropic', { stream: true }),
      });
      const last = sseData(answer.text).at(-1) as { error?: { code: string } };
      assert.equal(last.error?.code, 'upstream_unavailable');
    });

    it('passes an OpenAI error frame to an Anthropic client as event: error', async () => {
      fleet.openai.setFault({ kind: 'error-frame', afterChunks: 2 });
      const { error } = await drainAnthropic(await anthropicStream('chat-openai'));
      assert.ok(error instanceof Anthropic.APIError, String(error));
    });
  });

  describe('stream framings through Hangar', () => {
    const framings: [string, StreamFraming][] = [
      ['CRLF line endings', { lineEnding: '\r\n' }],
      ['frames split into bytes', { split: 'bytes' }],
      ['several frames per write', { split: 'packed' }],
      ['keep-alive comments', { keepAliveComments: true }],
      ['all of them at once', { lineEnding: '\r\n', split: 'bytes', keepAliveComments: true }],
    ];
    for (const [label, framing] of framings) {
      it(`reassembles the text with ${label}`, async () => {
        const upstreams: Emulator[] = [fleet.openai, fleet.azure, fleet.xai, fleet.anthropic];
        for (const upstream of upstreams) upstream.setFraming(framing);
        for (const model of ['chat-openai', 'chat-azure', 'chat-xai', 'chat-anthropic']) {
          const { text, error } = await drainOpenAi(await openAiStream(model));
          assert.equal(error, undefined, `${model}: ${String(error)}`);
          assert.equal(text, echoText(PROMPT), model);
        }
        for (const model of ['chat-anthropic', 'chat-openai']) {
          const message = await anthropic.messages
            .stream({ model, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }] })
            .finalMessage();
          assert.deepEqual(
            message.content.map((block) => (block.type === 'text' ? block.text : block.type)),
            [echoText(PROMPT)],
            model,
          );
        }
        const azure = new AzureOpenAI({
          endpoint: fleet.hangar.url,
          apiKey: fleet.clientKey,
          apiVersion: '2024-10-21',
          deployment: 'chat-azure',
          maxRetries: 0,
        });
        const { text } = await drainOpenAi(
          await azure.chat.completions.create({
            model: 'chat-azure',
            messages: [{ role: 'user', content: PROMPT }],
            stream: true,
          }),
        );
        assert.equal(text, echoText(PROMPT));
      });
    }
  });

  describe('a client that leaves early', () => {
    // Each test's client has its own connection pool, closed at the end, so the abandoned connection is the
    // client's to close (see the report: a shared pool left Hangar's shutdown waiting ~70 s).
    let agent: Agent;
    beforeEach(() => {
      agent = new Agent();
    });
    afterEach(() => agent.close());
    const leavingClient = () =>
      new OpenAI({
        baseURL: `${fleet.hangar.url}/v1`,
        apiKey: fleet.clientKey,
        maxRetries: 0,
        fetch: ((url: string, init: RequestInit) =>
          undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch,
      });

    /** Streams from `model` through a fresh client and leaves after the first text. */
    async function leaveEarly(model: string): Promise<void> {
      const stream = await leavingClient().chat.completions.create({
        model,
        messages: [{ role: 'user', content: PROMPT }],
        stream: true,
      });
      for await (const chunk of stream) if ((chunk.choices[0]?.delta.content ?? '') !== '') break;
    }

    for (const [model, emulatorName] of [
      ['chat-openai', 'openai'],
      ['chat-anthropic', 'anthropic'],
    ] as const) {
      it(`cancels the upstream when the openai SDK stream is abandoned (${model})`, async () => {
        fleet[emulatorName].setFraming({ chunkDelayMs: 150 });
        await leaveEarly(model);
        await waitFor(() => fleet[emulatorName].clientAborts >= 1, 'the upstream never saw the client leave');
        await waitFor(() => fleet.hangar.usage.length === 1, 'the abandoned call was not metered');
      });
    }

    it('meters an abandoned stream as client_abort, with what was generated', async () => {
      fleet.openai.setFraming({ chunkDelayMs: 150 });
      await leaveEarly('chat-openai');
      await waitFor(() => fleet.hangar.usage.length === 1, 'the abandoned call was not metered');
      const [event] = fleet.hangar.usage;
      assert.equal(event?.outcome, 'client_abort');
      assert.ok((event?.usage.output ?? 0) > 0, 'the text that reached the client is billed');
      assert.equal(event?.usage.raw, null, "counted by Hangar's tokenizer, so the ledger marks it estimated");
      assert.ok((event?.usage.input ?? 0) > 8, 'the prompt is billed too');
    });

    it('cancels the upstream when the anthropic SDK stream is abandoned', async () => {
      fleet.anthropic.setFraming({ chunkDelayMs: 150 });
      const client = new Anthropic({
        baseURL: fleet.hangar.url,
        apiKey: fleet.clientKey,
        maxRetries: 0,
        fetch: ((url: string, init: RequestInit) =>
          undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch,
      });
      const stream = await client.messages.create({
        model: 'chat-anthropic',
        max_tokens: 256,
        messages: [{ role: 'user', content: PROMPT }],
        stream: true,
      });
      for await (const event of stream) if (event.type === 'content_block_delta') break;
      await waitFor(() => fleet.anthropic.clientAborts >= 1, 'the upstream never saw the client leave');
    });
  });
});
