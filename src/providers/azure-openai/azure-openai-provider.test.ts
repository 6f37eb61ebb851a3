import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  backendTarget,
  callContext,
  chatRequest,
  collectEvents,
  jsonReply,
  readFixture,
  sseReply,
  startFakeUpstream,
} from '../testing/index.js';
import type { FakeUpstream } from '../testing/index.js';
import { azureOpenAiProvider } from './index.js';

const fixture = (name: string) => readFixture(import.meta.url, name);

describe('Azure OpenAI provider', () => {
  let upstream: FakeUpstream;
  // Azure base URLs are the resource, without /v1.
  let resource: string;
  before(async () => {
    upstream = await startFakeUpstream();
    resource = upstream.baseUrl.replace(/\/v1$/, '');
  });
  after(async () => {
    await upstream.close();
  });

  it('calls the deployment URL with api-version and the api-key header', async () => {
    upstream.reply(jsonReply(fixture('azure-chat-content-filter.json')));
    const result = await azureOpenAiProvider.chat(
      chatRequest({ extra: { data_sources: [] } }),
      backendTarget('azure-openai', resource, 'gpt4o prod'),
      callContext(),
    );
    const received = upstream.requests.at(-1)!;
    assert.equal(received.url, '/openai/deployments/gpt4o%20prod/chat/completions?api-version=2024-10-21');
    assert.equal(received.headers['api-key'], 'sk-test-secret-key');
    assert.equal(received.headers.authorization, undefined);
    assert.deepEqual((received.body as Record<string, unknown>).data_sources, []);
    assert.deepEqual(result.choices[0]?.finishReason, { unified: 'content_filter', raw: 'content_filter' });
    assert.equal(result.choices[0]?.content, null);
  });

  it('uses the connection api-version and tolerates a base URL ending in /openai', async () => {
    upstream.reply(jsonReply(fixture('azure-embeddings.json')));
    const result = await azureOpenAiProvider.embed(
      { model: 'embed', input: ['hi'], encodingFormat: 'float', extra: {} },
      backendTarget('azure-openai', `${resource}/openai/`, 'ada', { apiVersion: '2024-06-01' }),
      callContext(),
    );
    assert.equal(upstream.requests.at(-1)!.url, '/openai/deployments/ada/embeddings?api-version=2024-06-01');
    assert.deepEqual(result.embeddings, [[0.1, 0.2]]);
  });

  it('passes over the annotation chunk and content_filter_results in a stream', async () => {
    upstream.reply(sseReply(fixture('azure-chat-stream.sse'), { size: 64 }));
    const events = await collectEvents(
      await azureOpenAiProvider.streamChat(
        chatRequest(),
        backendTarget('azure-openai', resource, 'gpt-4o'),
        callContext(),
      ),
    );
    assert.deepEqual(events.slice(0, 3), [
      {
        type: 'response-metadata',
        id: 'chatcmpl-AzureX1',
        created: 1730000000,
        upstreamModel: 'gpt-4o-2024-08-06',
        systemFingerprint: 'fp_azure1',
      },
      { type: 'text-delta', choice: 0, delta: 'Hi there' },
      { type: 'choice-finish', choice: 0, finishReason: { unified: 'stop', raw: 'stop' } },
    ]);
    const usage = events.at(-1);
    assert.ok(usage?.type === 'usage');
    assert.deepEqual([usage.usage.input, usage.usage.cachedInput, usage.usage.output], [48, 1152, 2]);
    assert.equal(events.length, 4);
    const body = upstream.requests.at(-1)!.body as Record<string, unknown>;
    assert.deepEqual(body.stream_options, { include_usage: true });
  });

  it('requires base_url: Azure has no default resource', async () => {
    await assert.rejects(
      azureOpenAiProvider.chat(chatRequest(), backendTarget('azure-openai', '', 'gpt-4o'), callContext()),
      /base_url/,
    );
  });
});
