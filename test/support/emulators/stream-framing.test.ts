import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startAnthropicEmulator, startOpenAiStyleEmulator } from './index.js';
import type { Emulator, StreamFraming } from './index.js';
import { readRawStream } from './read-raw-stream.js';
import { splitIntoBytePieces } from './stream-framing.js';

const TEXT = 'héllo wörld ✓ 日本語 emoji 🚀 done';

const FRAMINGS: Record<string, StreamFraming> = {
  'LF, one write per frame': {},
  CRLF: { lineEnding: '\r\n' },
  'byte pieces': { split: 'bytes' },
  'CRLF in byte pieces': { lineEnding: '\r\n', split: 'bytes' },
  packed: { split: 'packed' },
  'CRLF packed with keep-alive comments': { lineEnding: '\r\n', split: 'packed', keepAliveComments: true },
  'keep-alive comments': { keepAliveComments: true },
  'delayed frames': { chunkDelayMs: 5 },
};

function countFrames(read: string): number {
  return (read.match(/data: /g) ?? []).length;
}

describe('stream framing', () => {
  let openAiEmulator: Emulator;
  let anthropicEmulator: Emulator;
  let openAi: OpenAI;
  let anthropic: Anthropic;

  before(async () => {
    openAiEmulator = await startOpenAiStyleEmulator({ flavor: 'openai', streamChunks: 6 });
    anthropicEmulator = await startAnthropicEmulator({ streamChunks: 6 });
    openAi = new OpenAI({ apiKey: openAiEmulator.apiKey, baseURL: openAiEmulator.baseUrl, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: anthropicEmulator.apiKey, baseURL: anthropicEmulator.url, maxRetries: 0 });
  });
  after(async () => {
    await openAiEmulator.close();
    await anthropicEmulator.close();
  });

  for (const [name, framing] of Object.entries(FRAMINGS)) {
    it(`both SDKs decode "${name}" to the same text and usage`, async () => {
      openAiEmulator.setFraming(framing);
      anthropicEmulator.setFraming(framing);
      const stream = await openAi.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: TEXT }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let completionTokens: number | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
      }
      assert.equal(text, `Echo: ${TEXT}`);
      assert.equal(completionTokens, 8);
      const message = await anthropic.messages
        .stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: TEXT }] })
        .finalMessage();
      assert.deepEqual(message.content, [{ type: 'text', text: `Echo: ${TEXT}` }]);
      assert.equal(message.usage.output_tokens, 8);
    });
  }

  const rawChat = (emulator: Emulator) =>
    readRawStream(
      `${emulator.baseUrl}/chat/completions`,
      { authorization: `Bearer ${emulator.apiKey}` },
      { model: 'gpt-4o', messages: [{ role: 'user', content: TEXT }], stream: true },
    );

  it('ends every line with CRLF when asked', async () => {
    openAiEmulator.setFraming({ lineEnding: '\r\n' });
    const raw = await rawChat(openAiEmulator);
    assert.match(raw.text, /^data: \{.*\}\r\n\r\n/);
    assert.ok(raw.text.endsWith('data: [DONE]\r\n\r\n'));
    assert.equal(/[^\r]\n/.test(raw.text), false, 'no bare LF');
  });

  it('writes one frame per read when delayed, several per read when packed', async () => {
    openAiEmulator.setFraming({ chunkDelayMs: 50 });
    const single = await rawChat(openAiEmulator);
    assert.ok(
      single.reads.every((read) => countFrames(read) === 1),
      JSON.stringify(single.reads.map(countFrames)),
    );
    openAiEmulator.setFraming({ split: 'packed', chunkDelayMs: 50 });
    const packed = await rawChat(openAiEmulator);
    assert.equal(countFrames(packed.text), countFrames(single.text));
    assert.equal(countFrames(packed.reads[0] ?? ''), 3);
    assert.ok(packed.reads.length < single.reads.length);
  });

  it('puts `: ping` comments between frames', async () => {
    openAiEmulator.setFraming({ keepAliveComments: true });
    const raw = await rawChat(openAiEmulator);
    const frames = raw.text.split('\n\n').filter((frame) => frame.length > 0);
    assert.deepEqual(
      frames.map((frame) => (frame === ': ping' ? 'ping' : 'data')),
      frames.map((_, index) => (index % 2 === 0 ? 'data' : 'ping')),
    );
  });

  it('cuts byte pieces inside JSON and multi-byte characters, and between CR and LF', async () => {
    const frame = `data: {"content":"${TEXT}"}\r\n\r\n`;
    const pieces = splitIntoBytePieces(frame);
    assert.equal(Buffer.concat(pieces).toString('utf8'), frame);
    assert.ok(pieces.every((piece) => piece.length <= 5));
    assert.ok(
      pieces.every((piece) => !piece.includes('\r\n')),
      'CR and LF are always in different pieces',
    );
    assert.ok(
      pieces.some((piece) => piece.toString('utf8').includes('\uFFFD')),
      'some piece splits a character',
    );
    openAiEmulator.setFraming({ split: 'bytes', lineEnding: '\r\n', chunkDelayMs: 1 });
    const raw = await rawChat(openAiEmulator);
    assert.ok(raw.reads.length > 20, `arrived in ${raw.reads.length} reads`);
  });

  it('waits chunkDelayMs between frames', async () => {
    openAiEmulator.setFraming({ chunkDelayMs: 20 });
    const started = Date.now();
    const raw = await rawChat(openAiEmulator);
    const frames = countFrames(raw.text);
    assert.ok(Date.now() - started >= (frames - 1) * 20 - 5);
  });
});
