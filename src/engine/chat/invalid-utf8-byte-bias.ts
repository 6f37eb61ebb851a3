import type { LlamaModel, TokenBias } from 'node-llama-cpp';
import type { NodeLlamaCpp } from '../runtime/index.js';

/** Bytes that never occur in UTF-8: C0, C1 and F5–FF. */
const NEVER_UTF8 = /^<0x(C[01]|F[5-9A-F])>$/i;

const cache = new WeakMap<LlamaModel, TokenBias | undefined>();

/**
 * llama.cpp's grammar sampler takes any byte from 0xF0 up as the start of a four-byte character, so under a
 * JSON grammar a model with SentencePiece byte fallback can emit a byte such as 0xF9 and write invalid UTF-8
 * into a string (which decodes to several U+FFFD and breaks `maxLength`). Those byte tokens (`<0xF9>` in the
 * vocabulary) are banned while a grammar is in use. Byte-level BPE vocabularies spell bytes differently and
 * are left alone; the output validation still catches what slips through.
 */
export function invalidUtf8ByteBias(lib: NodeLlamaCpp, model: LlamaModel): TokenBias | undefined {
  if (cache.has(model)) return cache.get(model);
  const tokens = model.fileInfo.metadata.tokenizer?.ggml?.tokens;
  let bias: TokenBias | undefined;
  if (Array.isArray(tokens)) {
    tokens.forEach((text, id) => {
      if (typeof text !== 'string' || !NEVER_UTF8.test(text)) return;
      bias ??= new lib.TokenBias(model.tokenizer);
      bias.set(id as Parameters<TokenBias['set']>[0], 'never');
    });
  }
  cache.set(model, bias);
  return bias;
}
