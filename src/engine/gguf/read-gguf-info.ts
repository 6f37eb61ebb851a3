import { open } from 'node:fs/promises';
import { GgufFileCursor } from './gguf-file-cursor.js';
import { GgufFormatError } from './gguf-format-error.js';
import { GGML_TYPE_BLOCKS, POOLING_TYPES, quantisationName, type GgufPooling } from './gguf-type-tables.js';
import { readMetadataValue, readValueType, type GgufMetadataValue } from './read-gguf-metadata-value.js';

/** What Hangar needs to know about a GGUF model before loading it, read from the header alone. */
export interface GgufInfo {
  version: number;
  tensorCount: number;
  metadataCount: number;
  /** general.architecture, e.g. 'llama', 'bert'. */
  architecture: string | undefined;
  /** general.name */
  name: string | undefined;
  /** general.file_type, llama.cpp's llama_ftype. */
  fileType: number | undefined;
  /** general.file_type by name: 'F32', 'F16', 'Q4_0', 'Q8_0', 'Q4_K_M', … */
  quantisation: string | undefined;
  /** <architecture>.context_length: the context the model was trained with. */
  contextLength: number | undefined;
  /** <architecture>.embedding_length */
  embeddingLength: number | undefined;
  /** <architecture>.block_count */
  blockCount: number | undefined;
  /** The sum of the element counts of every tensor. */
  parameterCount: number;
  /** tokenizer.chat_template */
  chatTemplate: string | undefined;
  /** tokenizer.ggml.model, e.g. 'llama' (SentencePiece), 'gpt2' (BPE), 'bert' (WordPiece). */
  tokenizerModel: string | undefined;
  /** The length of tokenizer.ggml.tokens. */
  vocabularySize: number | undefined;
  /** <architecture>.pooling_type, set by embedding models. */
  pooling: GgufPooling | undefined;
  /** Byte offset where tensor data starts (aligned to general.alignment). */
  tensorDataOffset: number;
  /** Every key/value; long arrays are summarised by item type and length. */
  metadata: ReadonlyMap<string, GgufMetadataValue>;
}

const MAGIC = 'GGUF';
const SUPPORTED_VERSIONS = [2, 3];
const DEFAULT_ALIGNMENT = 32;
/** ggml's GGML_MAX_DIMS. */
const MAX_TENSOR_DIMENSIONS = 4;

/**
 * Reads the header, the metadata key/values and the tensor descriptions of a GGUF file, never the
 * tensor data, through a file handle a chunk at a time.
 * Throws GgufFormatError for a file that is not GGUF, of an unsupported version, truncated or malformed.
 */
export async function readGgufInfo(path: string): Promise<GgufInfo> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await readFrom(new GgufFileCursor(handle, path, size));
  } finally {
    await handle.close();
  }
}

