import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { echoText } from '../../support/emulators/index.js';
import { startVendorFleet, type VendorFleet } from '../../support/vendor-fleet.js';
import {
  ANTHROPIC_HEADERS,
  anthropicBody,
  assertRequestIds,
  errorOf,
  openAiChatBody,
  rawCall,
} from './error-helpers.js';

/*
 * Parameters a backend cannot take: OpenAI-compatible lanes forward unknown ones, translated lanes refuse
 * them by name, settings with no equivalent are dropped with a warning header, and Azure AI Inference
 * clients choose with `extra-parameters`.
 */

const WARNINGS = 'x-hangar-warnings';

describe('parameter policy', () => {
  let fleet: VendorFleet;
  let openai: OpenAI;

  before(async () => {
    fleet = await startVendorFleet();
    openai = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
  });
  after(() => fleet.close());
  beforeEach(() => fleet.reset());

  const openAiCall = (model: string, extra: Record<string, unknown>) =>
    rawCall(`${fleet.hangar.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${fleet.clientKey}` },
      body: openAiChatBody(model, extra),
    });

  describe('openai client on a translated lane (Anthropic deployment)', () => {
    it('refuses an unknown parameter with 400 naming it', async () => {
      const error = await openai.chat.completions
        .create({ model: 'chat-anthropic', messages: [{ role: 'user', content: 'hi' }], logit_bias: { '50256': -100 } })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.BadRequestError, String(error));
      assert.equal(error.code, 'unknown_parameter');
      assert.equal(error.param, 'logit_bias');
      assert.match(error.message, /logit_bias/);
      assert.equal(fleet.anthropic.requests.length, 0);
    });

    it('refuses an unknown parameter in a stream request before the stream starts', async () => {
      const answer = await openAiCall('chat-anthropic', { stream: true, frobnicate: 1 });
      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer).param, 'frobnicate');
      assertRequestIds(answer, false);
    });

    it('drops seed with a warning header', async () => {
      const { data, response } = await openai.chat.completions
        .create({ model: 'chat-anthropic', messages: [{ role: 'user', content: 'hi' }], seed: 42, max_tokens: 50 })
        .withResponse();
      assert.equal(data.choices[0]?.message.content, echoText('hi'));
      assert.match(response.headers.get(WARNINGS) ?? '', /dropped seed/);
      assert.equal((fleet.anthropic.requests[0]?.body as Record<string, unknown>).seed, undefined);
    });

    it('names the dropped settings on a stream too', async () => {
      const stream = await openai.chat.completions
        .create({ model: 'chat-anthropic', messages: [{ role: 'user', content: 'hi' }], seed: 1, stream: true })
        .withResponse();
      assert.match(stream.response.headers.get(WARNINGS) ?? '', /seed/);
      let text = '';
      for await (const chunk of stream.data) text += chunk.choices[0]?.delta.content ?? '';
      assert.equal(text, echoText('hi'));
    });

    it('refuses a known setting the backend cannot honour (n > 1)', async () => {
      const answer = await openAiCall('chat-anthropic', { n: 2 });
      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer).code, 'unsupported_parameter');
      assert.equal(errorOf(answer).param, 'n');
    });
  });

  describe('openai client on an OpenAI-compatible lane', () => {
    it('forwards an unknown parameter verbatim', async () => {
      const answer = await openAiCall('chat-openai', { logit_bias: { '50256': -100 } });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual((fleet.openai.requests[0]?.body as Record<string, unknown>).logit_bias, { '50256': -100 });
      assert.equal(answer.headers[WARNINGS], undefined);
    });
  });

  describe('anthropic client on an OpenAI lane', () => {
    it('refuses an Anthropic-only parameter with 400 naming it', async () => {
      const answer = await rawCall(`${fleet.hangar.url}/v1/messages`, {
        headers: { 'x-api-key': fleet.clientKey, ...ANTHROPIC_HEADERS },
        body: anthropicBody('chat-openai', { top_k: 5 }),
      });
      assert.equal(answer.status, 400, answer.text);
      assert.equal((answer.json as { error: { type: string } }).error.type, 'invalid_request_error');
      assert.match(answer.text, /top_k/);
      assert.equal(fleet.openai.requests.length, 0);
    });
  });

  describe('Azure AI Inference extra-parameters', () => {
    const inference = (model: string, headers: Record<string, string>, extra: Record<string, unknown>) =>
      rawCall(`${fleet.hangar.url}/models/chat/completions?api-version=2025-04-01`, {
        headers: { 'api-key': fleet.clientKey, ...headers },
        body: openAiChatBody(model, extra),
      });
    const sentUpstream = () => fleet.deepseek.requests[0]?.body as Record<string, unknown> | undefined;

    it('refuses unknown parameters by default, naming them', async () => {
      const answer = await inference('chat-deepseek', {}, { safe_mode: true });
      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer).code, 'unknown_parameter');
      assert.equal(answer.headers['x-ms-error-code'], 'unknown_parameter');
      assert.match(errorOf(answer).message ?? '', /'safe_mode'/);
      assert.equal(fleet.deepseek.requests.length, 0);
    });

    it('refuses them with extra-parameters: error', async () => {
      const answer = await inference('chat-deepseek', { 'extra-parameters': 'error' }, { safe_mode: true });
      assert.equal(answer.status, 400);
    });

    for (const headers of [{ 'extra-parameters': 'pass-through' }, { 'unknown-parameters': 'allow' }] as Record<
      string,
      string
    >[]) {
      it(`passes them to an OpenAI-compatible upstream with ${JSON.stringify(headers)}`, async () => {
        const answer = await inference('chat-deepseek', headers, { safe_mode: true });
        assert.equal(answer.status, 200, answer.text);
        assert.equal(sentUpstream()?.safe_mode, true);
      });
    }

    for (const headers of [{ 'extra-parameters': 'drop' }, { 'unknown-parameters': 'ignore' }] as Record<
      string,
      string
    >[]) {
      it(`drops them with ${JSON.stringify(headers)}`, async () => {
        const answer = await inference('chat-deepseek', headers, { safe_mode: true });
        assert.equal(answer.status, 200, answer.text);
        assert.ok(sentUpstream() !== undefined);
        assert.equal(sentUpstream()?.safe_mode, undefined);
      });
    }

    it('treats a parameter outside the Azure schema (n) as extra', async () => {
      const refused = await inference('chat-deepseek', {}, { n: 2 });
      assert.equal(refused.status, 400);
      assert.match(errorOf(refused).message ?? '', /'n'/);
      const passed = await inference('chat-deepseek', { 'extra-parameters': 'pass-through' }, { n: 2 });
      assert.equal(passed.status, 200, passed.text);
      assert.equal(sentUpstream()?.n, 2);
    });

    it('passes extras through to an Anthropic upstream when asked', async () => {
      const answer = await inference('chat-anthropic', { 'extra-parameters': 'pass-through' }, { top_k: 3 });
      assert.equal(answer.status, 200, answer.text);
      assert.equal((fleet.anthropic.requests[0]?.body as Record<string, unknown>).top_k, 3);
    });

    it('answers an unknown extra-parameters value with 400 naming the header', async () => {
      const answer = await inference('chat-deepseek', { 'extra-parameters': 'sometimes' }, {});
      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer).code, 'invalid_request');
      assert.match(errorOf(answer).message ?? '', /extra-parameters/);
    });
  });
});
