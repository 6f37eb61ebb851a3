import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeGguf, gguf, type GgufKeyValue } from '../../../test/support/gguf/gguf-writer.js';
import { writeTinyLlamaGguf, type TinyLlamaGgufFacts } from '../../../test/support/gguf/write-tiny-gguf.js';
import { GgufFormatError, readGgufInfo, type GgufInfo } from '../index.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const sharedModels = resolve(repositoryRoot, '..', 'shared', 'models');
const chatModel = join(sharedModels, 'stories260K-chat.gguf');
const bertModel = join(sharedModels, 'tiny-bert-random-embed.gguf');
const sharedModelsSkip =
  existsSync(chatModel) && existsSync(bertModel) ? false : '../shared/models with the tiny GGUF fixtures not present';

const CHAT_TEMPLATE =
  "{% for message in messages %}{{ message['role'] + ': ' + message['content'] + '\\n' }}{% endfor %}";

let directory: string;
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hangar-gguf-'));
});
after(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function rejection(path: string): Promise<GgufFormatError> {
  try {
    await readGgufInfo(path);
  } catch (error) {
    assert.ok(error instanceof GgufFormatError, `expected a GgufFormatError, got ${String(error)}`);
    assert.ok(error.message.startsWith(`${path}: `), 'the message names the file');
    return error;
  }
  assert.fail('readGgufInfo should have rejected the file');
}

describe('readGgufInfo on the tiny llama written by writeTinyLlamaGguf', () => {
  let path: string;
  let facts: TinyLlamaGgufFacts;
  let info: GgufInfo;
  before(async () => {
    path = join(directory, 'tiny.gguf');
    facts = await writeTinyLlamaGguf(path, { seed: 7, chatTemplate: CHAT_TEMPLATE, contextLength: 512 });
    info = await readGgufInfo(path);
  });

  it('reads every field', () => {
    const { metadata, tensorDataOffset, ...fields } = info;
    assert.deepEqual(fields, {
      version: 3,
      tensorCount: facts.tensorCount,
      metadataCount: facts.metadataCount,
      architecture: 'llama',
      name: 'hangar-tiny-llama',
      fileType: 0,
      quantisation: 'F32',
      contextLength: 512,
      embeddingLength: 64,
      blockCount: 2,
      parameterCount: facts.parameterCount,
      chatTemplate: CHAT_TEMPLATE,
      tokenizerModel: 'llama',
      vocabularySize: facts.vocabularySize,
      pooling: undefined,
    });
    assert.equal(metadata.size, facts.metadataCount);
    assert.equal(metadata.get('llama.attention.head_count'), 4);
    assert.equal(metadata.get('tokenizer.ggml.eos_token_id'), 2);
    assert.equal(tensorDataOffset % 32, 0);
  });

  it('writes a complete model: tensor count, vocabulary with byte tokens, aligned data, a few MB', async () => {
    assert.equal(facts.tensorCount, 3 + 9 * 2);
    assert.ok(facts.vocabularySize > 3 + 256 + 200, `vocabulary of ${facts.vocabularySize}`);
    assert.ok(facts.bytes < 3 * 1024 * 1024);
    const bytes = await readFile(path);
    assert.equal(bytes.length, facts.bytes);
    assert.ok(bytes.includes(Buffer.from('<0x0A>')) && bytes.includes(Buffer.from('\u2581hello')));
    assert.equal((bytes.length - info.tensorDataOffset) % 32, 0);
  });

  it('summarises the vocabulary arrays without keeping their items', () => {
    assert.deepEqual(info.metadata.get('tokenizer.ggml.tokens'), {
      kind: 'array',
      itemType: 'string',
      length: facts.vocabularySize,
      items: undefined,
    });
    const types = info.metadata.get('tokenizer.ggml.token_type');
    assert.ok(typeof types === 'object' && types.itemType === 'int32' && types.length === facts.vocabularySize);
  });

  it('is deterministic per seed and leaves the template out when none is given', async () => {
    const again = join(directory, 'again.gguf');
    const other = join(directory, 'other.gguf');
    await writeTinyLlamaGguf(again, { seed: 7, chatTemplate: CHAT_TEMPLATE, contextLength: 512 });
    await writeTinyLlamaGguf(other, { seed: 8 });
    assert.deepEqual(await readFile(again), await readFile(path));
    const otherInfo = await readGgufInfo(other);
    assert.equal(otherInfo.chatTemplate, undefined);
    assert.equal(otherInfo.contextLength, 256);
    assert.equal(otherInfo.parameterCount, info.parameterCount);
  });
});

describe('readGgufInfo on every metadata value type', () => {
  const keyValues: GgufKeyValue[] = [
    { key: 'v.uint8', value: { type: 'uint8', value: 250 } },
    { key: 'v.int8', value: { type: 'int8', value: -120 } },
    { key: 'v.uint16', value: { type: 'uint16', value: 65000 } },
    { key: 'v.int16', value: { type: 'int16', value: -32000 } },
    { key: 'v.uint32', value: { type: 'uint32', value: 4_000_000_000 } },
    { key: 'v.int32', value: { type: 'int32', value: -2_000_000_000 } },
    { key: 'v.float32', value: { type: 'float32', value: 0.5 } },
    { key: 'v.bool', value: { type: 'bool', value: true } },
    { key: 'v.string', value: { type: 'string', value: 'héllo ✓' } },
    { key: 'v.uint64', value: { type: 'uint64', value: 18_000_000_000_000_000_000n } },
    { key: 'v.int64', value: { type: 'int64', value: -9_000_000_000_000_000_000n } },
    { key: 'v.float64', value: { type: 'float64', value: Math.PI } },
    gguf.numbers('v.short', 'int32', [1, -2, 3]),
    gguf.strings(
      'v.long',
      Array.from({ length: 1000 }, (_, index) => `piece-${index}`),
    ),
    {
      key: 'v.nested',
      value: {
        type: 'array',
        itemType: 'array',
        items: [
          { type: 'array', itemType: 'string', items: [{ type: 'string', value: 'a' }] },
          { type: 'array', itemType: 'bool', items: [] },
        ],
      },
    },
    {
      key: 'v.nested-long',
      value: {
        type: 'array',
        itemType: 'array',
        items: Array.from({ length: 40 }, () => ({
          type: 'array' as const,
          itemType: 'uint16' as const,
          items: [{ type: 'uint16' as const, value: 9 }],
        })),
      },
    },
    gguf.string('general.architecture', 'test'),
    gguf.uint32('test.pooling_type', 2),
    { key: 'test.context_length', value: { type: 'uint64', value: 4096n } },
    gguf.uint32('general.file_type', 15),
  ];

  it('reads each value with its type, nested arrays included, and steps over long arrays', async () => {
    const path = join(directory, 'types.gguf');
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    await writeFile(path, encodeGguf({ keyValues, tensors: [{ name: 'x', dimensions: [3, 2], data }] }));
    const info = await readGgufInfo(path);
    const value = (key: string): unknown => info.metadata.get(key);
    assert.equal(value('v.uint8'), 250);
    assert.equal(value('v.int8'), -120);
    assert.equal(value('v.uint16'), 65000);
    assert.equal(value('v.int16'), -32000);
    assert.equal(value('v.uint32'), 4_000_000_000);
    assert.equal(value('v.int32'), -2_000_000_000);
    assert.equal(value('v.float32'), 0.5);
    assert.equal(value('v.bool'), true);
    assert.equal(value('v.string'), 'héllo ✓');
    assert.equal(value('v.uint64'), 18_000_000_000_000_000_000n);
    assert.equal(value('v.int64'), -9_000_000_000_000_000_000n);
    assert.equal(value('v.float64'), Math.PI);
    assert.deepEqual(value('v.short'), { kind: 'array', itemType: 'int32', length: 3, items: [1, -2, 3] });
    assert.deepEqual(value('v.long'), { kind: 'array', itemType: 'string', length: 1000, items: undefined });
    assert.deepEqual(value('v.nested'), {
      kind: 'array',
      itemType: 'array',
      length: 2,
      items: [
        { kind: 'array', itemType: 'string', length: 1, items: ['a'] },
        { kind: 'array', itemType: 'bool', length: 0, items: [] },
      ],
    });
    assert.deepEqual(value('v.nested-long'), { kind: 'array', itemType: 'array', length: 40, items: undefined });
    assert.equal(info.pooling, 'cls');
    assert.equal(info.contextLength, 4096);
    assert.equal(info.quantisation, 'Q4_K_M');
    assert.equal(info.parameterCount, 6);
    assert.equal(info.tensorCount, 1);
    assert.equal(info.metadataCount, keyValues.length);
  });

  it('reads GGUF version 2', async () => {
    const path = join(directory, 'v2.gguf');
    await writeFile(path, encodeGguf({ version: 2, keyValues: [gguf.string('general.name', 'two')], tensors: [] }));
    const info = await readGgufInfo(path);
    assert.equal(info.version, 2);
    assert.equal(info.name, 'two');
    assert.equal(info.architecture, undefined);
    assert.equal(info.parameterCount, 0);
  });
});

describe('readGgufInfo rejects', () => {
  it('a file that is not GGUF', async () => {
    const path = join(directory, 'not.gguf');
    await writeFile(path, '{"this": "is json, not a model"}');
    const error = await rejection(path);
    assert.equal(error.problem, 'not-gguf');
    assert.match(error.message, /not a GGUF file/);
  });

  it('a file too short to hold a header', async () => {
    const path = join(directory, 'short.gguf');
    await writeFile(path, 'GG');
    assert.equal((await rejection(path)).problem, 'not-gguf');
  });

  it('an unsupported version, and a big-endian file', async () => {
    const path = join(directory, 'v1.gguf');
    await writeFile(path, encodeGguf({ version: 1, keyValues: [], tensors: [] }));
    const error = await rejection(path);
    assert.equal(error.problem, 'unsupported-version');
    assert.match(error.message, /GGUF version 1 is not supported/);
    const bigEndian = join(directory, 'big-endian.gguf');
    await writeFile(bigEndian, encodeGguf({ version: 0x03000000, keyValues: [], tensors: [] }));
    assert.match((await rejection(bigEndian)).message, /big-endian/);
  });

  it('a file truncated inside the metadata, the tensor infos or the tensor data', async () => {
    const complete = join(directory, 'complete.gguf');
    await writeTinyLlamaGguf(complete);
    const whole = await readFile(complete);
    const info = await readGgufInfo(complete);
    for (const [label, length] of [
      ['metadata', 4000],
      ['tensor infos', info.tensorDataOffset - 40],
      ['tensor data', whole.length - 100],
    ] as const) {
      const path = join(directory, `truncated-${label.replace(' ', '-')}.gguf`);
      await writeFile(path, whole.subarray(0, length));
      const error = await rejection(path);
      assert.equal(error.problem, 'truncated', label);
      assert.match(error.message, /truncated/, label);
    }
  });

  it('an unknown metadata value type', async () => {
    const path = join(directory, 'bad-type.gguf');
    const bytes = encodeGguf({ keyValues: [gguf.uint32('general.alignment', 32)], tensors: [] });
    // header (4 + 4 + 8 + 8) + key length (8) + "general.alignment" (17) → the value type.
    bytes.writeUInt32LE(99, 24 + 8 + 17);
    await writeFile(path, bytes);
    const error = await rejection(path);
    assert.equal(error.problem, 'invalid');
    assert.match(error.message, /"general.alignment" has unknown value type 99/);
  });
});

describe('readGgufInfo alignment', () => {
  it('honours general.alignment and rejects one that is not a power of two', async () => {
    const aligned = join(directory, 'aligned-64.gguf');
    const tensors = [{ name: 'x', dimensions: [2], data: new Float32Array([1, 2]) }];
    await writeFile(aligned, encodeGguf({ keyValues: [gguf.uint32('general.alignment', 64)], tensors, alignment: 64 }));
    assert.equal((await readGgufInfo(aligned)).tensorDataOffset % 64, 0);
    const odd = join(directory, 'aligned-48.gguf');
    await writeFile(odd, encodeGguf({ keyValues: [gguf.uint32('general.alignment', 48)], tensors, alignment: 48 }));
    const error = await rejection(odd);
    assert.equal(error.problem, 'invalid');
    assert.match(error.message, /general.alignment must be a power of two, not 48/);
  });
});

describe('readGgufInfo on the shared tiny models', { skip: sharedModelsSkip }, () => {
  it('reads stories260K-chat.gguf: llama with a chat template', async () => {
    const info = await readGgufInfo(chatModel);
    assert.equal(info.architecture, 'llama');
    assert.match(info.chatTemplate ?? '', /add_generation_prompt/);
    assert.equal(info.tokenizerModel, 'llama');
    assert.equal(info.vocabularySize, 512);
    assert.equal(info.embeddingLength, 64);
    assert.equal(info.blockCount, 5);
    assert.equal(info.contextLength, 2048);
    assert.equal(info.tensorCount, 48);
    assert.ok(info.parameterCount > 200_000 && info.parameterCount < 400_000, `${info.parameterCount} parameters`);
  });

  it('reads tiny-bert-random-embed.gguf: bert, mean pooling, 30,522 tokens', async () => {
    const info = await readGgufInfo(bertModel);
    assert.equal(info.architecture, 'bert');
    assert.equal(info.pooling, 'mean');
    assert.equal(info.quantisation, 'F16');
    assert.equal(info.vocabularySize, 30522);
    assert.equal(info.embeddingLength, 32);
    assert.equal(info.blockCount, 2);
    assert.equal(info.contextLength, 128);
    assert.equal(info.chatTemplate, undefined);
    assert.ok(info.parameterCount > 900_000 && info.parameterCount < 1_100_000);
  });
});