async function readFrom(cursor: GgufFileCursor): Promise<GgufInfo> {
  const version = await readPreamble(cursor);
  const tensorCount = await cursor.count('the tensor count');
  const metadataCount = await cursor.count('the metadata count');

  const metadata = new Map<string, GgufMetadataValue>();
  for (let index = 0; index < metadataCount; index++) {
    const key = await cursor.string(`the key of metadata entry ${index}`);
    const type = await readValueType(cursor, `metadata key "${key}"`);
    metadata.set(key, await readMetadataValue(cursor, type, `metadata key "${key}"`));
  }

  let parameterCount = 0;
  let dataEnd: number | undefined = 0;
  for (let index = 0; index < tensorCount; index++) {
    const tensor = await readTensorInfo(cursor, index);
    parameterCount += tensor.elements;
    const blocks = GGML_TYPE_BLOCKS[tensor.type];
    if (blocks === undefined || dataEnd === undefined) dataEnd = undefined;
    else dataEnd = Math.max(dataEnd, tensor.offset + Math.ceil(tensor.elements / blocks[0]) * blocks[1]);
  }

  const alignment = readAlignment(cursor, metadata.get('general.alignment'));
  const tensorDataOffset = Math.ceil(cursor.offset / alignment) * alignment;
  if (dataEnd !== undefined && tensorDataOffset + dataEnd > cursor.fileSize) {
    throw new GgufFormatError(
      cursor.path,
      'truncated',
      `the file is truncated: its tensor data ends at byte ${tensorDataOffset + dataEnd} but the file has ${cursor.fileSize} bytes`,
    );
  }

  const architecture = stringOf(metadata.get('general.architecture'));
  const fileType = numberOf(metadata.get('general.file_type'));
  const tokens = metadata.get('tokenizer.ggml.tokens');
  const poolingCode = numberOf(metadata.get(`${architecture}.pooling_type`));
  return {
    version,
    tensorCount,
    metadataCount,
    architecture,
    name: stringOf(metadata.get('general.name')),
    fileType,
    quantisation: fileType === undefined ? undefined : quantisationName(fileType),
    contextLength: numberOf(metadata.get(`${architecture}.context_length`)),
    embeddingLength: numberOf(metadata.get(`${architecture}.embedding_length`)),
    blockCount: numberOf(metadata.get(`${architecture}.block_count`)),
    parameterCount,
    chatTemplate: stringOf(metadata.get('tokenizer.chat_template')),
    tokenizerModel: stringOf(metadata.get('tokenizer.ggml.model')),
    vocabularySize: typeof tokens === 'object' ? tokens.length : undefined,
    pooling: poolingCode === undefined ? undefined : POOLING_TYPES[poolingCode],
    tensorDataOffset,
    metadata,
  };
}

async function readPreamble(cursor: GgufFileCursor): Promise<number> {
  if (cursor.fileSize < 8) {
    throw new GgufFormatError(cursor.path, 'not-gguf', `not a GGUF file: it has only ${cursor.fileSize} bytes`);
  }
  await cursor.ensure(8, 'the header');
  const magic = cursor.utf8(4);
  if (magic !== MAGIC) {
    throw new GgufFormatError(
      cursor.path,
      'not-gguf',
      `not a GGUF file: it starts with ${JSON.stringify(magic)} instead of "GGUF"`,
    );
  }
  const version = cursor.uint32();
  if (SUPPORTED_VERSIONS.includes(version)) return version;
  // A big-endian file reads as a huge little-endian number with its low bytes zero.
  const detail =
    version > 0xffff && (version & 0xffff) === 0
      ? 'it is a big-endian GGUF file; only little-endian files are supported'
      : `GGUF version ${version} is not supported (only versions ${SUPPORTED_VERSIONS.join(' and ')})`;
  throw new GgufFormatError(cursor.path, 'unsupported-version', detail);
}

interface TensorInfo {
  elements: number;
  type: number;
  offset: number;
}

async function readTensorInfo(cursor: GgufFileCursor, index: number): Promise<TensorInfo> {
  const name = await cursor.string(`the name of tensor ${index}`);
  const what = `tensor "${name}"`;
  await cursor.ensure(4, `the dimension count of ${what}`);
  const dimensionCount = cursor.uint32();
  if (dimensionCount > MAX_TENSOR_DIMENSIONS) {
    throw new GgufFormatError(cursor.path, 'invalid', `${what} has ${dimensionCount} dimensions (at most 4)`);
  }
  let elements = 1;
  for (let dimension = 0; dimension < dimensionCount; dimension++) {
    elements *= await cursor.count(`dimension ${dimension} of ${what}`);
  }
  await cursor.ensure(4, `the type of ${what}`);
  const type = cursor.uint32();
  const offset = await cursor.count(`the data offset of ${what}`);
  return { elements, type, offset };
}

function readAlignment(cursor: GgufFileCursor, value: GgufMetadataValue | undefined): number {
  if (value === undefined) return DEFAULT_ALIGNMENT;
  const alignment = numberOf(value);
  if (alignment === undefined || alignment <= 0 || alignment > 2 ** 30 || (alignment & (alignment - 1)) !== 0) {
    const shown = typeof value === 'object' ? `an array` : String(value);
    throw new GgufFormatError(cursor.path, 'invalid', `general.alignment must be a power of two, not ${shown}`);
  }
  return alignment;
}

function stringOf(value: GgufMetadataValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: GgufMetadataValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= 0n) return Number(value);
  return undefined;
}
