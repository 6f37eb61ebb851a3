import type { Tiktoken } from 'js-tiktoken/lite';
import { countBytePairTokens } from './count-byte-pair-tokens.js';
import { isHighSurrogate } from './is-high-surrogate.js';
import type { TokenEncoding } from './token-encoding.js';

/** Anything that counts the tokens of a text: a tokenizer, or a rule of thumb standing in for one. */
export interface TextTokenCounter {
  /** Tokens of `text` as ordinary text: a special token's spelling (`<|endoftext|>`) counts as the characters it is. */
  countTokens(text: string): number;
}

/** Counts tokens of one encoding. Cheap to call often: pieces already seen are remembered. */
export interface Tokenizer extends TextTokenCounter {
  encoding: TokenEncoding;
}

/**
 * Pieces longer than this (a run of letters without a space: Chinese or Japanese text between punctuation, base64,
 * a minified identifier) are counted in slices of this length. Byte-pair merging is quadratic in a piece's length,
 * so one piece of 32 KiB would take seconds; slicing it changes the count by at most a token per slice, about 1 %
 * on Chinese text.
 */
export const MAX_PIECE_CHARACTERS = 64;
/** Distinct pieces remembered per encoding (words, mostly) before the memory starts over; a few MB. */
const PIECE_CACHE_ENTRIES = 65_536;
/**
 * From this length V8 makes a matched piece a slice that points into the whole text it came from, so caching the
 * piece itself would keep every request's text alive as long as the piece is remembered: longer pieces are cached as
 * copies.
 */
const SLICED_STRING_MIN_LENGTH = 13;
/** Checked against js-tiktoken's own encoder when a tokenizer is built, to trust the fast path. */
const SELF_CHECK_TEXT = 'Hangar counts 12345 tokens: naïve café, 東京タワー, emoji 🚀 and <|endoftext|>\n\n  indented';

/**
 * A tokenizer over js-tiktoken's encoder. Text is split with the encoding's own pattern; each piece is looked up in
 * the vocabulary, else merged with `countBytePairTokens` (which needs js-tiktoken's rank map, internal to its
 * `Tiktoken` class: the package is pinned, and if the map is missing or disagrees on a sample text, every piece
 * goes through the public `encode` instead).
 */
export function createTokenizer(encoding: TokenEncoding, tiktoken: Tiktoken, patternSource: string): Tokenizer {
  const pattern = new RegExp(patternSource, 'gu');
  const textEncoder = new TextEncoder();
  const textDecoder = new TextDecoder();
  const ranks: unknown = Reflect.get(tiktoken, 'rankMap');
  const encodeWithLibrary = (piece: string): number => tiktoken.encode(piece, [], []).length;
  let countPiece = encodeWithLibrary;
  if (ranks instanceof Map) {
    const rankMap = ranks as ReadonlyMap<string, number>;
    countPiece = (piece) => {
      const bytes = textEncoder.encode(piece);
      return rankMap.has(bytes.join(',')) ? 1 : countBytePairTokens(bytes, rankMap);
    };
  }
  const cache = new Map<string, number>();

  const countSlice = (piece: string): number => {
    const cached = cache.get(piece);
    if (cached !== undefined) return cached;
    const tokens = countPiece(piece);
    if (cache.size >= PIECE_CACHE_ENTRIES) cache.clear();
    const key = piece.length < SLICED_STRING_MIN_LENGTH ? piece : textDecoder.decode(textEncoder.encode(piece));
    cache.set(key, tokens);
    return tokens;
  };
  const countTokens = (text: string): number => {
    let tokens = 0;
    // `match` with the global flag gives the pieces as plain strings: faster than `matchAll`'s match objects.
    for (const piece of text.match(pattern) ?? []) {
      if (piece.length <= MAX_PIECE_CHARACTERS) {
        tokens += countSlice(piece);
        continue;
      }
      for (let start = 0; start < piece.length;) {
        let end = Math.min(start + MAX_PIECE_CHARACTERS, piece.length);
        // Never between the two halves of a surrogate pair (an emoji, a rare CJK character).
        if (isHighSurrogate(piece.charCodeAt(end - 1)) && end < piece.length) end += 1;
        tokens += countSlice(piece.slice(start, end));
        start = end;
      }
    }
    return tokens;
  };

  if (countPiece !== encodeWithLibrary && countTokens(SELF_CHECK_TEXT) !== encodeWithLibrary(SELF_CHECK_TEXT)) {
    countPiece = encodeWithLibrary;
    cache.clear();
  }
  return { encoding, countTokens };
}
