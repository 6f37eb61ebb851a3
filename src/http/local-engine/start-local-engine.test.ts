import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { loadConfig } from '../../config/index.js';
import { DEFAULT_CHAT_MODEL } from '../../engine/index.js';
import { serveModelFiles, type ModelFileServer } from '../../engine/model-store/testing/serve-model-files.js';
import { startLocalEngine } from './start-local-engine.js';

/** A pino logger whose lines the test can read. */
function capturingLogger() {
  const lines: { msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('starting the local engine', () => {
  let directory: string;
  let files: ModelFileServer;
  let gguf: Buffer;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-engine-start-'));
    await writeTinyLlamaGguf(join(directory, 'tiny.gguf'), { seed: 3 });
    gguf = await readFile(join(directory, 'tiny.gguf'));
    files = await serveModelFiles({ '/tiny.gguf': { body: gguf } });
  });
  after(async () => {
    await files.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function configWith(yaml: string, dataDir: string) {
    const file = join(directory, `${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, yaml);
    return loadConfig({ configFile: file, flags: { dataDir }, env: { HANGAR_ENGINE_THREADS: '1' } });
  }

  it('on a first start with no model, says how to pull the default small chat model', async () => {
    const { logger, lines } = capturingLogger();
    const engine = await startLocalEngine(await configWith('{}', join(directory, 'empty')), logger);
    await engine.close();
    const hint = lines.find((line) => line.msg.includes(DEFAULT_CHAT_MODEL.pullCommand));
    assert.ok(hint, `a line names the pull command; got ${lines.map((line) => line.msg).join(' | ')}`);
    assert.match(hint.msg, new RegExp(DEFAULT_CHAT_MODEL.licence));
    assert.equal(engine.settings.threads, 1);
  });

  it('pulls a declared source model in the background, then serves it by name', async () => {
    const { logger, lines } = capturingLogger();
    const dataDir = join(directory, 'pulled');
    const engine = await startLocalEngine(
      await configWith(`models:\n  - name: fetched\n    source: ${files.url}/tiny.gguf\n`, dataDir),
      logger,
    );
    try {
      assert.equal(
        lines.some((line) => line.msg.includes(DEFAULT_CHAT_MODEL.pullCommand)),
        false,
        'no hint when models are declared',
      );
      for (let attempt = 0; attempt < 200 && (await engine.store.get('fetched')) === undefined; attempt += 1) {
        await sleep(10);
      }
      const stored = await engine.store.get('fetched');
      assert.equal(stored?.sizeBytes, gguf.length);
      assert.ok(lines.some((line) => line.msg === 'pulled declared model fetched'));
    } finally {
      await engine.close();
    }
  });
});
