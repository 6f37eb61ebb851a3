import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Llama } from 'node-llama-cpp';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { GatewayError } from '../../spec/index.js';
import { embedLocally, l2Normalise, type LocalEmbeddingModel } from './index.js';
import {
  cosineSimilarity,
  embeddingRequest,
  euclideanNorm,
  openTestEmbeddingModel,
  openTestLlama,
  spyOnEmbeddingCalls,
} from './testing/open-test-embedding-model.js';

// node-llama-cpp is an optional dependency; where it is not installed this suite says so and skips.
const runtime = await import('node-llama-cpp').catch(() => undefined);

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bertModel = join(repositoryRoot, '..', 'shared', 'models', 'tiny-bert-random-embed.gguf');

const CONTEXT_SIZE = 64;
const CAT = 'The cat sat on the mat.';
const never = new AbortController().signal;

function assertUnitVector(vector: readonly number[]): void {
  assert.ok(Math.abs(euclideanNorm(vector) - 1) <= 1e-6, `norm ${euclideanNorm(vector)} is 1`);
}

function isGatewayError(code: string, pattern: RegExp, param: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof GatewayError, `a GatewayError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    assert.equal(error.param, param);
    return true;
  };
}

// Starting llama.cpp takes seconds, so every model in this file is loaded on one runtime.
describe('embedLocally', { skip: runtime === undefined ? 'node-llama-cpp is not installed' : false }, () => {
  let llama: Llama;
  before(async () => {
    // Only reached when the import above succeeded.
    llama = await openTestLlama();
  });
  after(() => llama?.dispose());

  describe('on the generated tiny llama', () => {
    let directory: string;
    let local: LocalEmbeddingModel;

    before(async () => {
      directory = await mkdtemp(join(tmpdir(), 'hangar-embeddings-'));
      const modelPath = join(directory, 'tiny.gguf');
      await writeTinyLlamaGguf(modelPath, { seed: 11 });
      local = await openTestEmbeddingModel(llama, modelPath, CONTEXT_SIZE);
    });
    after(() => rm(directory, { recursive: true, force: true }));

    it('returns one unit vector per input, in input order, the same for the same text', async () => {
      const texts = ['hello', CAT, 'hello', 'world'];
      const result = await embedLocally(local, embeddingRequest(texts), never);
      assert.equal(result.upstreamModel, 'test-embedder');
      assert.equal(result.embeddings.length, texts.length);
      for (const vector of result.embeddings) {
        assert.equal(vector.length, local.model.embeddingVectorSize);
        assertUnitVector(vector);
      }
      assert.deepEqual(result.embeddings[2], result.embeddings[0]);
      assert.notDeepEqual(result.embeddings[1], result.embeddings[0]);
      // Embedded alone, each text gets the vector it got in the batch, at its own position.
      for (const [index, text] of texts.entries()) {
        const alone = await embedLocally(local, embeddingRequest([text]), never);
        assert.deepEqual(alone.embeddings[0], result.embeddings[index], `input ${index}`);
      }
    });

    it("is the library's own vector, normalised", async () => {
      const raw = (await local.context.getEmbeddingFor(CAT)).vector;
      assert.ok(
        Math.abs(euclideanNorm(raw) - 1) > 1e-3,
        'the library does not normalise (else this test proves nothing)',
      );
      const result = await embedLocally(local, embeddingRequest([CAT]), never);
      assert.deepEqual(result.embeddings[0], l2Normalise(raw));
    });

    it('cuts vectors to `dimensions` and normalises them again', async () => {
      const full = await embedLocally(local, embeddingRequest([CAT, 'hello']), never);
      const cut = await embedLocally(local, embeddingRequest([CAT, 'hello'], { dimensions: 8 }), never);
      for (const [index, vector] of cut.embeddings.entries()) {
        assert.equal(vector.length, 8);
        assertUnitVector(vector);
        // Same direction as the first 8 components of the full vector.
        const expected = l2Normalise(full.embeddings[index]!.slice(0, 8));
        vector.forEach((component, position) => assert.ok(Math.abs(component - expected[position]!) < 1e-12));
      }
      const native = await embedLocally(local, embeddingRequest([CAT], { dimensions: 64 }), never);
      assert.deepEqual(native.embeddings, full.embeddings.slice(0, 1));
    });

    it('refuses `dimensions` outside 1 to the native size, naming the native size', async () => {
      for (const dimensions of [65, 0, -1, 1.5]) {
        await assert.rejects(
          embedLocally(local, embeddingRequest(['hello'], { dimensions }), never),
          isGatewayError('invalid_request', /from 1 to 64, this model's native size; got/, 'dimensions'),
        );
      }
    });

    it('bills exactly the tokens the context evaluates: the text and the BOS token llama prepends', async () => {
      const texts = ['hello', CAT, 'a b c d e f', ' '];
      const result = await embedLocally(local, embeddingRequest(texts), never);
      // BOS counts: llama.cpp evaluates it for every input, and its own server bills it the same way.
      assert.equal(local.model.tokens.shouldPrependBosToken, true);
      assert.equal(local.model.tokens.shouldAppendEosToken, false);
      const expected = texts.reduce((sum, text) => sum + local.model.tokenize(text).length + 1, 0);
      assert.equal(result.usage.input, expected);
      assert.equal(
        result.usage.input,
        texts.reduce((sum, text) => sum + local.context.calculateInputLength(text), 0),
      );
      assert.deepEqual(result.usage.raw, { prompt_tokens: expected, total_tokens: expected });
      assert.deepEqual(
        [result.usage.cachedInput, result.usage.cacheWriteInput, result.usage.output, result.usage.reasoning],
        [0, 0, 0, 0],
      );
    });

    it('refuses an input over the limit before embedding anything, naming the input and both counts', async () => {
      const spy = spyOnEmbeddingCalls(local.context);
      try {
        const long = 'a b c d e f g h i j '.repeat(10);
        const tokens = local.model.tokenize(long).length + 1;
        await assert.rejects(
          embedLocally(local, embeddingRequest(['hello', CAT, long]), never),
          isGatewayError(
            'invalid_request',
            new RegExp(
              `^Input 2 has ${tokens} tokens; this model embeds at most 63 per input\\. Shorten or split it\\.$`,
            ),
            'input',
          ),
        );
        assert.equal(spy.calls, 0, 'nothing was computed');
      } finally {
        spy.restore();
      }
    });

    it('takes an input that fills the context up to the last position the library allows', async () => {
      const word = local.model.tokenize('hello');
      const fits = Array.from({ length: CONTEXT_SIZE - 2 }, () => word[0]!);
      const result = await embedLocally(local, embeddingRequest([fits]), never);
      assertUnitVector(result.embeddings[0]!);
      assert.equal(result.usage.input, CONTEXT_SIZE - 1);
      await assert.rejects(
        embedLocally(local, embeddingRequest([[...fits, word[0]!]]), never),
        isGatewayError('invalid_request', /^Input 0 has 64 tokens; this model embeds at most 63/, 'input'),
      );
    });

    it('accepts token-id arrays and embeds them as the same text would be', async () => {
      const tokens = local.model.tokenize(CAT);
      const result = await embedLocally(local, embeddingRequest([[...tokens], [5, 6, 7]]), never);
      const text = await embedLocally(local, embeddingRequest([CAT]), never);
      assert.deepEqual(result.embeddings[0], text.embeddings[0]);
      assertUnitVector(result.embeddings[1]!);
      assert.equal(result.usage.input, tokens.length + 1 + 3 + 1);
    });

    it('refuses token ids outside the vocabulary, naming the input and the position', async () => {
      const spy = spyOnEmbeddingCalls(local.context);
      try {
        for (const bad of [636, -1, 2.5, 1e9]) {
          await assert.rejects(
            embedLocally(
              local,
              embeddingRequest([
                [1, 5, 6],
                [5, bad],
              ]),
              never,
            ),
            isGatewayError(
              'invalid_request',
              new RegExp(
                `^Input 1 has token id ${bad} at position 1; this model's token ids are whole numbers from 0 to 635\\.$`,
              ),
              'input',
            ),
          );
        }
        assert.equal(spy.calls, 0);
      } finally {
        spy.restore();
      }
    });

    it('refuses empty inputs: no input, an empty string, an empty token array', async () => {
      await assert.rejects(
        embedLocally(local, embeddingRequest([]), never),
        isGatewayError('invalid_request', /^input is empty/, 'input'),
      );
      await assert.rejects(
        embedLocally(local, embeddingRequest(['hello', '']), never),
        isGatewayError('invalid_request', /^Input 1 is an empty string/, 'input'),
      );
      await assert.rejects(
        embedLocally(local, embeddingRequest([[5], []]), never),
        isGatewayError('invalid_request', /^Input 1 is an empty token array/, 'input'),
      );
    });

    it('stops between inputs once the client has gone', async () => {
      const before = new AbortController();
      before.abort();
      const untouched = spyOnEmbeddingCalls(local.context);
      try {
        await assert.rejects(embedLocally(local, embeddingRequest(['hello']), before.signal), (error: unknown) => {
          assert.ok(error instanceof GatewayError);
          assert.equal(error.code, 'client_closed_request');
          return true;
        });
        assert.equal(untouched.calls, 0);
      } finally {
        untouched.restore();
      }

      const during = new AbortController();
      const spy = spyOnEmbeddingCalls(local.context, () => during.abort());
      try {
        await assert.rejects(
          embedLocally(local, embeddingRequest(['a', 'b', 'c']), during.signal),
          (error: unknown) => {
            assert.ok(error instanceof GatewayError);
            assert.equal(error.status, 499);
            return true;
          },
        );
        assert.equal(spy.calls, 1, 'the input under way finished, the next never started');
      } finally {
        spy.restore();
      }
    });
  });

  // A real embedding architecture (BERT, WordPiece, mean pooling) rather than a decoder's last state.
  describe(
    'on the shared tiny BERT',
    { skip: existsSync(bertModel) ? false : '../shared/models/tiny-bert-random-embed.gguf not present' },
    () => {
      let bert: LocalEmbeddingModel;
      before(async () => {
        bert = await openTestEmbeddingModel(llama, bertModel, CONTEXT_SIZE);
      });

      it('returns 32-dimensional unit vectors that put similar sentences closer together', async () => {
        const cat = 'The cat sat on the mat.';
        const rug = 'The cat sat on a rug.';
        const revenue = 'Quarterly revenue grew by ten percent.';
        const result = await embedLocally(bert, embeddingRequest([cat, rug, revenue]), never);
        for (const vector of result.embeddings) {
          assert.equal(vector.length, 32);
          assert.ok(Math.abs(euclideanNorm(vector) - 1) <= 1e-6);
        }
        const [catVector, rugVector, revenueVector] = result.embeddings as [number[], number[], number[]];
        assert.ok(cosineSimilarity(catVector, rugVector) > cosineSimilarity(catVector, revenueVector));
      });

      it('bills [CLS] and [SEP] with the text, as the context evaluates them', async () => {
        const texts = ['The cat sat on the mat.', 'hello'];
        const result = await embedLocally(bert, embeddingRequest(texts), never);
        const { model } = bert;
        assert.equal(
          result.usage.input,
          texts.reduce((sum, text) => sum + model.tokenize(text).length + 2, 0),
        );
      });

      it('refuses whitespace, which WordPiece turns into no tokens at all', async () => {
        await assert.rejects(embedLocally(bert, embeddingRequest(['hello', '   ']), never), (error: unknown) => {
          assert.ok(error instanceof GatewayError);
          assert.equal(error.code, 'invalid_request');
          assert.match(error.message, /^Input 1 has no tokens/);
          return true;
        });
      });
    },
  );
});
