import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Anthropic from '@anthropic-ai/sdk';
import ModelClient, { isUnexpected } from '@azure-rest/ai-inference';
import { AzureKeyCredential } from '@azure/core-auth';
import OpenAI from 'openai';
import { writeTinyLlamaGguf } from '../support/gguf/write-tiny-gguf.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

// The whole path a user takes to a locally hosted model: the official SDK, Hangar's endpoint and keys, the
// local provider, the model host and llama.cpp, on a model the test generates (no download).
const installed = await import('node-llama-cpp').then(
  () => true,
  () => false,
);

const CLIENT_KEY = 'local-engine-client-key-0001';
/** A plain template so the model's own chat template is used, with no system prompt added. */
const CHAT_TEMPLATE =
  "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n{% endfor %}" +
  '{% if add_generation_prompt %}assistant: {% endif %}';

interface LoadedView {
  name: string;
  slots: number;
  busy_slots: number;
  queued: number;
  memory_bytes: number;
  context_size: number;
}

describe(
  'a locally hosted model through Hangar',
  { skip: installed ? false : 'node-llama-cpp is not installed' },
  () => {
    let modelDirectory: string;
    let hangar: HangarUnderTest;
    let client: OpenAI;

    before(async () => {
      modelDirectory = await mkdtemp(join(tmpdir(), 'hangar-local-'));
      await writeTinyLlamaGguf(join(modelDirectory, 'tiny.gguf'), {
        seed: 11,
        chatTemplate: CHAT_TEMPLATE,
        contextLength: 2048,
      });
      await writeTinyLlamaGguf(join(modelDirectory, 'solo.gguf'), {
        seed: 12,
        chatTemplate: CHAT_TEMPLATE,
        contextLength: 2048,
      });
      hangar = await startHangar({
        env: { HANGAR_ENGINE_THREADS: '1', HANGAR_ENGINE_GPU: 'false' },
        yaml: `
models:
  - name: tiny
    file: ${join(modelDirectory, 'tiny.gguf')}
    context_size: 2048
    parallel: 2
    max_queue: 4
  - name: solo
    file: ${join(modelDirectory, 'solo.gguf')}
    context_size: 2048
    parallel: 1
    max_queue: 1
connections:
  - name: engine
    provider: local
# These tests watch the engine's slots as tokens arrive; a completion filter would hold the tokens in windows.
content_filters:
  engine-direct:
    completion: { hate: off, sexual: off, violence: off, self_harm: off }
projects:
  - name: team
    keys:
      - name: app
        value: ${CLIENT_KEY}
    deployments:
      - name: tiny-chat
        model: tiny
        content_filter: engine-direct
        backends:
          - connection: engine
            model: tiny
      - name: solo-chat
        model: solo
        content_filter: engine-direct
        backends:
          - connection: engine
            model: solo
      - name: missing
        model: missing
        backends:
          - connection: engine
            model: not-in-the-store
`,
      });
      client = new OpenAI({ baseURL: `${hangar.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    });
    after(async () => {
      await hangar?.close();
      await rm(modelDirectory, { recursive: true, force: true });
    });

    async function loaded(): Promise<LoadedView[]> {
      const response = await fetch(`${hangar.url}/admin/engine/loaded`, {
        headers: { authorization: `Bearer ${hangar.adminKey}` },
      });
      assert.equal(response.status, 200);
      return ((await response.json()) as { data: LoadedView[] }).data;
    }

    async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
      const started = performance.now();
      while (!(await condition())) {
        if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
        await sleep(2);
      }
      return performance.now() - started;
    }

    it('chats with exact usage: max_tokens generated tokens, the prompt counted once, metered as answered', async () => {
      const completion = await client.chat.completions.create({
        model: 'tiny-chat',
        messages: [{ role: 'user', content: 'hello' }],
        max_tokens: 12,
        temperature: 0,
      });
      const choice = completion.choices[0];
      assert.equal(choice?.finish_reason, 'length');
      assert.ok((choice?.message.content ?? '').length > 0);
      assert.equal(completion.usage?.completion_tokens, 12);
      assert.ok((completion.usage?.prompt_tokens ?? 0) > 0);
      assert.equal(completion.usage?.total_tokens, (completion.usage?.prompt_tokens ?? 0) + 12);
      const event = hangar.usage.at(-1);
      assert.equal(event?.backend, 'engine/tiny');
      assert.equal(event?.usage.input, completion.usage?.prompt_tokens);
      assert.equal(event?.usage.output, 12);
      // Time to first token and tokens/s are recorded per request, beside the wait for a slot.
      const timings = (event?.usage.raw as { timings?: Record<string, number> } | null)?.timings;
      assert.ok((timings?.predicted_per_second ?? 0) > 0, JSON.stringify(timings));
      assert.ok((timings?.time_to_first_token_ms ?? -1) >= 0);
      assert.equal(timings?.queue_ms, 0);
    });

    it('streams token by token the same text a non-streamed call returns, with the usage chunk', async () => {
      const request = {
        model: 'tiny-chat',
        messages: [{ role: 'user' as const, content: 'tell me' }],
        max_tokens: 16,
        temperature: 0,
      };
      const whole = await client.chat.completions.create(request);
      const stream = await client.chat.completions.create({
        ...request,
        stream: true,
        stream_options: { include_usage: true },
      });
      const deltas: string[] = [];
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta.content;
        if (delta) deltas.push(delta);
        if (chunk.usage) usage = chunk.usage;
      }
      assert.ok(deltas.length > 1, 'more than one delta: the answer is streamed as it is generated');
      assert.equal(deltas.join(''), whole.choices[0]?.message.content);
      assert.equal(usage?.completion_tokens, 16);
      assert.equal(usage?.prompt_tokens, whole.usage?.prompt_tokens);
    });

    it('answers the Anthropic and Azure AI Inference SDKs too, with the same exact token counts', async () => {
      const anthropic = new Anthropic({ baseURL: hangar.url, apiKey: CLIENT_KEY, maxRetries: 0 });
      const message = await anthropic.messages.create({
        model: 'tiny-chat',
        max_tokens: 9,
        temperature: 0,
        messages: [{ role: 'user', content: 'hello' }],
      });
      assert.equal(message.stop_reason, 'max_tokens');
      assert.equal(message.usage.output_tokens, 9);
      assert.ok(message.usage.input_tokens > 0);

      const azure = ModelClient(`${hangar.url}/models`, new AzureKeyCredential(CLIENT_KEY), {
        allowInsecureConnection: true,
      });
      const response = await azure.path('/chat/completions').post({
        body: { model: 'tiny-chat', messages: [{ role: 'user', content: 'hello' }], max_tokens: 9, temperature: 0 },
      });
      if (isUnexpected(response)) throw new Error(JSON.stringify(response.body));
      assert.equal(response.body.choices[0]?.finish_reason, 'length');
      assert.equal(response.body.usage.completion_tokens, 9);
      assert.equal(response.body.usage.prompt_tokens, message.usage.input_tokens);
    });

    it('answers a json_schema response_format with JSON that matches the schema', async () => {
      const completion = await client.chat.completions.create({
        model: 'tiny-chat',
        messages: [{ role: 'user', content: 'a pet' }],
        max_tokens: 300,
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'pet',
            strict: true,
            schema: {
              type: 'object',
              properties: {
                name: { type: 'string', maxLength: 6 },
                legs: { type: 'integer' },
                kind: { enum: ['cat', 'dog'] },
              },
              required: ['name', 'legs', 'kind'],
              additionalProperties: false,
            },
          },
        },
      });
      const content = completion.choices[0]?.message.content ?? '';
      const pet = JSON.parse(content) as { name: unknown; legs: unknown; kind: unknown };
      assert.equal(typeof pet.name, 'string');
      assert.ok(Number.isInteger(pet.legs));
      assert.ok(pet.kind === 'cat' || pet.kind === 'dog');
    });

    it('refuses a schema keyword the grammar cannot enforce, naming it', async () => {
      await assert.rejects(
        client.chat.completions.create({
          model: 'tiny-chat',
          messages: [{ role: 'user', content: 'x' }],
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: 'code',
              schema: { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]+$' } } },
            },
          },
        }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && /pattern/.test(error.message),
      );
    });

    it('calls a tool when tool_choice names it, with arguments that parse', async () => {
      const completion = await client.chat.completions.create({
        model: 'tiny-chat',
        messages: [{ role: 'user', content: 'weather in Paris?' }],
        max_tokens: 300,
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Current weather for a city',
              parameters: {
                type: 'object',
                properties: { city: { type: 'string', maxLength: 12 }, unit: { enum: ['c', 'f'] } },
                required: ['city', 'unit'],
                additionalProperties: false,
              },
            },
          },
        ],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      });
      const choice = completion.choices[0];
      assert.equal(choice?.finish_reason, 'tool_calls');
      const call = choice?.message.tool_calls?.[0];
      assert.equal(call?.type, 'function');
      assert.equal(call?.type === 'function' ? call.function.name : undefined, 'get_weather');
      const args = JSON.parse(call?.type === 'function' ? call.function.arguments : '') as {
        city: unknown;
        unit: unknown;
      };
      assert.equal(typeof args.city, 'string');
      assert.ok(args.unit === 'c' || args.unit === 'f');
      assert.match(call?.id ?? '', /^call_/);
    });

    it('embeds: unit vectors in input order, dimensions honoured, usage counted', async () => {
      const result = await client.embeddings.create({ model: 'tiny-chat', input: ['a cat', 'a dog', 'a cat'] });
      assert.equal(result.data.length, 3);
      for (const item of result.data) {
        const norm = Math.sqrt(item.embedding.reduce((sum, value) => sum + value * value, 0));
        assert.ok(Math.abs(norm - 1) < 1e-5, `norm ${norm}`);
      }
      assert.deepEqual(result.data[0]?.embedding, result.data[2]?.embedding);
      assert.notDeepEqual(result.data[0]?.embedding, result.data[1]?.embedding);
      assert.ok(result.usage.prompt_tokens >= 6);
      const short = await client.embeddings.create({ model: 'tiny-chat', input: 'a cat', dimensions: 8 });
      assert.equal(short.data[0]?.embedding.length, 8);
    });

    it('serves concurrent streams from one loaded model, in parallel slots', async () => {
      const request = {
        model: 'tiny-chat',
        messages: [{ role: 'user' as const, content: 'go' }],
        max_tokens: 400,
        stream: true as const,
      };
      const [first, second] = await Promise.all([
        client.chat.completions.create(request),
        client.chat.completions.create(request),
      ]);
      let sawBothBusy = false;
      const drain = async (stream: typeof first) => {
        for await (const chunk of stream) {
          void chunk;
          if (!sawBothBusy) sawBothBusy = (await loaded()).find((model) => model.name === 'tiny')?.busy_slots === 2;
        }
      };
      await Promise.all([drain(first), drain(second)]);
      assert.ok(sawBothBusy, 'both requests held a slot of the same model at once');
      const tiny = (await loaded()).filter((model) => model.name === 'tiny');
      assert.equal(tiny.length, 1, 'one copy of the model is loaded');
      assert.equal(tiny[0]?.slots, 2);
      assert.ok((tiny[0]?.memory_bytes ?? 0) > 0);
      assert.ok((tiny[0]?.context_size ?? 0) >= 2048);
    });

    it('frees the slot within 100 ms of a client disconnect, and queues then refuses past the queue', async () => {
      const controller = new AbortController();
      const long = await client.chat.completions.create(
        { model: 'solo-chat', messages: [{ role: 'user', content: 'a long story' }], max_tokens: 1800, stream: true },
        { signal: controller.signal },
      );
      const iterator = long[Symbol.asyncIterator]();
      await iterator.next();
      assert.equal((await loaded()).find((model) => model.name === 'solo')?.busy_slots, 1);

      // One request may wait (max_queue 1); the next is refused with a retry estimate.
      const queued = client.chat.completions.create({
        model: 'solo-chat',
        messages: [{ role: 'user', content: 'next' }],
        max_tokens: 4,
      });
      await until(async () => (await loaded()).find((model) => model.name === 'solo')?.queued === 1, 2000);
      const refused = await fetch(`${hangar.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'solo-chat', messages: [{ role: 'user', content: 'third' }], max_tokens: 4 }),
      });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limit_exceeded');

      // The slot is handed to the waiting request as soon as generation stops: its queue entry disappears.
      controller.abort();
      const freedWithin = await until(
        async () => (await loaded()).find((model) => model.name === 'solo')?.queued === 0,
        2000,
      );
      assert.ok(freedWithin < 100, `the waiting request got the slot ${freedWithin.toFixed(1)} ms after the abort`);
      const answered = await queued;
      assert.equal(answered.choices[0]?.finish_reason, 'length');
      const aborted = hangar.usage.find((event) => event.outcome === 'client_abort' && event.backend === 'engine/solo');
      assert.ok(aborted !== undefined, 'the aborted stream was metered');
      assert.ok(aborted.usage.output > 0 && aborted.usage.output < 1800);
    });

    it('says which local model is missing when a deployment names one that is not there', async () => {
      await assert.rejects(
        client.chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'x' }] }),
        (error: unknown) =>
          error instanceof OpenAI.InternalServerError && error.status === 503 && /not-in-the-store/.test(error.message),
      );
    });

    it('shows the engine, and unloads a model on request', async () => {
      const response = await fetch(`${hangar.url}/admin/engine`, {
        headers: { authorization: `Bearer ${hangar.adminKey}` },
      });
      const engine = (await response.json()) as {
        threads: number;
        accelerator: string | null;
        memory_budget_bytes: number;
        memory_used_bytes: number;
        loaded: LoadedView[];
      };
      assert.equal(engine.threads, 1);
      assert.equal(engine.accelerator, 'cpu');
      assert.ok(engine.memory_used_bytes > 0 && engine.memory_used_bytes <= engine.memory_budget_bytes);
      const unload = await fetch(`${hangar.url}/admin/engine/loaded/tiny`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${hangar.adminKey}` },
      });
      assert.equal(unload.status, 200);
      assert.equal(
        (await loaded()).some((model) => model.name === 'tiny'),
        false,
      );
    });
  },
);
