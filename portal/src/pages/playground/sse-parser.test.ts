import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseParser, readSseEvents, type SseEvent } from './sse-parser';

const STREAM =
  'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n' +
  ': a comment line\n' +
  'data: {"choices":[{"delta":{"content":"lo"}}]}\r\n\r\n' +
  'event: error\ndata: first\ndata:second\n\n' +
  'data: [DONE]\n\n';

const EXPECTED: SseEvent[] = [
  { event: undefined, data: '{"choices":[{"delta":{"content":"Hel"}}]}' },
  { event: undefined, data: '{"choices":[{"delta":{"content":"lo"}}]}' },
  { event: 'error', data: 'first\nsecond' },
  { event: undefined, data: '[DONE]' },
];

function parseInPieces(text: string, size: number): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  for (let start = 0; start < text.length; start += size) events.push(...parser.push(text.slice(start, start + size)));
  return [...events, ...parser.finish()];
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('SseParser', () => {
  it('reads a whole stream: comments skipped, event names kept, data lines joined, [DONE] as data', () => {
    assert.deepEqual(parseInPieces(STREAM, STREAM.length), EXPECTED);
  });

  it('gives the same events however the frames are split, down to one character at a time', () => {
    for (const size of [1, 2, 3, 5, 7, 13, 64]) assert.deepEqual(parseInPieces(STREAM, size), EXPECTED, `size ${size}`);
  });

  it('takes a CRLF split between two chunks as one line end, not as a blank line', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: a\r'), []);
    assert.deepEqual(parser.push('\ndata: b\r\n'), []);
    assert.deepEqual(parser.push('\r\n'), [{ event: undefined, data: 'a\nb' }]);
  });

  it('dispatches a last frame that has no blank line after it when the stream ends', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: [DONE]'), []);
    assert.deepEqual(parser.finish(), [{ event: undefined, data: '[DONE]' }]);
  });

  it('ignores blank lines between frames and frames without data', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('\n\nevent: ping\n\ndata: x\n\n'), [{ event: undefined, data: 'x' }]);
  });
});

describe('readSseEvents', () => {
  it('decodes UTF-8 whose bytes are split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo 👋\n\ndata: [DONE]\n\n');
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const events: SseEvent[] = [];
    for await (const event of readSseEvents(streamOf(chunks))) events.push(event);
    assert.deepEqual(
      events.map((event) => event.data),
      ['héllo 👋', '[DONE]'],
    );
  });
});
