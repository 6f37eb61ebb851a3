import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { completionTokens, promptTokens } from '../../src/spec/index.js';
import type { JsonObject } from '../../src/spec/index.js';
import {
  echoText,
  expectedAnthropicUsage,
  expectedChatUsage,
  reasoningText,
  toolArgumentsText,
  type Emulator,
  type OpenAiFlavor,
} from '../support/emulators/index.js';
import {
  DIALECT_CLIENTS,
  dialectClient,
  type ClientAnswer,
  type DialectClientName,
} from '../support/dialect-clients.js';
import { startVendorFleet, type VendorFleet } from '../support/vendor-fleet.js';

/**
 * Every inbound dialect (through its official SDK) × every provider adapter (through its emulator),
 * streamed and not, with and without tools: the client's answer, the request the vendor received, and
 * what was metered must all agree.
 */
interface Adapter {
  deployment: string;
  emulator: 'openai' | 'xai' | 'deepseek' | 'azure' | 'anthropic';
  upstreamModel: string;
  reasoning: boolean;
}

const ADAPTERS: Adapter[] = [
  { deployment: 'chat-openai', emulator: 'openai', upstreamModel: 'gpt-4o', reasoning: false },
  { deployment: 'chat-xai', emulator: 'xai', upstreamModel: 'grok-3', reasoning: false },
  { deployment: 'reason-xai', emulator: 'xai', upstreamModel: 'grok-3-mini', reasoning: true },
  { deployment: 'chat-deepseek', emulator: 'deepseek', upstreamModel: 'deepseek-chat', reasoning: false },
  { deployment: 'reason-deepseek', emulator: 'deepseek', upstreamModel: 'deepseek-reasoner', reasoning: true },
  { deployment: 'chat-azure', emulator: 'azure', upstreamModel: 'gpt-4o', reasoning: false },
  { deployment: 'chat-anthropic', emulator: 'anthropic', upstreamModel: 'claude-sonnet-4-5', reasoning: false },
];

/** What the client should see as usage, in the OpenAI convention (reasoning inside completion). */
function expectedClientUsage(adapter: Adapter, upstreamBody: JsonObject): { prompt: number; completion: number } {
  if (adapter.emulator === 'anthropic') {
    const usage = expectedAnthropicUsage(upstreamBody);
    return {
      prompt: usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0),
      completion: usage.output_tokens,
    };
  }
  const flavor: OpenAiFlavor = adapter.emulator === 'azure' ? 'openai' : adapter.emulator;
  const usage = expectedChatUsage(flavor, { ...upstreamBody, model: adapter.upstreamModel });
  const details = usage.completion_tokens_details as JsonObject | undefined;
  const reasoning = typeof details?.reasoning_tokens === 'number' ? details.reasoning_tokens : 0;
  // xAI counts reasoning outside completion_tokens; every dialect reports it inside, as OpenAI does.
  const completion = (usage.completion_tokens as number) + (flavor === 'xai' ? reasoning : 0);
  return { prompt: usage.prompt_tokens as number, completion };
}

function assertUpstreamRequest(emulator: Emulator, adapter: Adapter, stream: boolean, tools: boolean): JsonObject {
  assert.equal(emulator.requests.length, 1, 'exactly one upstream request');
  const upstream = emulator.requests[0]!;
  const body = upstream.body as JsonObject;
  switch (adapter.emulator) {
    case 'anthropic':
      assert.equal(upstream.path, '/v1/messages');
      assert.equal(upstream.headers['x-api-key'], emulator.apiKey);
      assert.equal(body.model, adapter.upstreamModel);
      if (tools) assert.equal((body.tools as JsonObject[])[0]?.name, 'lookup');
      break;
    case 'azure':
      assert.equal(upstream.path, `/openai/deployments/${adapter.upstreamModel}/chat/completions`);
      assert.equal(upstream.headers['api-key'], emulator.apiKey);
      break;
    default:
      assert.equal(upstream.path, '/v1/chat/completions');
      assert.equal(upstream.headers.authorization, `Bearer ${emulator.apiKey}`);
      assert.equal(body.model, adapter.upstreamModel);
  }
  if (adapter.emulator !== 'anthropic') {
    if (tools) assert.equal(((body.tools as JsonObject[])[0]?.function as JsonObject).name, 'lookup');
    // Streams always ask the upstream for usage, whatever the client asked.
    if (stream) assert.deepEqual(body.stream_options, { include_usage: true });
  }
  assert.equal(body.stream === true, stream);
  return body;
}

function expectedFinish(dialect: DialectClientName, tools: boolean): string {
  if (dialect === 'anthropic') return tools ? 'tool_use' : 'end_turn';
  return tools ? 'tool_calls' : 'stop';
}

describe('dialect × adapter matrix', () => {
  let fleet: VendorFleet;
  before(async () => {
    fleet = await startVendorFleet();
  });
  after(() => fleet.close());

  for (const dialect of DIALECT_CLIENTS) {
    describe(`${dialect} client`, () => {
      for (const adapter of ADAPTERS) {
        for (const stream of [false, true]) {
          for (const tools of [false, true]) {
            const name = `${adapter.deployment}${stream ? ', streamed' : ''}${tools ? ', with tools' : ''}`;
            it(name, async () => {
              fleet.reset();
              const prompt = `matrix ${dialect} ${adapter.deployment}`;
              const chat = dialectClient(dialect, fleet.hangar.url, fleet.clientKey);
              const answer: ClientAnswer = await chat({ deployment: adapter.deployment, prompt, stream, tools });

              const body = assertUpstreamRequest(fleet[adapter.emulator], adapter, stream, tools);
              if (tools) {
                assert.deepEqual(answer.toolCalls, [{ name: 'lookup', arguments: toolArgumentsText(prompt) }]);
              } else {
                assert.equal(answer.content, echoText(prompt));
                assert.deepEqual(answer.toolCalls, []);
              }
              assert.equal(answer.reasoning, adapter.reasoning ? reasoningText(prompt) : '');
              assert.equal(answer.finishReason, expectedFinish(dialect, tools));
              const expectedUsage = expectedClientUsage(adapter, body);
              assert.deepEqual(answer.usage, expectedUsage);

              const metered = fleet.hangar.usage;
              assert.equal(metered.length, 1, 'one usage event per request');
              const event = metered[0]!;
              assert.equal(event.outcome, 'ok');
              assert.equal(event.streamed, stream);
              assert.equal(promptTokens(event.usage), expectedUsage.prompt);
              assert.equal(completionTokens(event.usage), expectedUsage.completion);
              assert.notEqual(event.usage.raw, null, 'the vendor usage is kept beside the normalised one');
            });
          }
        }
      }
    });
  }
});
