import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LlamaContext, LlamaContextSequence } from 'node-llama-cpp';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { GatewayError, isJsonObject } from '../../spec/index.js';
import type {
  CallContext,
  ChatMessage,
  ChatRequest,
  ChatStreamEvent,
  JsonObject,
  JsonValue,
  ToolDefinition,
} from '../../spec/index.js';
import { prepareJsonSchema, validateJsonValue } from '../json-schema/index.js';
import { openLlamaRuntime, type LlamaRuntime } from '../runtime/index.js';
import {
  chatWrapperFor,
  collectChatResult,
  generateLocalChat,
  prepareLocalChat,
  type LocalChatModel,
} from './index.js';

// node-llama-cpp is an optional dependency; where it is not installed this suite says so and skips.
const installed = await import('node-llama-cpp').then(
  () => true,
  () => false,
);

const REPOSITORY_ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const STORIES_CHAT_MODEL = resolve(REPOSITORY_ROOT, '../shared/models/stories260K-chat.gguf');

/** The plain User:/Assistant: template of the shared stories260K-chat fixture. */
const CHAT_TEMPLATE =
  "{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] + '\\n' }}" +
  "{% elif message['role'] == 'user' %}{{ 'User: ' + message['content'] + '\\n' }}" +
  "{% elif message['role'] == 'assistant' %}{{ 'Assistant: ' + message['content'] + eos_token + '\\n' }}" +
  "{% endif %}{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}";

const CONTEXT_SIZE = 256;
/** Tool definitions take many tokens in the tiny vocabulary (about one per character); they get a bigger slot. */
const TOOLS_CONTEXT_SIZE = 1024;

const COLOR_SCHEMA: JsonObject = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, color: { enum: ['red', 'green', 'blue'] } },
  required: ['ok', 'color'],
  additionalProperties: false,
};

const TOOLS: ToolDefinition[] = [
  {
    type: 'function',
    name: 'set_color',
    description: 'Set a color',
    parameters: {
      type: 'object',
      properties: { color: { enum: ['red', 'green'] } },
      required: ['color'],
      additionalProperties: false,
    },
  },
  {
    type: 'function',
    name: 'toggle',
    parameters: {
      type: 'object',
      properties: { on: { type: 'boolean' } },
      required: ['on'],
      additionalProperties: false,
    },
  },
];

function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'tiny',
    messages: [{ role: 'user', content: 'hello' }],
    stream: true,
    includeUsage: true,
    extra: {},
    ...overrides,
  };
}

function callContext(overrides: Partial<CallContext> = {}): CallContext {
  return {
    requestId: 'test',
    signal: new AbortController().signal,
    warnings: [],
    unknownParameters: 'drop',
    ...overrides,
  };
}

async function drain(events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const collected: ChatStreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

function textOf(events: readonly ChatStreamEvent[]): string {
  return events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
}

function usageOf(events: readonly ChatStreamEvent[]) {
  const usage = events.find((event) => event.type === 'usage');
  assert.ok(usage?.type === 'usage', 'the stream ends with usage');
  return usage.usage;
}

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GatewayError, `a GatewayError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern !== undefined) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected a ${code} error`);
}

