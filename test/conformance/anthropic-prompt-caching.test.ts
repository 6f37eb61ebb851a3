import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { JsonObject } from '../../src/spec/index.js';
import { expectedAnthropicUsage } from '../support/emulators/index.js';
import { startVendorFleet, type VendorFleet } from '../support/vendor-fleet.js';

/*
 * Anthropic prompt caching through Hangar: the `cache_control` breakpoints an @anthropic-ai/sdk client marks
 * reach an Anthropic backend where the client put them, the cache reads and writes the vendor reports come
 * back to the client and into the meter, and a lane without breakpoints drops them with a warning.
 */

const WARNINGS = 'x-hangar-warnings';

function cachedRequest(model: string) {
  return {
    model,
    max_tokens: 256,
    system: [
      { type: 'text' as const, text: 'You answer questions about the weather.' },
      {
        type: 'text' as const,
        text: 'A long style guide. '.repeat(20),
        cache_control: { type: 'ephemeral' as const, ttl: '1h' as const },
      },
    ],
    tools: [
      {
        name: 'lookup',
        input_schema: { type: 'object' as const, properties: { echo: { type: 'string' } } },
        cache_control: { type: 'ephemeral' as const },
      },
    ],
    tool_choice: { type: 'none' as const },
    messages: [
      {
        role: 'user' as const,
        content: [
          {
            type: 'text' as const,
            text: 'A long document. '.repeat(10),
            cache_control: { type: 'ephemeral' as const },
          },
          { type: 'text' as const, text: 'What is the weather in Paris?' },
        ],
      },
    ],
  };
}

describe('Anthropic prompt caching through Hangar', () => {
  let fleet: VendorFleet;
  let client: Anthropic;

  before(async () => {
    fleet = await startVendorFleet();
    client = new Anthropic({ baseURL: fleet.hangar.url, apiKey: fleet.clientKey, maxRetries: 0 });
  });
  after(() => fleet.close());
  beforeEach(() => fleet.reset());

  function assertBreakpointsSent(): JsonObject {
    assert.equal(fleet.anthropic.requests.length, 1);
    const body = fleet.anthropic.requests[0]!.body as JsonObject;
    assert.deepEqual(body.system, [
      { type: 'text', text: 'You answer questions about the weather.' },
      { type: 'text', text: 'A long style guide. '.repeat(20), cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
    assert.deepEqual((body.tools as JsonObject[])[0]?.cache_control, { type: 'ephemeral' });
    assert.deepEqual(body.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'A long document. '.repeat(10), cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'What is the weather in Paris?' },
        ],
      },
    ]);
    return body;
  }

  function assertCacheUsage(usage: Anthropic.Usage, body: JsonObject): void {
    const expected = expectedAnthropicUsage(body);
    assert.ok(expected.cache_read_input_tokens > 0 && expected.cache_creation_input_tokens > 0);
    assert.equal(usage.input_tokens, expected.input_tokens);
    assert.equal(usage.cache_read_input_tokens, expected.cache_read_input_tokens);
    assert.equal(usage.cache_creation_input_tokens, expected.cache_creation_input_tokens);
    assert.equal(fleet.hangar.usage.length, 1, 'one usage event');
    const metered = fleet.hangar.usage[0]!.usage;
    assert.equal(metered.input, expected.input_tokens);
    assert.equal(metered.cachedInput, expected.cache_read_input_tokens);
    assert.equal(metered.cacheWriteInput, expected.cache_creation_input_tokens);
  }

  it('sends the breakpoints upstream and returns and meters cache reads and writes', async () => {
    const { data, response } = await client.messages.create(cachedRequest('chat-anthropic')).withResponse();
    assert.equal(response.headers.get(WARNINGS), null);
    assertCacheUsage(data.usage, assertBreakpointsSent());
  });

  it('does the same for a stream', async () => {
    const message = await client.messages.stream(cachedRequest('chat-anthropic')).finalMessage();
    assertCacheUsage(message.usage, assertBreakpointsSent());
  });

  it('refuses a ttl Anthropic does not take with a 400 naming where it is', async () => {
    const request = cachedRequest('chat-anthropic');
    const error = await client.messages
      .create({
        ...request,
        // The SDK's types allow only the valid values; a client built otherwise can send anything.
        system: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '2h' as '1h' } }],
      })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof Anthropic.BadRequestError, String(error));
    assert.equal(error.status, 400);
    const envelope = error.error as { type: string; error: { type: string; message: string } };
    assert.equal(envelope.type, 'error');
    assert.equal(envelope.error.type, 'invalid_request_error');
    assert.match(envelope.error.message, /'system\[0\]\.cache_control\.ttl' must be one of '5m', '1h', got '2h'/);
    assert.equal(fleet.anthropic.requests.length, 0);
  });

  it('drops the breakpoints with a warning on an OpenAI backend', async () => {
    const { response } = await client.messages.create(cachedRequest('chat-openai')).withResponse();
    assert.match(response.headers.get(WARNINGS) ?? '', /dropped cache_control: /);
    const body = fleet.openai.requests.at(-1)!.body as JsonObject;
    assert.doesNotMatch(JSON.stringify(body), /cache_control/);
    const messages = body.messages as JsonObject[];
    assert.deepEqual(messages[0], {
      role: 'system',
      content: `You answer questions about the weather.\n${'A long style guide. '.repeat(20)}`,
    });
  });
});
