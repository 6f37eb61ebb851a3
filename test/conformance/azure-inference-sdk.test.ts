import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import ModelClient, { isUnexpected } from '@azure-rest/ai-inference';
import { AzureKeyCredential } from '@azure/core-auth';
import { echoText, embeddingVector, reasoningText } from '../support/emulators/index.js';
import { startVendorFleet, type VendorFleet } from '../support/vendor-fleet.js';

describe('@azure-rest/ai-inference against Hangar', () => {
  let fleet: VendorFleet;
  const clientFor = (apiVersion: string) =>
    ModelClient(`${fleet.hangar.url}/models`, new AzureKeyCredential(fleet.clientKey), {
      allowInsecureConnection: true,
      apiVersion,
    });

  before(async () => {
    fleet = await startVendorFleet();
  });
  after(() => fleet.close());
  beforeEach(() => fleet.reset());

  it('routes by the body model, case-insensitively, with the SDK default api-version', async () => {
    const response = await clientFor('2024-05-01-preview')
      .path('/chat/completions')
      .post({ body: { model: 'CHAT-XAI', messages: [{ role: 'user', content: 'hi azure' }] } });
    assert.equal(response.status, '200');
    if (isUnexpected(response)) throw new Error('unexpected');
    assert.equal(response.body.choices[0]?.message.content, echoText('hi azure'));
    assert.equal((response.body as { object?: string }).object, 'chat.completion');
    assert.equal((fleet.xai.requests.at(-1)!.body as { model: string }).model, 'grok-3');
  });

  it('inlines reasoning as <think> on 2024-05-01-preview and returns reasoning_content on 2025-04-01', async () => {
    const body = { model: 'reason-xai', messages: [{ role: 'user', content: 'why' }] };
    const old = await clientFor('2024-05-01-preview').path('/chat/completions').post({ body });
    if (isUnexpected(old)) throw new Error('unexpected');
    assert.equal(old.body.choices[0]?.message.content, `<think>${reasoningText('why')}</think>${echoText('why')}`);
    const current = await clientFor('2025-04-01').path('/chat/completions').post({ body });
    if (isUnexpected(current)) throw new Error('unexpected');
    const message = current.body.choices[0]?.message as { content: string; reasoning_content?: string };
    assert.equal(message.content, echoText('why'));
    assert.equal(message.reasoning_content, reasoningText('why'));
  });

  it('embeds a batch of texts', async () => {
    const response = await clientFor('2025-04-01')
      .path('/embeddings')
      .post({ body: { model: 'embed-openai', input: ['one', 'two'] } });
    if (isUnexpected(response)) throw new Error(JSON.stringify(response.body));
    assert.deepEqual(
      response.body.data.map((item) => item.embedding),
      [embeddingVector('one'), embeddingVector('two')],
    );
    assert.ok(response.body.usage.prompt_tokens > 0);
  });

  it('describes a deployment at /info', async () => {
    const response = await clientFor('2025-04-01')
      .path('/info')
      .get({ queryParameters: { model: 'chat-xai' } });
    if (isUnexpected(response)) throw new Error(JSON.stringify(response.body));
    assert.deepEqual(response.body, {
      model_name: 'grok-3',
      model_type: 'chat-completion',
      model_provider_name: 'xAI',
    });
  });

  it('refuses an unknown model with Azure’s own error', async () => {
    const response = await clientFor('2025-04-01')
      .path('/chat/completions')
      .post({ body: { model: 'missing-one', messages: [{ role: 'user', content: 'x' }] } });
    assert.equal(response.status, '404');
    assert.deepEqual((response.body as { error: { code: string } }).error.code, 'unknown_model');
    assert.equal(response.headers['x-ms-error-code'], 'unknown_model');
  });
});
