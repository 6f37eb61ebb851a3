import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';

// The fixture model must be one llama.cpp really runs, or every engine test built on it proves nothing.
// node-llama-cpp is an optional dependency; where it is not installed this suite says so and skips.
const runtime = await import('node-llama-cpp').catch(() => undefined);

describe(
  'the generated tiny GGUF in llama.cpp',
  { skip: runtime === undefined ? 'node-llama-cpp is not installed' : false },
  () => {
    let directory: string;
    let modelPath: string;
    before(async () => {
      directory = await mkdtemp(join(tmpdir(), 'hangar-tiny-gguf-'));
      modelPath = join(directory, 'tiny.gguf');
      await writeTinyLlamaGguf(modelPath, { seed: 7 });
    });
    after(() => rm(directory, { recursive: true, force: true }));

    it('loads, tokenizes its own words and generates the same tokens twice at temperature 0', async () => {
      const { getLlama, LlamaCompletion, LlamaLogLevel } = runtime!;
      // Threads are always explicit: the runtime's default oversubscribes small machines a thousandfold.
      const llama = await getLlama({
        gpu: false,
        build: 'never',
        usePrebuiltBinaries: true,
        skipDownload: true,
        progressLogs: false,
        logLevel: LlamaLogLevel.error,
        maxThreads: 1,
      });
      try {
        const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
        assert.equal(model.trainContextSize, 256);
        assert.equal(model.detokenize(model.tokenize('hello')), 'hello');
        const generate = async () => {
          const context = await model.createContext({ contextSize: 128, threads: 1 });
          try {
            const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
            return await completion.generateCompletion('hello', { maxTokens: 8, temperature: 0 });
          } finally {
            await context.dispose();
          }
        };
        const first = await generate();
        assert.ok(first.length > 0, 'some text was generated');
        assert.equal(await generate(), first);
      } finally {
        await llama.dispose();
      }
    });
  },
);
