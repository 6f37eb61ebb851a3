import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Agent, fetch } from 'undici';
import { openDatabase } from '../../src/store/index.js';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const KEY = 'sigterm-client-key-0001';
const WORKERS = 12;

/**
 * The test's environment without Hangar's settings: the server must use SQLite in its own data dir, never a
 * DATABASE_URL the suite runs with (its default schema is shared), nor Redis.
 */
function sqliteOnlyEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('HANGAR_') && name !== 'DATABASE_URL' && name !== 'REDIS_URL',
    ),
  );
}

/** One call of the load: a stream, a plain chat or embeddings, by turn. */
async function call(agent: Agent, url: string, turn: number): Promise<string | undefined> {
  const kind = turn % 3;
  const body =
    kind === 2
      ? { model: 'embed', input: `text ${turn}` }
      : { model: 'chat', stream: kind === 0, messages: [{ role: 'user', content: `say ${turn}` }] };
  const response = await fetch(`${url}/v1/${kind === 2 ? 'embeddings' : 'chat/completions'}`, {
    method: 'POST',
    dispatcher: agent,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) return undefined;
  // A stream counts as answered only when it ran to its end.
  if (kind === 0 && !text.includes('data: [DONE]')) return undefined;
  return response.headers.get('x-request-id') ?? undefined;
}

// docs/operations.md promises that a SIGTERM loses no usage: the server drains its requests, then the ledger writes
// what it holds before the database closes. A real `hangar serve` process is stopped in the middle of a load.
describe('hangar serve stopped by SIGTERM under load', () => {
  let emulator: Emulator;
  let directory: string;
  let server: ChildProcessByStdio<null, Readable, Readable>;

  before(async () => {
    // Each upstream call takes 40 ms, so requests are in flight when the signal comes.
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai', latencyMs: 40, recordRequests: false });
    directory = await mkdtemp(join(tmpdir(), 'hangar-sigterm-'));
    const configFile = join(directory, 'hangar.yaml');
    await writeFile(
      configFile,
      `connections:
  - name: vendor
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
projects:
  - name: shop
    keys:
      - name: app
        value: ${KEY}
    deployments:
      - name: chat
        model: gpt-4o
        backends:
          - connection: vendor
            model: gpt-4o
      - name: embed
        model: text-embedding-3-small
        backends:
          - connection: vendor
            model: text-embedding-3-small
`,
    );
    server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        'serve',
        '--config',
        configFile,
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data-dir',
        directory,
      ],
      { env: { ...sqliteOnlyEnvironment(), HANGAR_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  });
  after(async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await emulator?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('stores one usage record per answered request', async () => {
    let output = '';
    let errors = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    let url: string | undefined;
    while (url === undefined) {
      url = /Hangar is listening on (\S+)/.exec(output)?.[1];
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`hangar serve did not start: ${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const agent = new Agent();
    const answered: string[] = [];
    let refused = 0;
    let stopping = false;
    let turn = 0;
    const worker = async () => {
      // Keep calling until the server refuses, so requests are in flight and arriving when it stops.
      for (;;) {
        try {
          const requestId = await call(agent, url, (turn += 1));
          if (requestId !== undefined) answered.push(requestId);
          else if (stopping) return;
        } catch {
          refused += 1;
          if (stopping) return;
        }
      }
    };
    // The first calls load tokenizers and compile code: served before the load starts, so the load is all in flight.
    for (let kind = 0; kind < 3; kind += 1) {
      const requestId = await call(agent, url, kind);
      assert.ok(requestId !== undefined, `warm-up call ${kind} answered`);
      answered.push(requestId);
    }
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    // Under a second of load: fewer records than a full batch sit in the ledger, so only the shutdown flush saves them.
    await new Promise((resolve) => setTimeout(resolve, 700));
    stopping = true;
    server.kill('SIGTERM');
    await load;
    // Closing the client's keep-alive sockets lets the server finish draining without waiting out its grace period.
    await agent.close();
    assert.equal(await exited, 0, `hangar serve exits cleanly: ${errors}`);

    const database = await openDatabase({ sqlitePath: join(directory, 'hangar.db') });
    try {
      const records = await database.db.selectFrom('usage_records').select(['request_id', 'input_tokens']).execute();
      const stored = new Set(records.map((record) => record.request_id));
      assert.ok(answered.length > WORKERS, `the load got answers (${answered.length}, ${refused} refused)`);
      assert.deepEqual(
        answered.filter((requestId) => !stored.has(requestId)),
        [],
        'every answered request has its record',
      );
      assert.equal(records.length, answered.length, 'and there is no other record');
      assert.ok(records.every((record) => Number(record.input_tokens) > 0));
      const rollup = await database.db
        .selectFrom('usage_daily')
        .select((expression) => expression.fn.sum<number | string>('requests').as('requests'))
        .executeTakeFirst();
      assert.equal(Number(rollup?.requests), answered.length);
    } finally {
      await database.close();
    }
  });
});
