import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

const KEY = 'shutdown-client-key-00001';

const yaml = (emulator: Emulator, grace: string) => `
server:
  shutdown_grace: ${grace}
connections:
  - name: openai
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
projects:
  - name: team
    keys:
      - name: app
        value: ${KEY}
    deployments:
      - name: chat
        model: gpt-4o
        backends:
          - connection: openai
            model: gpt-4o
`;

/** Starts a stream and resolves once its first frame arrived, with the promise of the rest (wrapped, not adopted). */
async function startStream(hangar: HangarUnderTest) {
  const response = await fetch(`${hangar.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'chat',
      stream: true,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }],
    }),
  });
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  const rest = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { text, cut: false };
        text += decoder.decode(value);
      }
    } catch {
      return { text, cut: true };
    }
  })();
  return { rest };
}

// What SIGTERM does (`hangar serve` calls close()): stop accepting, let in-flight streams finish within
// server.shutdown_grace, then flush the ledger and close.
describe('graceful shutdown', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
  });

  it('lets a stream in flight finish within the deadline, refuses new requests, and meters it', async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai', streamChunks: 8 });
    emulator.setFraming({ chunkDelayMs: 100 }); // about a second of stream
    const hangar = await startHangar({ yaml: yaml(emulator, '10s') });
    const stream = await startStream(hangar);
    const closingAt = performance.now();
    const closed = hangar.close();
    // Draining: no new request is taken.
    const late = await fetch(`${hangar.url}/v1/chat/completions`, { method: 'POST' }).then(
      (response) => response.status,
      () => 'refused',
    );
    assert.ok(late === 503 || late === 'refused', `a request during the drain got ${late}`);
    const { text, cut } = await stream.rest;
    const streamEndedAt = performance.now();
    await closed;
    const closedAt = performance.now();
    assert.equal(cut, false);
    assert.match(text, /data: \[DONE\]/, 'the stream ran to its end');
    assert.ok(closedAt - closingAt < 10_000, `close took ${closedAt - closingAt} ms`);
    // The drained keep-alive connection is closed at once, not at the deadline.
    assert.ok(closedAt - streamEndedAt < 1_000, `close ended ${closedAt - streamEndedAt} ms after the stream`);
    assert.deepEqual(
      hangar.usage.map((event) => event.outcome),
      ['ok'],
      'the stream was metered before the ledger closed',
    );
  });

  it('cuts a stream still running at the deadline, and still meters it', async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai', streamChunks: 60 });
    emulator.setFraming({ chunkDelayMs: 100 }); // about six seconds of stream
    const hangar = await startHangar({ yaml: yaml(emulator, '1s') });
    const stream = await startStream(hangar);
    const closingAt = performance.now();
    await hangar.close();
    const tookMs = performance.now() - closingAt;
    const { text } = await stream.rest;
    assert.doesNotMatch(text, /\[DONE\]/);
    assert.ok(tookMs >= 900 && tookMs < 3_000, `close took ${tookMs} ms with a 1 s grace`);
    assert.equal(hangar.usage.length, 1, 'the cut stream was metered');
    assert.equal(hangar.usage[0]?.outcome, 'client_abort');
    assert.ok((hangar.usage[0]?.usage.output ?? 0) > 0, 'billed for what was sent');
  });
});
