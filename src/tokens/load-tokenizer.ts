import type { TiktokenBPE } from 'js-tiktoken/lite';
import { createTokenizer, type Tokenizer } from './create-tokenizer.js';
import type { TokenEncoding } from './token-encoding.js';

const tokenizers = new Map<TokenEncoding, Promise<Tokenizer>>();
const loaded = new Map<TokenEncoding, Tokenizer>();

/**
 * The tokenizer of an encoding, loaded on first use and then shared. The ranks are imported only here, by dynamic
 * `import()`, so a process that never counts (no limited deployment) never reads them. Building one blocks the
 * event loop for about half a second to a second (o200k_base: 2.3 MB of ranks, 200,000 entries), which is why the
 * server warms the ones it needs at start (`warmTokenizers`).
 */
export function loadTokenizer(encoding: TokenEncoding): Promise<Tokenizer> {
  let tokenizer = tokenizers.get(encoding);
  if (tokenizer === undefined) {
    tokenizer = buildTokenizer(encoding);
    tokenizers.set(encoding, tokenizer);
    // A failed load is not remembered: the next caller tries again.
    void tokenizer.catch(() => tokenizers.delete(encoding));
  }
  return tokenizer;
}

/**
 * Loads the given encodings ahead of their first use. One after the other, not together: each build holds the event
 * loop, and requests get their turn between two.
 */
export async function warmTokenizers(encodings: Iterable<TokenEncoding>): Promise<void> {
  for (const encoding of new Set(encodings)) await loadTokenizer(encoding);
}

/** The tokenizer of an encoding if it has loaded, without loading it: for callers that must not wait. */
export function loadedTokenizer(encoding: TokenEncoding): Tokenizer | undefined {
  return loaded.get(encoding);
}

async function buildTokenizer(encoding: TokenEncoding): Promise<Tokenizer> {
  const [{ Tiktoken }, ranks] = await Promise.all([import('js-tiktoken/lite'), importRanks(encoding)]);
  const tokenizer = createTokenizer(encoding, new Tiktoken(ranks), ranks.pat_str);
  loaded.set(encoding, tokenizer);
  return tokenizer;
}

async function importRanks(encoding: TokenEncoding): Promise<TiktokenBPE> {
  switch (encoding) {
    case 'o200k_base':
      return (await import('js-tiktoken/ranks/o200k_base')).default;
    case 'cl100k_base':
      return (await import('js-tiktoken/ranks/cl100k_base')).default;
  }
}
