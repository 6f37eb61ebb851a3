import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeSseFrames } from './sse-writer.js';

/** A response that records each socket write with the time it was made. */
function recordingResponse(highWaterMark = 1 << 20) {
  const writes: { text: string; at: number }[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      writes.push({ text: chunk.toString(), at: performance.now() });
      done();
    },
  });
  return { response: stream as unknown as ServerResponse, writes };
}

async function* framesEvery(count: number, gapMs: number): AsyncGenerator<string> {
  for (let index = 0; index < count; index += 1) {
    if (index > 0 && gapMs > 0) await sleep(gapMs);
    yield `data: ${index}\n\n`;
  }
}

const allFrames = (count: number) => Array.from({ length: count }, (_, index) => `data: ${index}\n\n`).join('');

describe('writeSseFrames', () => {
  it('writes the opening window frame by frame, then batches a fast stream into few writes, losing nothing', async () => {
    const { response, writes } = recordingResponse();
    async function* fastStream(): AsyncGenerator<string> {
      yield 'data: role\n\n';
      yield 'data: first-token\n\n';
      await sleep(15); // past the opening window
      for (let index = 0; index < 200; index += 1) yield `data: ${index}\n\n`;
    }
    await writeSseFrames(response, fastStream(), { coalesceMs: 10 });
    assert.equal(writes.map((write) => write.text).join(''), `data: role\n\ndata: first-token\n\n${allFrames(200)}`);
    assert.equal(writes[0]?.text, 'data: role\n\n');
    assert.equal(writes[1]?.text, 'data: first-token\n\n', 'the first token is not held behind the role frame');
    assert.ok(writes.length <= 5, `${writes.length} writes for 202 frames`);
  });

  it('writes frame by frame when frames come slower than the window', async () => {
    const { response, writes } = recordingResponse();
    await writeSseFrames(response, framesEvery(5, 25), { coalesceMs: 10 });
    assert.equal(writes.length, 5);
    assert.equal(writes.map((write) => write.text).join(''), allFrames(5));
  });

  it('never holds a frame longer than the window while the stream waits', async () => {
    const { response, writes } = recordingResponse();
    async function* twoThenPause(): AsyncGenerator<string> {
      yield 'data: opening\n\n';
      await sleep(15);
      yield 'data: a\n\n';
      yield 'data: b\n\n'; // within the window of a's write: buffered
      await sleep(60);
      yield 'data: c\n\n';
    }
    await writeSseFrames(response, twoThenPause(), { coalesceMs: 10 });
    const a = writes.find((write) => write.text.includes('data: a'));
    const b = writes.find((write) => write.text.includes('data: b'));
    assert.ok(a !== undefined && b !== undefined && a !== b, 'b waited for the window');
    assert.ok(b.at - a.at < 30, 'b went out on the timer, not with c');
    assert.equal(writes.map((write) => write.text).join(''), 'data: opening\n\ndata: a\n\ndata: b\n\ndata: c\n\n');
  });

  it('with a window of 0, writes every frame on its own', async () => {
    const { response, writes } = recordingResponse();
    await writeSseFrames(response, framesEvery(50, 0), { coalesceMs: 0 });
    assert.equal(writes.length, 50);
  });

  it('flushes what it holds before a failing source is reported', async () => {
    const { response, writes } = recordingResponse();
    async function* failing(): AsyncGenerator<string> {
      yield 'data: 0\n\n';
      await sleep(60); // past the opening window
      yield 'data: 1\n\n';
      yield 'data: 2\n\n'; // held in the window when the source fails
      throw new Error('upstream broke');
    }
    await assert.rejects(writeSseFrames(response, failing(), { coalesceMs: 50 }), /upstream broke/);
    assert.equal(writes.map((write) => write.text).join(''), 'data: 0\n\ndata: 1\n\ndata: 2\n\n');
    assert.equal(writes.at(-1)?.text, 'data: 2\n\n', 'the held frame was flushed on its own at the end');
  });
});
