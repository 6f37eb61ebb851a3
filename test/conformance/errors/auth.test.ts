import Anthropic from '@anthropic-ai/sdk';
import ModelClient, { isUnexpected } from '@azure-rest/ai-inference';
import { AzureKeyCredential } from '@azure/core-auth';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
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
 * Every SDK's way of sending the key is accepted, and every refusal surfaces as the error class the SDK's
 * users already catch.
 */

const WRONG_KEY = 'hk-wrong-key-for-this-hangar-0000';

describe('authentication and SDK error classes', () => {
  let fleet: VendorFleet;

  before(async () => {
    fleet = await startVendorFleet();
  });
  after(() => fleet.close());
  beforeEach(() => fleet.reset());

  describe('where the key may be', () => {
    const cases: { label: string; path: string; headers: () => Record<string, string>; body: unknown }[] = [
      {
        label: 'api-key on an Azure OpenAI route',
        path: '/openai/deployments/chat-openai/chat/completions?api-version=2024-10-21',
        headers: () => ({ 'api-key': fleet.clientKey }),
        body: openAiChatBody('chat-openai'),
      },
      {
        label: 'Authorization: Bearer on /v1',
        path: '/v1/chat/completions',
        headers: () => ({ authorization: `Bearer ${fleet.clientKey}` }),
        body: openAiChatBody('chat-openai'),
      },
      {
        label: 'a lower-case bearer scheme',
        path: '/v1/chat/completions',
        headers: () => ({ authorization: `bearer ${fleet.clientKey}` }),
        body: openAiChatBody('chat-openai'),
      },
      {
        label: 'api-key and Bearer together, as @azure-rest/ai-inference sends them',
        path: '/models/chat/completions?api-version=2025-04-01',
        headers: () => ({ 'api-key': fleet.clientKey, authorization: `Bearer ${fleet.clientKey}` }),
        body: openAiChatBody('chat-openai'),
      },
      {
        label: 'a stale Bearer beside a good api-key',
        path: '/models/chat/completions?api-version=2025-04-01',
        headers: () => ({ 'api-key': fleet.clientKey, authorization: `Bearer ${WRONG_KEY}` }),
        body: openAiChatBody('chat-openai'),
      },
      {
        label: 'x-api-key on /v1/messages',
        path: '/v1/messages',
        headers: () => ({ 'x-api-key': fleet.clientKey, ...ANTHROPIC_HEADERS }),
        body: anthropicBody('chat-anthropic'),
      },
    ];
    for (const { label, path, headers, body } of cases) {
      it(`accepts ${label}`, async () => {
        const answer = await rawCall(`${fleet.hangar.url}${path}`, { headers: headers(), body });
        assert.equal(answer.status, 200, answer.text);
        assert.match(answer.text, /Echo: hello there/);
      });
    }

    it('refuses a wrong key in every header at once', async () => {
      const answer = await rawCall(`${fleet.hangar.url}/v1/chat/completions`, {
        headers: { 'api-key': WRONG_KEY, authorization: `Bearer ${WRONG_KEY}`, 'x-api-key': WRONG_KEY },
        body: openAiChatBody('chat-openai'),
      });
      assert.equal(answer.status, 401);
      assert.equal(errorOf(answer).code, 'invalid_api_key');
      assertRequestIds(answer, false);
    });

    it('refuses a Bearer scheme with nothing after it', async () => {
      const answer = await rawCall(`${fleet.hangar.url}/v1/chat/completions`, {
        headers: { authorization: 'Bearer ' },
        body: openAiChatBody('chat-openai'),
      });
      assert.equal(answer.status, 401);
      assert.match(errorOf(answer).message ?? '', /No API key/);
    });

    it('checks the key before reading the body', async () => {
      const answer = await rawCall(`${fleet.hangar.url}/v1/chat/completions`, {
        headers: { authorization: `Bearer ${WRONG_KEY}` },
        body: '{not json',
      });
      assert.equal(answer.status, 401, 'a bad key is refused even when the body is unreadable');
    });
  });

  describe('openai', () => {
    it('throws AuthenticationError for a wrong key', async () => {
      const client = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: WRONG_KEY, maxRetries: 0 });
      const error = await client.chat.completions
        .create({ model: 'chat-openai', messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_api_key');
      assert.match(error.requestID ?? '', /^req_/);
    });

    it('throws NotFoundError for an unknown deployment', async () => {
      const client = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
      const error = await client.chat.completions
        .create({ model: 'gpt-nothing', messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.NotFoundError, String(error));
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.param, 'model');
      assert.match(error.message, /gpt-nothing/);
    });

    it('throws BadRequestError naming the parameter', async () => {
      const client = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
      const error = await client.chat.completions
        .create({ model: 'chat-openai', messages: [{ role: 'user', content: 'hi' }], temperature: 7 })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.BadRequestError, String(error));
      assert.equal(error.param, 'temperature');
      assert.equal(error.type, 'invalid_request_error');
      assert.equal(fleet.openai.requests.length, 0);
    });
  });

  describe('AzureOpenAI', () => {
    const azure = (apiKey: string, deployment: string) =>
      new AzureOpenAI({ endpoint: fleet.hangar.url, apiKey, apiVersion: '2024-10-21', deployment, maxRetries: 0 });

    it('sends api-key and answers with the echo', async () => {
      const completion = await azure(fleet.clientKey, 'chat-azure').chat.completions.create({
        model: 'chat-azure',
        messages: [{ role: 'user', content: 'hi' }],
      });
      assert.equal(completion.choices[0]?.message.content, echoText('hi'));
    });

    it('throws AuthenticationError with Azure code 401 for a wrong key', async () => {
      const error = await azure(WRONG_KEY, 'chat-azure')
        .chat.completions.create({ model: 'chat-azure', messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
      assert.equal(error.code, '401');
      assert.equal(error.headers.get('x-ms-error-code'), '401');
    });

    it('throws NotFoundError with DeploymentNotFound for an unknown deployment', async () => {
      const error = await azure(fleet.clientKey, 'no-such-deployment')
        .chat.completions.create({ model: 'no-such-deployment', messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.NotFoundError, String(error));
      assert.equal(error.code, 'DeploymentNotFound');
      assert.ok((error.headers.get('apim-request-id') ?? '') !== '');
    });
  });

  describe('@azure-rest/ai-inference', () => {
    const client = (key: string) =>
      ModelClient(`${fleet.hangar.url}/models`, new AzureKeyCredential(key), {
        allowInsecureConnection: true,
        apiVersion: '2025-04-01',
      });

    it('authenticates with the headers the SDK sends', async () => {
      const response = await client(fleet.clientKey)
        .path('/chat/completions')
        .post({ body: { model: 'chat-openai', messages: [{ role: 'user', content: 'hi' }] } });
      assert.equal(response.status, '200', JSON.stringify(response.body));
    });

    it('gets 401 for a wrong key', async () => {
      const response = await client(WRONG_KEY)
        .path('/chat/completions')
        .post({ body: { model: 'chat-openai', messages: [{ role: 'user', content: 'hi' }] } });
      assert.ok(isUnexpected(response));
      assert.equal(response.status, '401');
      assert.equal(response.body.error.code, 'invalid_api_key');
      assert.ok((response.headers['x-ms-error-code'] ?? '') !== '');
    });

    it('gets 404 unknown_model for an unknown deployment', async () => {
      const response = await client(fleet.clientKey)
        .path('/chat/completions')
        .post({ body: { model: 'phi-nothing', messages: [{ role: 'user', content: 'hi' }] } });
      assert.ok(isUnexpected(response));
      assert.equal(response.status, '404');
      assert.equal(response.body.error.code, 'unknown_model');
      assert.equal(response.body.error.message, 'Unknown model: phi-nothing');
    });
  });

  describe('@anthropic-ai/sdk', () => {
    const client = (key: string) => new Anthropic({ baseURL: fleet.hangar.url, apiKey: key, maxRetries: 0 });
    const params = (model: string) => ({
      model,
      max_tokens: 32,
      messages: [{ role: 'user' as const, content: 'hi' }],
    });

    it('throws AuthenticationError for a wrong key', async () => {
      const error = await client(WRONG_KEY)
        .messages.create(params('chat-anthropic'))
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof Anthropic.AuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.equal((error.error as { error?: { type?: string } }).error?.type, 'authentication_error');
      assert.match(error.requestID ?? '', /^req_/);
    });

    it('throws NotFoundError for an unknown deployment', async () => {
      const error = await client(fleet.clientKey)
        .messages.create(params('claude-nothing'))
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof Anthropic.NotFoundError, String(error));
      assert.match(error.message, /claude-nothing/);
    });

    it('throws BadRequestError for a bad max_tokens', async () => {
      const error = await client(fleet.clientKey)
        .messages.create({ ...params('chat-anthropic'), max_tokens: 0 })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof Anthropic.BadRequestError, String(error));
      assert.match(error.message, /max_tokens/);
      assert.equal(fleet.anthropic.requests.length, 0);
    });
  });
});
