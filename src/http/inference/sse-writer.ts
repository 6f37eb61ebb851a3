import type { ServerResponse } from 'node:http';

/**
 * Writes SSE frames to a response, honouring backpressure. Resolves when the frames run out or the client
 * goes away; leaving the loop early calls `return()` on the frame iterator, which cascades to the
 * provider and closes the upstream connection, so generation (and billing) stops.
 */
export async function writeSseFrames(response: ServerResponse, frames: AsyncIterable<string>): Promise<void> {
  for await (const frame of frames) {
    if (response.destroyed) break;
    if (!response.write(frame)) {
      const drained = await waitForDrain(response);
      if (!drained) break;
    }
  }
}

function waitForDrain(response: ServerResponse): Promise<boolean> {
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
