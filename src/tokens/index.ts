export { TOKEN_ENCODINGS, type TokenEncoding } from './token-encoding.js';
export { chooseTokenEncoding, type TokenEncodingChoice } from './choose-token-encoding.js';
export { MAX_PIECE_CHARACTERS, type TextTokenCounter, type Tokenizer } from './create-tokenizer.js';
export { loadedTokenizer, loadTokenizer, warmTokenizers } from './load-tokenizer.js';
export { createBoundedTokenCount, EXACT_COUNT_CHARACTERS, type BoundedTokenCount } from './bounded-token-count.js';
