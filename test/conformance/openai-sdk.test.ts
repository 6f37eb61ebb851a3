import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import type { JsonObject } from '../../src/spec/index.js';
import { echoText, embeddingVector, expectedChatUsage, jsonReplyText } from '../support/emulators/index.js';
import { startVendorFleet, type VendorFleet } from '../support/vendor-fleet.js';

describe('the openai SDK against Hangar', () => {
  let fleet: VendorFleet;
  let client: OpenAI;

  before(async () => {
    fleet = await startVendorFleet();
    client = new OpenAI({ baseURL: `${fleet.hangar.url}/v1`, apiKey: fleet.clientKey, maxRetries: 0 });
  });
  after(() => fleet.close());
  beforeEach(() => fleet.reset());

  it('completes a chat through the deployment name and rewrites the model upstream', async () => {
    const completion = await client.chat.completions.create({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'hello there' }],
    });
    assert.equal(completion.choices[0]?.message.content, echoText('hello there'));
    assert.equal(completion.object, 'chat.completion');
    const upstream = fleet.openai.requests.at(-1)!;
    assert.equal((upstream.body as { model: string }).model, 'gpt-4o');
    assert.equal(upstream.headers.authorization, `Bearer ${fleet.openai.apiKey}`);
    const expected = expectedChatUsage('openai', upstream.body as JsonObject);
    assert.equal(completion.usage?.prompt_tokens, expected.prompt_tokens);
    assert.equal(completion.usage?.completion_tokens, expected.completion_tokens);
    assert.equal(
      completion.usage?.prompt_tokens_details?.cached_tokens,
      (expected.prompt_tokens_details as JsonObject).cached_tokens,
    );
    assert.match(completion._request_id ?? '', /^req_/);
  });

  it('streams with a final usage chunk when asked, and without one otherwise', async () => {
    const withUsage = await client.chat.completions.create({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'count with me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of withUsage) chunks.push(chunk);
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.ok(last.usage && last.usage.total_tokens > 0);
    assert.ok(chunks.slice(0, -1).every((chunk) => chunk.usage === null));
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), echoText('count with me'));

    const withoutUsage = await client.chat.completions.create({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'count with me' }],
      stream: true,
    });
    const plain = [];
    for await (const chunk of withoutUsage) plain.push(chunk);
    assert.ok(plain.every((chunk) => chunk.usage === undefined || chunk.usage === null));
    assert.ok(plain.every((chunk) => chunk.choices.length === 1));
    // Hangar still asked the upstream for usage, so the request was metered.
    assert.deepEqual((fleet.openai.requests.at(-1)!.body as JsonObject).stream_options, { include_usage: true });
    assert.ok(fleet.hangar.usage.at(-1)!.usage.output > 0);
  });

  it('reassembles parallel tool calls streamed in fragments', async () => {
    const tools = ['first', 'second'].map((name) => ({
      type: 'function' as const,
      function: { name, parameters: { type: 'object', properties: { echo: { type: 'string' } } } },
    }));
    const runner = client.chat.completions.stream({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'use both' }],
      tools,
    });
    const final = await runner.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    assert.deepEqual(
      calls.map((call): unknown[] =>
        call.type === 'function' ? [call.function.name, JSON.parse(call.function.arguments) as unknown] : [],
      ),
      [
        ['first', { echo: 'use both' }],
        ['second', { echo: 'use both' }],
      ],
    );
    assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
  });

  it('passes n, response_format, logprobs, stop, seed and max_completion_tokens through to the vendor', async () => {
    const completion = await client.chat.completions.create({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'one two three four' }],
      n: 2,
      logprobs: true,
      seed: 7,
      stop: ['never-said'],
      response_format: { type: 'json_object' },
      max_completion_tokens: 50,
    });
    assert.equal(completion.choices.length, 2);
    assert.deepEqual(
      JSON.parse(completion.choices[0]?.message.content ?? ''),
      JSON.parse(jsonReplyText('one two three four')),
    );
    assert.ok(completion.choices[0]?.logprobs?.content?.length);
    const sent = fleet.openai.requests.at(-1)!.body as JsonObject;
    assert.equal(sent.n, 2);
    assert.equal(sent.seed, 7);
    assert.deepEqual(sent.stop, ['never-said']);
    assert.deepEqual(sent.response_format, { type: 'json_object' });
    assert.equal(sent.max_completion_tokens, 50);
    assert.equal(sent.max_tokens, undefined);

    const truncated = await client.chat.completions.create({
      model: 'chat-openai',
      messages: [{ role: 'user', content: 'one two three four' }],
      max_tokens: 2,
    });
    assert.equal(truncated.choices[0]?.finish_reason, 'length');
  });

  it('sends image content parts upstream unchanged', async () => {
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    await client.chat.completions.create({
      model: 'chat-openai',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this' },
            { type: 'image_url', image_url: { url: image, detail: 'low' } },
          ],
        },
      ],
    });
    const sent = fleet.openai.requests.at(-1)!.body as { messages: JsonObject[] };
    assert.deepEqual(sent.messages[0]?.content, [
      { type: 'text', text: 'what is this' },
      { type: 'image_url', image_url: { url: image, detail: 'low' } },
    ]);
  });

  it('embeds as floats and as base64 (the SDK default), with the same vectors', async () => {
    const floats = await client.embeddings.create({
      model: 'embed-openai',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
    });
    assert.deepEqual(
      floats.data.map((item) => item.embedding),
      [embeddingVector('alpha'), embeddingVector('beta')],
    );
    const decoded = await client.embeddings.create({ model: 'embed-openai', input: 'alpha' });
    assert.deepEqual(decoded.data[0]?.embedding, embeddingVector('alpha'));
    assert.equal((fleet.openai.requests.at(-1)!.body as JsonObject).encoding_format, 'float');
    assert.ok(floats.usage.prompt_tokens > 0);
  });

  it('lists and retrieves the project deployments as models', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    assert.ok(models.includes('chat-openai') && models.includes('reason-xai'));
    const model = await client.models.retrieve('chat-xai');
    assert.equal(model.owned_by, 'xai');
    await assert.rejects(client.models.retrieve('nope'), OpenAI.NotFoundError);
  });

  it('serves AzureOpenAI embeddings on the deployment route', async () => {
    const azure = new AzureOpenAI({
      endpoint: fleet.hangar.url,
      apiKey: fleet.clientKey,
      apiVersion: '2024-10-21',
      deployment: 'embed-azure',
      maxRetries: 0,
    });
    const result = await azure.embeddings.create({ model: 'embed-azure', input: ['gamma'], encoding_format: 'float' });
    assert.deepEqual(result.data[0]?.embedding, embeddingVector('gamma'));
    assert.equal(fleet.azure.requests.at(-1)!.path, '/openai/deployments/text-embedding-3-small/embeddings');
  });
});