describe('local chat on LlamaChat', { skip: installed ? false : 'node-llama-cpp is not installed' }, () => {
  let directory: string;
  let runtime: LlamaRuntime;
  let chatModel: LocalChatModel;
  let toolsModel: LocalChatModel;
  let context: LlamaContext;
  let toolsContext: LlamaContext;
  let sequence: LlamaContextSequence;
  let toolsSequence: LlamaContextSequence;
  let wrapperName: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-local-chat-'));
    const modelPath = join(directory, 'tiny-chat.gguf');
    await writeTinyLlamaGguf(modelPath, { seed: 3, chatTemplate: CHAT_TEMPLATE, contextLength: TOOLS_CONTEXT_SIZE });
    runtime = await openLlamaRuntime({ threads: 1, gpu: false });
    const model = await runtime.llama.loadModel({ modelPath, gpuLayers: 0 });
    context = await model.createContext({ contextSize: CONTEXT_SIZE, threads: 1 });
    toolsContext = await model.createContext({ contextSize: TOOLS_CONTEXT_SIZE, threads: 1 });
    sequence = context.getSequence();
    toolsSequence = toolsContext.getSequence();
    const { wrapper, name } = chatWrapperFor(runtime.lib, model);
    wrapperName = name;
    chatModel = { name: 'tiny-chat', runtime, model, chatWrapper: wrapper, contextSize: CONTEXT_SIZE };
    toolsModel = { ...chatModel, contextSize: TOOLS_CONTEXT_SIZE };
  });

  after(async () => {
    await context?.dispose();
    await toolsContext?.dispose();
    await runtime?.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function run(request: ChatRequest, signal = new AbortController().signal) {
    const prepared = await prepareLocalChat(request, chatModel, callContext());
    const events = await drain(generateLocalChat(prepared, sequence, signal));
    return { prepared, events };
  }

  async function runTools(request: ChatRequest) {
    const prepared = await prepareLocalChat(request, toolsModel, callContext());
    return collectChatResult(generateLocalChat(prepared, toolsSequence, new AbortController().signal));
  }

  it("uses the GGUF's own Jinja template", () => {
    assert.equal(wrapperName, 'JinjaTemplate');
  });

  it('renders the messages with no hidden system prompt and bills exactly the rendered prompt', async () => {
    const rendered = chatModel.chatWrapper.generateContextState({
      chatHistory: [
        { type: 'user', text: 'hello' },
        { type: 'model', response: [] },
      ],
    }).contextText;
    assert.equal(rendered.toString(), 'User: hello\nAssistant: ');
    const { prepared, events } = await run(chatRequest({ maxOutputTokens: 5, seed: 1 }));
    assert.equal(prepared.promptTokens, rendered.tokenize(chatModel.model.tokenizer).length);
    const usage = usageOf(events);
    assert.equal(usage.input, prepared.promptTokens);
    assert.equal(usage.output, 5);
    assert.deepEqual(
      { prompt: usage.raw?.prompt_tokens, completion: usage.raw?.completion_tokens, total: usage.raw?.total_tokens },
      { prompt: prepared.promptTokens, completion: 5, total: prepared.promptTokens + 5 },
    );
  });

  it('counts a system message as the client sent it', async () => {
    const withSystem = await prepareLocalChat(
      chatRequest({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hello' },
        ],
      }),
      chatModel,
      callContext(),
    );
    const without = await prepareLocalChat(chatRequest(), chatModel, callContext());
    const systemTokens = chatModel.chatWrapper
      .generateContextState({
        chatHistory: [
          { type: 'system', text: 'Be brief.' },
          { type: 'user', text: 'hello' },
          { type: 'model', response: [] },
        ],
      })
      .contextText.tokenize(chatModel.model.tokenizer).length;
    assert.equal(withSystem.promptTokens, systemTokens);
    assert.ok(withSystem.promptTokens > without.promptTokens);
  });

  it('streams metadata, token-by-token text, the finish and usage, and the deltas add up to the collected answer', async () => {
    const request = chatRequest({ maxOutputTokens: 12, seed: 7, temperature: 0.8 });
    const { events } = await run(request);
    const first = events[0];
    assert.ok(first?.type === 'response-metadata');
    assert.match(first.id, /^chatcmpl-/);
    assert.equal(first.upstreamModel, 'tiny-chat');
    assert.deepEqual(
      events.slice(-2).map((event) => event.type),
      ['choice-finish', 'usage'],
    );
    const deltas = events.filter((event) => event.type === 'text-delta');
    assert.ok(deltas.length >= 6, `streamed in pieces (${deltas.length})`);
    const prepared = await prepareLocalChat(request, chatModel, callContext());
    const result = await collectChatResult(generateLocalChat(prepared, sequence, new AbortController().signal));
    assert.equal(result.choices[0]?.content, textOf(events));
    assert.equal(result.upstreamModel, 'tiny-chat');
    assert.deepEqual(result.choices[0]?.finishReason, { unified: 'length', raw: 'length' });
  });

  it('gives the same answer for the same seed and temperature', async () => {
    const answer = async (seed: number) =>
      textOf((await run(chatRequest({ maxOutputTokens: 16, seed, temperature: 0.9 }))).events);
    const first = await answer(11);
    assert.equal(await answer(11), first);
    const others = await Promise.all([12, 13, 14].map((seed) => answer(seed)));
    assert.ok(
      others.some((other) => other !== first),
      'another seed changes the answer',
    );
  });

  it('stops at max_tokens with finish length and exactly that many output tokens', async () => {
    const { events } = await run(chatRequest({ maxOutputTokens: 7, seed: 3 }));
    const finish = events.find((event) => event.type === 'choice-finish');
    assert.ok(finish?.type === 'choice-finish');
    assert.deepEqual(finish.finishReason, { unified: 'length', raw: 'length' });
    assert.equal(usageOf(events).output, 7);
  });

  it('fills the slot exactly when the prompt and max_tokens add up to its context', async () => {
    // A long prompt leaves few tokens to fill.
    const messages: ChatMessage[] = [{ role: 'user', content: 'hello there '.repeat(18) }];
    const prepared = await prepareLocalChat(chatRequest({ messages, seed: 4 }), chatModel, callContext());
    assert.equal(prepared.maxOutputTokens, CONTEXT_SIZE - prepared.promptTokens);
    const events = await drain(generateLocalChat(prepared, sequence, new AbortController().signal));
    const usage = usageOf(events);
    assert.equal(usage.input, prepared.promptTokens);
    assert.equal(usage.output, prepared.maxOutputTokens);
    assert.equal(usage.input + usage.output, CONTEXT_SIZE);
    const finish = events.find((event) => event.type === 'choice-finish');
    assert.ok(finish?.type === 'choice-finish');
    assert.deepEqual(finish.finishReason, { unified: 'length', raw: 'length' });
  });

  it('ends at a stop sequence and leaves it out of the answer', async () => {
    const base = { maxOutputTokens: 40, seed: 5, temperature: 0.8 };
    const full = textOf((await run(chatRequest(base))).events);
    let at = -1;
    for (let index = 4; index < full.length - 3 && at < 0; index++) {
      const candidate = full.slice(index, index + 3);
      if (/^[a-z]{3}$/.test(candidate) && full.indexOf(candidate) === index) at = index;
    }
    assert.ok(at > 0, `the seeded answer has a plain three-letter run: ${JSON.stringify(full)}`);
    const stop = full.slice(at, at + 3);
    const { events } = await run(chatRequest({ ...base, stop: [stop, 'never-generated'] }));
    assert.equal(textOf(events), full.slice(0, at));
    const finish = events.find((event) => event.type === 'choice-finish');
    assert.ok(finish?.type === 'choice-finish');
    assert.deepEqual(finish.finishReason, { unified: 'stop', raw: 'stop' });
  });

  it('answers response_format json_schema with JSON that parses and matches the schema', async () => {
    const prepared = await prepareLocalChat(
      chatRequest({ seed: 1, responseFormat: { type: 'json_schema', name: 'color', schema: COLOR_SCHEMA } }),
      chatModel,
      callContext(),
    );
    const result = await collectChatResult(generateLocalChat(prepared, sequence, new AbortController().signal));
    const choice = result.choices[0];
    assert.deepEqual(choice?.finishReason, { unified: 'stop', raw: 'stop' });
    const value = JSON.parse(choice?.content ?? '') as JsonValue;
    assert.deepEqual(validateJsonValue(value, prepareJsonSchema(COLOR_SCHEMA, 'schema')), []);
    assert.ok(isJsonObject(value));
    assert.equal(typeof value.ok, 'boolean');
    assert.ok(typeof value.color === 'string' && ['red', 'green', 'blue'].includes(value.color));
  });

  it('answers a tool_choice naming a function with one valid call to it', async () => {
    const result = await runTools(
      chatRequest({ seed: 1, tools: TOOLS, toolChoice: { type: 'function', name: 'toggle' } }),
    );
    const choice = result.choices[0];
    assert.deepEqual(choice?.finishReason, { unified: 'tool_calls', raw: 'tool_calls' });
    assert.equal(choice?.content, null);
    assert.equal(choice?.toolCalls?.length, 1);
    const call = choice?.toolCalls?.[0];
    assert.equal(call?.name, 'toggle');
    assert.match(call?.id ?? '', /^call_/);
    const args = JSON.parse(call?.arguments ?? '') as { on?: unknown };
    assert.equal(typeof args.on, 'boolean');
  });

  it('answers tool_choice required with one valid call to one of the tools', async () => {
    for (const seed of [2, 3]) {
      const result = await runTools(chatRequest({ seed, tools: TOOLS, toolChoice: 'required' }));
      const call = result.choices[0]?.toolCalls?.[0];
      assert.deepEqual(result.choices[0]?.finishReason, { unified: 'tool_calls', raw: 'tool_calls' });
      const args = JSON.parse(call?.arguments ?? '') as Record<string, unknown>;
      if (call?.name === 'toggle') assert.equal(typeof args.on, 'boolean');
      else {
        assert.equal(call?.name, 'set_color');
        assert.ok(['red', 'green'].includes(args.color as string));
      }
    }
  });

  it('offers tools to the model in its own format when it may choose (tool_choice auto)', async () => {
    const plain = await prepareLocalChat(chatRequest(), toolsModel, callContext());
    const offered = await prepareLocalChat(
      chatRequest({ tools: TOOLS, maxOutputTokens: 4 }),
      toolsModel,
      callContext(),
    );
    const ignored = await prepareLocalChat(
      chatRequest({ tools: TOOLS, toolChoice: 'none' }),
      toolsModel,
      callContext(),
    );
    assert.ok(offered.promptTokens > plain.promptTokens + 50, 'the functions are documented in the prompt');
    assert.equal(ignored.promptTokens, plain.promptTokens);
    const events = await drain(generateLocalChat(offered, toolsSequence, new AbortController().signal));
    assert.equal(usageOf(events).input, offered.promptTokens);
  });

  it('refuses settings a local model cannot honour before generating anything', async () => {
    const prepare = (overrides: Partial<ChatRequest>, context = callContext()) =>
      prepareLocalChat(chatRequest(overrides), chatModel, context);
    await rejectsWith(prepare({ n: 2 }), 'unsupported_parameter');
    await rejectsWith(prepare({ logprobs: true }), 'unsupported_parameter');
    await rejectsWith(
      prepare({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] }] }),
      'unsupported_parameter',
      /text only/,
    );
    await rejectsWith(prepare({ stop: ['a', 'b', 'c', 'd', 'e'] }), 'invalid_request');
    await rejectsWith(prepare({ extra: { top_k: 'many' } }), 'invalid_request', /top_k/);
    await rejectsWith(prepare({ extra: { min_p: 2 } }), 'invalid_request', /min_p/);
    await rejectsWith(
      prepare({ extra: { mirostat: 2 } }, callContext({ unknownParameters: 'error' })),
      'unknown_parameter',
      /mirostat/,
    );
    await rejectsWith(
      prepare({ responseFormat: { type: 'json_object' }, tools: TOOLS }),
      'unsupported_parameter',
      /response_format/,
    );
    await rejectsWith(prepare({ tools: TOOLS, toolChoice: { type: 'function', name: 'missing' } }), 'invalid_request');
    await rejectsWith(prepare({ toolChoice: 'required' }), 'invalid_request', /tools/);
    await rejectsWith(prepare({ tools: [TOOLS[1]!, TOOLS[1]!] }), 'invalid_request', /unique/);
    const schemaError = await rejectsWith(
      prepare({ tools: [{ type: 'function', name: 'f', parameters: { type: 'object', patternProperties: {} } }] }),
      'unsupported_parameter',
      /patternProperties/,
    );
    assert.equal(schemaError.param, 'tools[0].function.parameters');
  });

  it('drops what it can do without, with warnings, and ignores keep_alive and user', async () => {
    const context = callContext();
    await prepareLocalChat(
      chatRequest({ reasoningEffort: 'high', user: 'someone', extra: { mirostat: 2, keep_alive: '5m', top_k: 10 } }),
      chatModel,
      context,
    );
    assert.deepEqual(
      context.warnings.map((warning) => [warning.type, warning.param]),
      [
        ['dropped', 'reasoning_effort'],
        ['dropped', 'mirostat'],
      ],
    );
  });

  it('refuses a prompt and max_tokens that do not fit the context, naming both numbers', async () => {
    const prompt = await prepareLocalChat(chatRequest(), chatModel, callContext());
    const error = await rejectsWith(
      prepareLocalChat(
        chatRequest({ maxOutputTokens: 250, maxOutputTokensField: 'max_completion_tokens' }),
        chatModel,
        callContext(),
      ),
      'invalid_request',
    );
    assert.match(error.message, new RegExp(`${prompt.promptTokens} tokens`));
    assert.match(error.message, /max_completion_tokens asks for 250/);
    assert.match(error.message, /256 tokens/);
    assert.equal(error.param, 'max_completion_tokens');
    const long = await rejectsWith(
      prepareLocalChat(
        chatRequest({ messages: [{ role: 'user', content: 'hello '.repeat(300) }] }),
        chatModel,
        callContext(),
      ),
      'invalid_request',
      /context of 256 tokens/,
    );
    assert.equal(long.param, 'messages');
  });

  it('stops within a few milliseconds of an abort, and the sequence serves the next request', async () => {
    const controller = new AbortController();
    const prepared = await prepareLocalChat(chatRequest({ seed: 9, maxOutputTokens: 200 }), chatModel, callContext());
    const events: ChatStreamEvent[] = [];
    let abortedAt = 0;
    for await (const event of generateLocalChat(prepared, sequence, controller.signal)) {
      events.push(event);
      if (event.type === 'text-delta' && abortedAt === 0) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    const stoppedMs = performance.now() - abortedAt;
    assert.ok(stoppedMs < 50, `stopped ${stoppedMs.toFixed(1)} ms after the abort`);
    const finish = events.find((event) => event.type === 'choice-finish');
    assert.ok(finish?.type === 'choice-finish');
    assert.deepEqual(finish.finishReason, { unified: 'stop', raw: 'abort' });
    assert.ok(usageOf(events).output < 50);

    const next = await run(chatRequest({ maxOutputTokens: 6, seed: 1 }));
    assert.equal(usageOf(next.events).input, next.prepared.promptTokens);
    assert.equal(usageOf(next.events).output, 6);
  });

  it('stops generating when the reader leaves the stream early', async () => {
    const prepared = await prepareLocalChat(chatRequest({ seed: 9, maxOutputTokens: 200 }), chatModel, callContext());
    let deltas = 0;
    const leftAt = performance.now();
    for await (const event of generateLocalChat(prepared, sequence, new AbortController().signal)) {
      if (event.type === 'text-delta' && ++deltas === 3) break;
    }
    assert.ok(performance.now() - leftAt < 100, 'the generator returned without finishing the answer');
    const next = await run(chatRequest({ maxOutputTokens: 4, seed: 1 }));
    assert.equal(usageOf(next.events).input, next.prepared.promptTokens);
  });

  it('ends with a finish and no text when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const { events } = await run(chatRequest({ maxOutputTokens: 20 }), controller.signal);
    assert.equal(textOf(events), '');
    const finish = events.find((event) => event.type === 'choice-finish');
    assert.ok(finish?.type === 'choice-finish');
    assert.equal(finish.finishReason.raw, 'abort');
  });

  describe(
    'with stories260K-chat',
    { skip: existsSync(STORIES_CHAT_MODEL) ? false : '../shared/models is not here' },
    () => {
      it('answers in English words', async () => {
        const model = await runtime.llama.loadModel({ modelPath: STORIES_CHAT_MODEL, gpuLayers: 0 });
        const storiesContext = await model.createContext({ contextSize: 512, threads: 1 });
        try {
          const stories: LocalChatModel = {
            name: 'stories260K-chat',
            runtime,
            model,
            // The wrapper chatWrapperFor resolves for this template (tested above) without its 1.5 s of matching
            // the template against every built-in wrapper.
            chatWrapper: new runtime.lib.JinjaTemplateChatWrapper({
              template: String(model.fileInfo.metadata.tokenizer?.chat_template),
              tokenizer: model.tokenizer,
            }),
            contextSize: 512,
          };
          const prepared = await prepareLocalChat(
            chatRequest({
              messages: [{ role: 'user', content: 'Tell me a story about a cat.' }],
              maxOutputTokens: 48,
              seed: 1,
              temperature: 0,
            }),
            stories,
            callContext(),
          );
          const result = await collectChatResult(
            generateLocalChat(prepared, storiesContext.getSequence(), new AbortController().signal),
          );
          const words = (result.choices[0]?.content ?? '').split(/\s+/).filter((word) => word !== '');
          const english = words.filter((word) => /^[A-Za-z]+[.,!?'"]*$/.test(word));
          assert.ok(words.length >= 10, `a real answer: ${result.choices[0]?.content}`);
          assert.ok(english.length / words.length > 0.85, `mostly words: ${result.choices[0]?.content}`);
        } finally {
          await storiesContext.dispose();
          await model.dispose();
        }
      });
    },
  );
});
