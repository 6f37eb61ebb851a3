import type { TokenEncoding } from './token-encoding.js';

export interface TokenEncodingChoice {
  encoding: TokenEncoding;
  /**
   * True when the model does not use this encoding: its own tokenizer is not public (Claude, Gemini, Grok) or not
   * bundled (Llama, Mistral, DeepSeek, Phi), so counts are an estimate of its tokens, not its tokens.
   */
  approximate: boolean;
}

/**
 * OpenAI's encodings, as tiktoken maps its models (`getEncodingNameForModel`): o200k_base from GPT-4o on,
 * cl100k_base for GPT-4, GPT-3.5 and the embedding models. Matched as prefixes of the catalog family or the model
 * id, so dated snapshots (`gpt-4o-2024-08-06`) and Azure's spellings (`gpt-35-turbo`) map like their family.
 * The o200k_base patterns come first: `gpt-4` is a prefix of `gpt-4o` and `gpt-4.1`.
 */
const OPENAI_ENCODINGS: readonly (readonly [RegExp, TokenEncoding])[] = [
  [/^(chat)?gpt-4o/, 'o200k_base'],
  [/^gpt-4\.[15]/, 'o200k_base'],
  [/^gpt-5/, 'o200k_base'],
  [/^o[134](-|$)/, 'o200k_base'],
  // The catalog's family for o1, o3 and o4 models.
  [/^o-series$/, 'o200k_base'],
  [/^gpt-4(-|$)/, 'cl100k_base'],
  [/^gpt-3\.5/, 'cl100k_base'],
  [/^gpt-35/, 'cl100k_base'],
  [/^text-embedding-3/, 'cl100k_base'],
  [/^text-embedding-ada-002/, 'cl100k_base'],
];

/**
 * The encoding to count a model's tokens with: its own for OpenAI models, else o200k_base as the nearest public
 * BPE (a large multilingual vocabulary, like the other vendors' current tokenizers), marked approximate.
 * `family` is the catalog's (`gpt-4o`, `o-series`); without it, or when it matches nothing, the model id decides.
 */
export function chooseTokenEncoding(model: string, family?: string): TokenEncodingChoice {
  for (const name of [family, model]) {
    if (name === undefined) continue;
    const lowerCased = name.toLowerCase();
    for (const [pattern, encoding] of OPENAI_ENCODINGS) {
      if (pattern.test(lowerCased)) return { encoding, approximate: false };
    }
  }
  return { encoding: 'o200k_base', approximate: true };
}
