import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countBytePairTokens } from './count-byte-pair-tokens.js';

/** A vocabulary over ASCII: every byte, plus the given merges at ranks 256, 257, … in order. */
function vocabulary(merges: readonly string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) ranks.set(String(byte), byte);
  merges.forEach((merge, index) => ranks.set([...Buffer.from(merge)].join(','), 256 + index));
  return ranks;
}
const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('countBytePairTokens', () => {
  it('merges the lowest-ranked pair first', () => {
    // "abc": "bc" (rank 256) is merged before "ab" (257) could be, and "abc" is not in the vocabulary.
    assert.equal(countBytePairTokens(bytes('abc'), vocabulary(['bc', 'ab'])), 2);
    // With "ab" first, "abc" is reachable: ab, then abc.
    assert.equal(countBytePairTokens(bytes('abc'), vocabulary(['ab', 'abc'])), 1);
  });

  it('takes the first of equal pairs, as tiktoken does', () => {
    // "aaab": of the two "aa", the first is merged, leaving (aa)(a)(b), then (aa)(ab). Taking the second would
    // leave (a)(aa)(b), which merges no further: 3.
    assert.equal(countBytePairTokens(bytes('aaab'), vocabulary(['aa', 'ab'])), 2);
  });

  it('counts bytes that merge with nothing one each', () => {
    assert.equal(countBytePairTokens(bytes('xyz'), vocabulary([])), 3);
    assert.equal(countBytePairTokens(bytes('x'), vocabulary([])), 1);
    assert.equal(countBytePairTokens(bytes(''), vocabulary([])), 0);
  });
});
