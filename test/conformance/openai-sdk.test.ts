import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { JsonObject } from '../../src/spec/index.js';
import { echoText, expectedChatUsage } from '../support/emulators/index.js';
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
    assert.match(completion._request_id ?? '', /^req_/);
  });
});
