// A SentencePiece-style ("llama") vocabulary small enough for a test model yet complete enough that
// llama.cpp can tokenise any text: control tokens, the 256 byte-fallback tokens, then word pieces.

/** llama.cpp's token types (llama_token_type). */
const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** SentencePiece marks a preceding space with U+2581. */
const SPACE = '\u2581';

const WORDS = (
  'the a an and or but if then of to in on at by for with from as is are was were be been it its this that ' +
  'these those he she they we you i me my your our their his her them us what which who when where why how ' +
  'hello hi yes no not please thank thanks user assistant system model answer question tell say said ' +
  'one two three four five six seven eight nine ten time day year cat dog sun sky sea tree house ' +
  'good bad big small new old first last long little very more most some any all each every ' +
  'can will would should could may might must do does did have has had go went make made see saw'
).split(' ');

const SINGLE_CHARACTERS = [
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'0123456789',
  ...'.,!?;:\'"-()[]{}<>/=+*&%$#@_',
];

export interface TinyVocabulary {
  tokens: string[];
  scores: number[];
  tokenTypes: number[];
  unknownTokenId: number;
  bosTokenId: number;
  eosTokenId: number;
}

export function tinyLlamaVocabulary(): TinyVocabulary {
  const tokens = ['<unk>', '<s>', '</s>'];
  const tokenTypes: number[] = [TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control];
  const scores = [0, 0, 0];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    tokenTypes.push(TOKEN_TYPE.byte);
    scores.push(0);
  }
  // Every prefix of "▁word" is a piece, so pairwise merges always reach whole words.
  const pieces = new Set<string>([SPACE, ...SINGLE_CHARACTERS]);
  for (const word of WORDS) {
    const spaced = SPACE + word;
    for (let end = 2; end <= spaced.length; end++) pieces.add(spaced.slice(0, end));
  }
  for (const piece of pieces) {
    // Longer pieces score higher, so merges prefer them, as in a trained SentencePiece model.
    scores.push(-1000 + [...piece].length * 10 - tokens.length / 1000);
    tokens.push(piece);
    tokenTypes.push(TOKEN_TYPE.normal);
  }
  return { tokens, scores, tokenTypes, unknownTokenId: 0, bosTokenId: 1, eosTokenId: 2 };
}
