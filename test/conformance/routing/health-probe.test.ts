import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOpenAiStyleEmulator, type Emulator } from '../../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../../support/start-hangar.js';
import { rawCall } from '../errors/error-helpers.js';

/*
 * Active health probes: with routing.health_probe, Hangar lists each backend's models every interval without any
 * client traffic; a backend that stops answering has its circuit opened and the failure shown in the health view,
 * and the first good probe after it recovers closes the circuit again.
 */

interface ProbedBackend {
  connection: string;
  breaker: { state: string };
  last_probe: { at: string; ok: boolean; error: string | null } | null;
}

describe('active health probes', () => {
  let alive: Emulator;
  let dead: Emulator;
  let hangar: HangarUnderTest;

  before(async () => {
    [alive, dead] = await Promise.all([
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-probe-alive-vendor-0001' }),
      startOpenAiStyleEmulator({ flavor: 'openai', apiKey: 'sk-probe-dead-vendor-00002' }),
    ]);
    dead.setFault({ kind: 'status', status: 503 });
    const connection = (name: string, emulator: Emulator, key: string) =>
      `  - name: ${name}\n    provider: openai\n    base_url: ${emulator.baseUrl}\n    api_key: \${${key}}\n`;
    hangar = await startHangar({
      yaml:
        'connections:\n' +
        connection('alive', alive, 'ALIVE_KEY') +
        connection('dead', dead, 'DEAD_KEY') +
        'projects:\n  - name: probes\n    deployments:\n' +
        '      - name: pair\n        model: gpt-4o\n        backends:\n' +
        '          - connection: alive\n            model: gpt-4o\n' +
        '          - connection: dead\n            model: gpt-4o\n' +
        '        routing:\n          breaker:\n            consecutive_failures: 1\n' +
        '          health_probe:\n            interval_ms: 1000\n',
      env: { ALIVE_KEY: alive.apiKey, DEAD_KEY: dead.apiKey },
    });
  });
  after(async () => {
    await hangar?.close();
    await Promise.all([alive, dead].map((emulator) => emulator?.close()));
  });

  const backends = async () =>
    (
      (
        await rawCall(`${hangar.url}/admin/projects/probes/deployments/pair/health`, {
          method: 'GET',
          headers: { authorization: `Bearer ${hangar.adminKey}` },
        })
      ).json as { backends: ProbedBackend[] }
    ).backends;
  const byName = (list: ProbedBackend[], name: string) => list.find((backend) => backend.connection === name)!;
  /** Polls the health view until `done` holds, for at most a few probe intervals. */
  const waitFor = async (done: (list: ProbedBackend[]) => boolean): Promise<ProbedBackend[]> => {
    const deadline = Date.now() + 3_000;
    for (;;) {
      const list = await backends();
      if (done(list) || Date.now() > deadline) return list;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('opens the dead backend without traffic and closes it once it answers again', async () => {
    const failing = await waitFor((list) => byName(list, 'dead').breaker.state === 'open');
    assert.equal(byName(failing, 'dead').breaker.state, 'open');
    assert.equal(byName(failing, 'dead').last_probe?.ok, false);
    assert.match(byName(failing, 'dead').last_probe?.error ?? '', /./);
    const answering = await waitFor((list) => byName(list, 'alive').last_probe !== null);
    assert.equal(byName(answering, 'alive').breaker.state, 'closed');
    assert.deepEqual(
      { ok: byName(answering, 'alive').last_probe?.ok, error: byName(answering, 'alive').last_probe?.error },
      { ok: true, error: null },
    );
    // Only the listing was called: the probes spent no tokens.
    assert.ok(dead.requests.length > 0);
    assert.ok([...alive.requests, ...dead.requests].every((request) => request.method === 'GET'));
    assert.ok(alive.requests.every((request) => request.path === '/v1/models'));

    dead.setFault(undefined);
    const recovered = await waitFor((list) => byName(list, 'dead').last_probe?.ok === true);
    assert.equal(byName(recovered, 'dead').breaker.state, 'closed');
    assert.equal(byName(recovered, 'dead').last_probe?.error, null);
  });
});
