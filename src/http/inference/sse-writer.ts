import type { ServerResponse } from 'node:http';

export interface SseWriteOptions {
  /**
   * Frames that arrive within this many milliseconds of the last write are sent together in the next one
   * (0: one write per frame). Every frame stays its own SSE event; only the number of socket writes changes.
   */
  coalesceMs: number;
}

/**
 * Writes SSE frames to a response, honouring backpressure. Resolves when the frames run out or the client
 * goes away; leaving the loop early calls `return()` on the frame iterator, which cascades to the
 * provider and closes the upstream connection, so generation (and billing) stops.
 *
 * A local model can produce a token every half millisecond; one socket write per token then costs more than
 * generating it (docs/decisions/2026-11-23-coalesced-stream-writes.md). So the frames of the stream's first window
 * go out at once and later ones are batched over `coalesceMs`: a stream slower than one frame per window is written
 * frame by frame as before, and the last frames are flushed as soon as the stream ends.
 */
export async function writeSseFrames(
  response: ServerResponse,
  frames: AsyncIterable<string>,
  options: SseWriteOptions,
): Promise<void> {
  let pending = '';
  let firstWriteAt: number | undefined;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  /** A timed flush found the socket's buffer full; the loop waits for it to drain before reading on. */
  let mustDrain = false;

  const flush = (): boolean => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === '' || response.destroyed) return true;
    const chunk = pending;
    pending = '';
    lastWriteAt = performance.now();
    firstWriteAt ??= lastWriteAt;
    return response.write(chunk);
  };

  try {
    for await (const frame of frames) {
      if (response.destroyed) break;
      if (mustDrain) {
        mustDrain = false;
        if (!(await waitForDrain(response))) break;
      }
      pending += frame;
      const now = performance.now();
      const sinceWrite = now - lastWriteAt;
      // The stream's first window is written frame by frame: a role-only frame followed at once by the first
      // token must not hold that token back. Batching starts once the stream is flowing.
      const opening = firstWriteAt === undefined || now - firstWriteAt < options.coalesceMs;
      if (opening || sinceWrite >= options.coalesceMs) {
        if (!flush() && !(await waitForDrain(response))) break;
      } else {
        timer ??= setTimeout(() => {
          if (!flush()) mustDrain = true;
        }, options.coalesceMs - sinceWrite);
      }
    }
  } finally {
    flush();
  }
}

function waitForDrain(response: ServerResponse): Promise<boolean> {
  if (response.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onDrain = () => {
      response.off('close', onClose);
      resolve(true);
    };
    const onClose = () => {
      response.off('drain', onDrain);
      resolve(false);
    };
    response.once('drain', onDrain);
    response.once('close', onClose);
  });
}
