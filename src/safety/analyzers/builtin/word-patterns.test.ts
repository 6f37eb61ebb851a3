import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseText } from './normalise-text.js';
import { compileSourcePatterns, findWordPatterns, parseWordPattern } from './word-patterns.js';

const vocabulary = {
  classes: { pet: ['cat', 'dog'] },
  macros: { animal: ['{pet}', 'wild {pet}'] },
};

function matches(source: string, text: string): string[] {
  const index = compileSourcePatterns([{ source, value: source }], vocabulary);
  const normalised = normaliseText(text);
  return findWordPatterns(normalised, index).map((hit) => normalised.words.slice(hit.start, hit.end).join(' '));
}

describe('word patterns', () => {
  it('matches alternatives, classes and optional words', () => {
    assert.deepEqual(matches('feed|walk the? {pet}', 'Walk the dog, then feed cat.'), ['walk the dog', 'feed cat']);
    assert.deepEqual(matches('feed|walk the? {pet}', 'feed the bird'), []);
  });

  it('expands macros and leading optional words', () => {
    // Every start that matches is reported.
    assert.deepEqual(matches('a? <animal> runs', 'a wild cat runs. dog runs'), [
      'a wild cat runs',
      'wild cat runs',
      'cat runs',
      'dog runs',
    ]);
  });

  it('skips up to N words with a gap, never across a sentence', () => {
    assert.deepEqual(matches('hide ~2 body', 'hide the old body'), ['hide the old body']);
    assert.deepEqual(matches('hide ~2 body', 'hide it. The body'), []);
    assert.deepEqual(matches('hide ~2 body', 'hide a very old body'), []);
  });

  it('matches obfuscated text through the normaliser', () => {
    assert.deepEqual(matches('feed {pet}', 'F33D d0g'), ['feed dog']);
    assert.deepEqual(matches('kill', 'kiiiill ki11'), ['kiill', 'kii']);
    assert.equal(matches('feed dog', 'f e e d d o g').length, 1);
  });

  it('refuses patterns it cannot index or read', () => {
    assert.throws(() => parseWordPattern('~2 dog'), /starts with a gap/);
    assert.throws(() => parseWordPattern('{unknown} dog'), /unknown class/);
    assert.throws(() => parseWordPattern('self-harm'), /not one word/);
  });
});
