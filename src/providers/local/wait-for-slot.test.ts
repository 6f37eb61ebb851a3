import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import { waitForSlot } from './wait-for-slot.js';

/** An acquire that waits until its signal aborts, as a queued slot request does. */
function neverFree(signal: AbortSignal): Promise<string> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new GatewayError('client_closed_request', 'left the queue')), {
      once: true,
    });
  });
}

describe('waitForSlot', () => {
  it('gives up after the connection timeout with a 504 another backend may answer', async () => {
    const started = performance.now();
    await assert.rejects(waitForSlot(neverFree, new AbortController().signal, 30), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'upstream_timeout');
      assert.match(error.message, /30 ms/);
      return true;
    });
    assert.ok(performance.now() - started >= 25);
  });

  it('stays a client cancellation when the client leaves first', async () => {
    const client = new AbortController();
    const waiting = waitForSlot(neverFree, client.signal, 10_000);
    client.abort();
    await assert.rejects(waiting, { code: 'client_closed_request' });
  });

  it('returns the slot when one comes free in time', async () => {
    assert.equal(await waitForSlot(() => Promise.resolve('slot'), new AbortController().signal, 1000), 'slot');
  });
});
