import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { AzureOpenAI } from 'openai';
import {
  AZURE_CHOICE_FILTER_RESULTS,
  AZURE_CONTENT_FILTER_ERROR_BODY,
  AZURE_PROMPT_FILTER_RESULTS,
  embeddingVector,
  startAzureOpenAiEmulator,
} from './index.js';
import type { Emulator } from './index.js';

describe('Azure OpenAI emulator through the AzureOpenAI client', () => {
  let emulator: Emulator;
  let client: AzureOpenAI;

  before(async () => {
    emulator = await startAzureOpenAiEmulator({ apiKey: 'azure-key' });
    client = new AzureOpenAI({
      endpoint: emulator.url,
      apiKey: 'azure-key',
      apiVersion: '2024-10-21',
      deployment: 'gpt-4o',
      maxRetries: 0,
    });
  });
  after(() => emulator.close());

  it('answers on the deployment route with Azure headers and content-filter annotations', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'ignored', messages: [{ role: 'user', content: 'hola' }] })
      .withResponse();
    const recorded = emulator.requests.at(-1)!;
    assert.equal(recorded.path, '/openai/deployments/gpt-4o/chat/completions');
    assert.equal(recorded.query['api-version'], '2024-10-21');
    assert.equal(recorded.headers['api-key'], 'azure-key');
    assert.equal(data.model, 'gpt-4o-2024-08-06');
    assert.equal(data.choices[0]?.message.content, 'Echo: hola');
    const annotated = data as unknown as {
      prompt_filter_results: unknown;
      choices: { content_filter_results: unknown }[];
    };
    assert.deepEqual(annotated.prompt_filter_results, AZURE_PROMPT_FILTER_RESULTS);
    assert.deepEqual(annotated.choices[0]?.content_filter_results, AZURE_CHOICE_FILTER_RESULTS);
    assert.match(response.headers.get('apim-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('x-ms-region'), 'East US');
  });

  it('opens a stream with the annotation chunk whose choices are empty, then reports usage as OpenAI does', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'stream' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const first = chunks[0] as unknown as Record<string, unknown>;
    assert.deepEqual(
      { id: first.id, object: first.object, created: first.created, model: first.model, choices: first.choices },
      { id: '', object: '', created: 0, model: '', choices: [] },
    );
    assert.deepEqual(first.prompt_filter_results, AZURE_PROMPT_FILTER_RESULTS);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Echo: stream');
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, 2);
  });

  it('embeds through the embeddings deployment', async () => {
    const embeddings = new AzureOpenAI({
      endpoint: emulator.url,
      apiKey: 'azure-key',
      apiVersion: '2024-10-21',
      maxRetries: 0,
    });
    const result = await embeddings.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'vector',
      dimensions: 3,
    });
    assert.equal(emulator.requests.at(-1)?.path, '/openai/deployments/text-embedding-3-small/embeddings');
    assert.deepEqual(result.data[0]?.embedding, embeddingVector('vector', 3));
  });

  it('rejects a wrong key, an unknown deployment, and a missing or unknown api-version with Azure bodies', async () => {
    const wrong = new AzureOpenAI({ endpoint: emulator.url, apiKey: 'nope', apiVersion: '2024-10-21', maxRetries: 0 });
    await assert.rejects(
      wrong.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.AuthenticationError && error.code === '401',
    );
    const missing = new AzureOpenAI({
      endpoint: emulator.url,
      apiKey: 'azure-key',
      apiVersion: '2024-10-21',
      maxRetries: 0,
    });
    await assert.rejects(
      missing.chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.NotFoundError && error.code === 'DeploymentNotFound',
    );
    assert.equal(emulator.requests.at(-1)?.path, '/openai/deployments/missing/chat/completions');
    for (const query of ['', '?api-version=1999-01-01']) {
      const response = await fetch(`${emulator.url}/openai/deployments/gpt-4o/chat/completions${query}`, {
        method: 'POST',
        headers: { 'api-key': 'azure-key', 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }),
      });
      assert.equal(response.status, 404);
      assert.deepEqual(await response.json(), { error: { code: '404', message: 'Resource not found' } });
    }
  });

  it('answers its own 429 with Retry-After, and injects the content-filter 400 on demand', async () => {
    emulator.setFault({ kind: 'rate-limit', retryAfterSeconds: 6, times: 1 });
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.RateLimitError);
        assert.equal(error.headers?.get('retry-after'), '6');
        assert.equal(error.headers?.get('retry-after-ms'), '6000');
        assert.match(error.message, /ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21/);
        return true;
      },
    );
    emulator.setFault({ kind: 'status', status: 400, body: AZURE_CONTENT_FILTER_ERROR_BODY, times: 1 });
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.code === 'content_filter',
    );
    const healthy = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'ok' }],
    });
    assert.equal(healthy.choices[0]?.message.content, 'Echo: ok');
  });

  it('serves /openai/v1 to the stock OpenAI client with a Bearer key', async () => {
    const v1 = new OpenAI({ apiKey: 'azure-key', baseURL: `${emulator.url}/openai/v1`, maxRetries: 0 });
    const completion = await v1.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'v1' }],
    });
    assert.equal(completion.model, 'gpt-4o-mini-2024-07-18');
    assert.equal(emulator.requests.at(-1)?.headers.authorization, 'Bearer azure-key');
    const ids = [];
    for await (const model of v1.models.list()) ids.push(model.id);
    assert.ok(ids.includes('gpt-4o'));
  });
});
