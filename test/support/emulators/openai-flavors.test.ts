import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { expectedChatUsage, reasoningText, startOpenAiStyleEmulator } from './index.js';
import type { Emulator } from './index.js';
import { dataPayloads, readRawStream } from './read-raw-stream.js';

type ReasoningDelta = { reasoning_content?: string | null; content?: string | null; role?: string };

describe('xAI emulator', () => {
  let emulator: Emulator;
  let client: OpenAI;
  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'xai' });
    client = new OpenAI({ apiKey: emulator.apiKey, baseURL: emulator.baseUrl, maxRetries: 0 });
  });
  after(() => emulator.close());

  const messages = [{ role: 'user' as const, content: 'why is the sky blue' }];

  it('returns reasoning_content and counts reasoning tokens outside completion_tokens for grok-3-mini', async () => {
    const body = { model: 'grok-3-mini', messages };
    const completion = await client.chat.completions.create(body);
    const message = completion.choices[0]?.message as unknown as ReasoningDelta;
    assert.equal(message.reasoning_content, reasoningText('why is the sky blue'));
    assert.match(completion.id, /_us-east-1$/);
    const usage = completion.usage!;
    const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
    assert.equal(reasoning, 7);
    assert.equal(usage.completion_tokens, 6);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens + reasoning);
    assert.equal(usage.prompt_tokens_details?.cached_tokens, 2);
    assert.deepEqual(usage, expectedChatUsage('xai', body));
  });

  it('streams reasoning deltas before content, role on the first delta, finish_reason absent until the end', async () => {
    const raw = await readRawStream(
      `${emulator.baseUrl}/chat/completions`,
      { authorization: `Bearer ${emulator.apiKey}` },
      { model: 'grok-3-mini', messages, stream: true },
    );
    const chunks = dataPayloads(raw.text) as { choices: { delta: ReasoningDelta; finish_reason?: string }[] }[];
    const deltas = chunks.map((chunk) => chunk.choices[0]!);
    assert.equal(deltas[0]?.delta.role, 'assistant');
    assert.equal(typeof deltas[0]?.delta.reasoning_content, 'string');
    const firstContent = deltas.findIndex((choice) => typeof choice.delta.content === 'string');
    const lastReasoning = deltas.findLastIndex((choice) => typeof choice.delta.reasoning_content === 'string');
    assert.ok(lastReasoning < firstContent);
    assert.ok(deltas.slice(0, -1).every((choice) => !('finish_reason' in choice)));
    assert.equal(deltas.at(-1)?.finish_reason, 'stop');
    assert.ok(raw.text.endsWith('data: [DONE]\n\n'));
  });

  it('answers 400 to reasoning_effort on grok-3, to an unknown effort on mini, and to penalties or stop on mini', async () => {
    const cases: Record<string, unknown>[] = [
      { model: 'grok-3', reasoning_effort: 'low' },
      { model: 'grok-3-mini', reasoning_effort: 'medium' },
      { model: 'grok-3-mini', presence_penalty: 0.5 },
      { model: 'grok-3-mini', frequency_penalty: 0.5 },
      { model: 'grok-3-mini', stop: ['x'] },
    ];
    for (const extra of cases) {
      await assert.rejects(
        client.chat.completions.create({
          messages,
          ...extra,
        } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming),
        (error: unknown) => {
          assert.ok(error instanceof OpenAI.BadRequestError, JSON.stringify(extra));
          // xAI's envelope is {"code", "error": <message>}: the SDK surfaces the message string as `error`.
          assert.equal(typeof error.error, 'string');
          assert.match(error.error as string, /does not support parameter|Invalid value for reasoningEffort/);
          return true;
        },
      );
    }
    const raw = await fetch(`${emulator.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'grok-3', messages, reasoning_effort: 'low' }),
    });
    assert.equal(raw.status, 400);
    assert.deepEqual(await raw.json(), {
      code: 'Client specified an invalid argument',
      error: 'Model grok-3 does not support parameter reasoningEffort.',
    });
    const accepted = await client.chat.completions.create({ model: 'grok-3-mini', messages, reasoning_effort: 'high' });
    assert.equal(accepted.choices[0]?.finish_reason, 'stop');
    const plain = await client.chat.completions.create({ model: 'grok-3', messages, stop: ['zzz'] });
    assert.equal((plain.choices[0]?.message as unknown as ReasoningDelta).reasoning_content, undefined);
  });
});

describe('DeepSeek emulator', () => {
  let emulator: Emulator;
  let client: OpenAI;
  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'deepseek', apiKey: 'sk-deepseek-test' });
    client = new OpenAI({ apiKey: 'sk-deepseek-test', baseURL: emulator.baseUrl, maxRetries: 0 });
  });
  after(() => emulator.close());

  it('reports cache hits and misses and reasoning tokens inside completion_tokens for deepseek-reasoner', async () => {
    const body = { model: 'deepseek-reasoner', messages: [{ role: 'user' as const, content: 'prove it please' }] };
    const completion = await client.chat.completions.create(body);
    const usage = completion.usage as unknown as {
      prompt_tokens: number;
      completion_tokens: number;
      total_tokens: number;
      prompt_cache_hit_tokens: number;
      prompt_cache_miss_tokens: number;
      completion_tokens_details: { reasoning_tokens: number };
    };
    assert.equal(usage.prompt_cache_hit_tokens + usage.prompt_cache_miss_tokens, usage.prompt_tokens);
    assert.equal(usage.completion_tokens, 4 + usage.completion_tokens_details.reasoning_tokens);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.deepEqual(completion.usage, expectedChatUsage('deepseek', body));
    assert.equal(
      (completion.choices[0]?.message as unknown as ReasoningDelta).reasoning_content,
      reasoningText('prove it please'),
    );
  });

  it('streams reasoning_content with null content first', async () => {
    const stream = await client.chat.completions.create({
      model: 'deepseek-reasoner',
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
    });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as ReasoningDelta | undefined;
      if (typeof delta?.reasoning_content === 'string') {
        assert.equal(content, '', 'no content before reasoning ends');
        reasoning += delta.reasoning_content;
      }
      content += delta?.content ?? '';
    }
    assert.equal(reasoning, reasoningText('go'));
    assert.equal(content, 'Echo: go');
  });

  it('answers 400 when reasoning_content is sent back in a message', async () => {
    const messages = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b', reasoning_content: 'secret' },
      { role: 'user', content: 'c' },
    ] as unknown as OpenAI.ChatCompletionMessageParam[];
    await assert.rejects(client.chat.completions.create({ model: 'deepseek-reasoner', messages }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'invalid_request_error');
      assert.match(error.message, /reasoning_content/);
      return true;
    });
  });

  it('reports no reasoning for deepseek-chat', async () => {
    const completion = await client.chat.completions.create({
      model: 'deepseek-chat',
      messages: [{ role: 'user', content: 'hey' }],
    });
    assert.equal(completion.usage?.completion_tokens, 2);
    assert.equal(completion.usage?.completion_tokens_details, undefined);
  });
});

describe('other OpenAI-compatible flavors', () => {
  for (const flavor of ['mistral', 'gemini', 'vllm'] as const) {
    it(`${flavor} answers like OpenAI`, async () => {
      const emulator = await startOpenAiStyleEmulator({ flavor, streamChunks: 5 });
      try {
        const client = new OpenAI({ apiKey: emulator.apiKey, baseURL: emulator.baseUrl, maxRetries: 0 });
        const stream = await client.chat.completions.create({
          model: 'm',
          messages: [{ role: 'user', content: 'five pieces of text' }],
          stream: true,
        });
        const pieces: string[] = [];
        for await (const chunk of stream) {
          const piece = chunk.choices[0]?.delta.content;
          if (piece) pieces.push(piece);
        }
        assert.equal(pieces.length, 5);
        assert.equal(pieces.join(''), 'Echo: five pieces of text');
      } finally {
        await emulator.close();
      }
    });
  }
});
