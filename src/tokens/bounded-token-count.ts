import type { TextTokenCounter } from './create-tokenizer.js';
import { isHighSurrogate } from './is-high-surrogate.js';

/**
 * Characters counted exactly per count. Exact counting runs at roughly 50 µs per KiB of English on a small server
 * core once the tokenizer has seen its words (several times that for text it has not), on the request's path
 * before admission; a 1 MB prompt would cost tens of milliseconds for a figure that only has to be close, since
 * admission is settled to the backend's real usage afterwards. So up to 32 KiB of text is counted exactly, and
 * longer text is sampled: 128 windows of 256 characters spread evenly over all of it, whose tokens per character
 * give the total. Spread windows rather than the first 32 KiB, because a long prompt changes kind (a system prompt,
 * then a document of prose, tables or code, then a question): over 18 slices of 100 KiB of Hangar's docs, the
 * first 32 KiB's ratio missed the whole by up to 36 %, the spread windows by at most 2.4 %.
 */
export const EXACT_COUNT_CHARACTERS = 32 * 1024;
/** How many windows a text longer than the budget is sampled in; smaller windows follow changes of kind closer. */
const SAMPLE_WINDOWS = 128;
/** The rule of thumb used only when there is no budget to count anything with. */
const CHARACTERS_PER_TOKEN_GUESS = 4;

/** A token count with a bounded cost: exact up to a budget of characters, sampled past it. */
export interface BoundedTokenCount {
  /** Adds text; it is counted when the total is asked for. */
  addText(text: string): void;
  /** Adds tokens known without counting (fixed overheads, pre-tokenised input). */
  addTokens(tokens: number): void;
  /** The added tokens plus the texts' tokens: counted exactly within the budget, else estimated from samples. */
  total(): number;
  /** True when the texts are longer than the budget, so their tokens are estimated rather than counted. */
  readonly extrapolated: boolean;
}

export function createBoundedTokenCount(
  tokenizer: TextTokenCounter,
  exactCharacters: number = EXACT_COUNT_CHARACTERS,
): BoundedTokenCount {
  const texts: string[] = [];
  let characters = 0;
  let addedTokens = 0;
  let textTokens: number | undefined;
  return {
    addText(text) {
      if (text.length === 0) return;
      texts.push(text);
      characters += text.length;
      textTokens = undefined;
    },
    addTokens(tokens) {
      addedTokens += tokens;
    },
    total() {
      textTokens ??=
        characters <= exactCharacters
          ? texts.reduce((sum, text) => sum + tokenizer.countTokens(text), 0)
          : sampleTokens(tokenizer, texts, characters, exactCharacters);
      return addedTokens + textTokens;
    },
    get extrapolated() {
      return characters > exactCharacters;
    },
  };
}

/** The texts' tokens estimated from SAMPLE_WINDOWS windows spread evenly over them, `budget` characters in all. */
function sampleTokens(
  tokenizer: TextTokenCounter,
  texts: readonly string[],
  characters: number,
  budget: number,
): number {
  const windowCharacters = Math.floor(budget / SAMPLE_WINDOWS);
  if (windowCharacters === 0) return Math.ceil(characters / CHARACTERS_PER_TOKEN_GUESS);
  let sampledTokens = 0;
  let sampledCharacters = 0;
  // Positions are in the texts taken end to end; `textStart` is where texts[textIndex] begins.
  let textIndex = 0;
  let textStart = 0;
  for (let window = 0; window < SAMPLE_WINDOWS; window++) {
    const position = Math.floor((window * characters) / SAMPLE_WINDOWS);
    while (textStart + texts[textIndex]!.length <= position) textStart += texts[textIndex++]!.length;
    const text = texts[textIndex]!;
    let from = position - textStart;
    // A window that starts inside a word would count its tail as extra pieces: start at the next space instead,
    // if there is one near.
    if (from > 0) {
      const space = text.slice(from, from + 32).search(/\s/);
      if (space > 0) from += space;
    }
    if (isLowSurrogateAt(text, from)) from += 1;
    let to = Math.min(from + windowCharacters, text.length);
    // Likewise it ends before the word it would cut.
    if (to < text.length) {
      const tailStart = Math.max(from + 1, to - 32);
      const lastSpace = text.slice(tailStart, to).search(/\s\S*$/);
      if (lastSpace >= 0) to = tailStart + lastSpace;
    }
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to -= 1;
    if (to <= from) continue;
    sampledTokens += tokenizer.countTokens(text.slice(from, to));
    sampledCharacters += to - from;
  }
  if (sampledCharacters === 0) return Math.ceil(characters / CHARACTERS_PER_TOKEN_GUESS);
  return Math.ceil((characters * sampledTokens) / sampledCharacters);
}

function isLowSurrogateAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
