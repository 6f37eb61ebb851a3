import { writeFile } from 'node:fs/promises';
import { encodeGguf, gguf, type GgufKeyValue, type GgufWritableTensor } from './gguf-writer.js';
import { tinyLlamaVocabulary } from './tiny-llama-vocabulary.js';

export interface TinyLlamaGgufOptions {
  /** Seeds the weights; the same seed writes the same bytes. Default 1. */
  seed?: number;
  /** Written as tokenizer.chat_template when given. */
  chatTemplate?: string;
  /** llama.context_length. Default 256. */
  contextLength?: number;
}

/** What the written file holds, for tests to compare a reader against. */
export interface TinyLlamaGgufFacts {
  name: string;
  version: number;
  tensorCount: number;
  metadataCount: number;
  contextLength: number;
  embeddingLength: number;
  blockCount: number;
  headCount: number;
  headCountKv: number;
  feedForwardLength: number;
  parameterCount: number;
  vocabularySize: number;
  bosTokenId: number;
  eosTokenId: number;
  bytes: number;
}

const EMBEDDING = 64;
const BLOCKS = 2;
const HEADS = 4;
const KV_HEADS = 4;
const FEED_FORWARD = 128;
const HEAD_DIMENSION = EMBEDDING / HEADS;

/** A seeded generator of normally distributed numbers (xorshift32 + Box–Muller). */
function seededNormal(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  const uniform = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Writes a small but complete llama-architecture GGUF v3 (F32, ~0.9 MB) that llama.cpp can load:
 * general.* and llama.* hyper-parameters, a SentencePiece vocabulary with byte fallback, optionally
 * a chat template, and every tensor a llama model needs, with seeded random weights.
 */
export async function writeTinyLlamaGguf(
  path: string,
  options: TinyLlamaGgufOptions = {},
): Promise<TinyLlamaGgufFacts> {
  const contextLength = options.contextLength ?? 256;
  const normal = seededNormal(options.seed ?? 1);
  const vocabulary = tinyLlamaVocabulary();
  const vocabularySize = vocabulary.tokens.length;
  const name = 'hangar-tiny-llama';

  const keyValues: GgufKeyValue[] = [
    gguf.string('general.architecture', 'llama'),
    gguf.string('general.name', name),
    gguf.uint32('general.file_type', 0),
    gguf.uint32('general.alignment', 32),
    gguf.uint32('llama.vocab_size', vocabularySize),
    gguf.uint32('llama.context_length', contextLength),
    gguf.uint32('llama.embedding_length', EMBEDDING),
    gguf.uint32('llama.block_count', BLOCKS),
    gguf.uint32('llama.feed_forward_length', FEED_FORWARD),
    gguf.uint32('llama.attention.head_count', HEADS),
    gguf.uint32('llama.attention.head_count_kv', KV_HEADS),
    gguf.float32('llama.attention.layer_norm_rms_epsilon', 1e-5),
    gguf.uint32('llama.rope.dimension_count', HEAD_DIMENSION),
    gguf.float32('llama.rope.freq_base', 10000),
    gguf.string('tokenizer.ggml.model', 'llama'),
    gguf.strings('tokenizer.ggml.tokens', vocabulary.tokens),
    gguf.numbers('tokenizer.ggml.scores', 'float32', vocabulary.scores),
    gguf.numbers('tokenizer.ggml.token_type', 'int32', vocabulary.tokenTypes),
    gguf.uint32('tokenizer.ggml.bos_token_id', vocabulary.bosTokenId),
    gguf.uint32('tokenizer.ggml.eos_token_id', vocabulary.eosTokenId),
    gguf.uint32('tokenizer.ggml.unknown_token_id', vocabulary.unknownTokenId),
    gguf.bool('tokenizer.ggml.add_bos_token', true),
    gguf.bool('tokenizer.ggml.add_eos_token', false),
  ];
  if (options.chatTemplate !== undefined) keyValues.push(gguf.string('tokenizer.chat_template', options.chatTemplate));

  // Dimensions in GGUF order: [input features, output features] for a weight matrix.
  const random = (tensorName: string, dimensions: number[], scale: number): GgufWritableTensor => {
    const data = new Float32Array(dimensions.reduce((product, dimension) => product * dimension, 1));
    for (let index = 0; index < data.length; index++) data[index] = normal() * scale;
    return { name: tensorName, dimensions, data };
  };
  const ones = (tensorName: string, length: number): GgufWritableTensor => ({
    name: tensorName,
    dimensions: [length],
    data: new Float32Array(length).fill(1),
  });
  const linear = (tensorName: string, inputs: number, outputs: number): GgufWritableTensor =>
    random(tensorName, [inputs, outputs], 1 / Math.sqrt(inputs));

  const tensors: GgufWritableTensor[] = [random('token_embd.weight', [EMBEDDING, vocabularySize], 0.02)];
  for (let block = 0; block < BLOCKS; block++) {
    const prefix = `blk.${block}`;
    tensors.push(
      ones(`${prefix}.attn_norm.weight`, EMBEDDING),
      linear(`${prefix}.attn_q.weight`, EMBEDDING, HEADS * HEAD_DIMENSION),
      linear(`${prefix}.attn_k.weight`, EMBEDDING, KV_HEADS * HEAD_DIMENSION),
      linear(`${prefix}.attn_v.weight`, EMBEDDING, KV_HEADS * HEAD_DIMENSION),
      linear(`${prefix}.attn_output.weight`, HEADS * HEAD_DIMENSION, EMBEDDING),
      ones(`${prefix}.ffn_norm.weight`, EMBEDDING),
      linear(`${prefix}.ffn_gate.weight`, EMBEDDING, FEED_FORWARD),
      linear(`${prefix}.ffn_up.weight`, EMBEDDING, FEED_FORWARD),
      linear(`${prefix}.ffn_down.weight`, FEED_FORWARD, EMBEDDING),
    );
  }
  tensors.push(ones('output_norm.weight', EMBEDDING), linear('output.weight', EMBEDDING, vocabularySize));

  const bytes = encodeGguf({ keyValues, tensors, alignment: 32 });
  await writeFile(path, bytes);
  return {
    name,
    version: 3,
    tensorCount: tensors.length,
    metadataCount: keyValues.length,
    contextLength,
    embeddingLength: EMBEDDING,
    blockCount: BLOCKS,
    headCount: HEADS,
    headCountKv: KV_HEADS,
    feedForwardLength: FEED_FORWARD,
    parameterCount: tensors.reduce((sum, tensor) => sum + tensor.data.length, 0),
    vocabularySize,
    bosTokenId: vocabulary.bosTokenId,
    eosTokenId: vocabulary.eosTokenId,
    bytes: bytes.length,
  };
}
