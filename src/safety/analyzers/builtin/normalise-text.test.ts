import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldUnicode } from './fold-unicode.js';
import { looseKey, normaliseText, normaliseWords, SENTENCE_BREAK } from './normalise-text.js';

const words = (text: string) => normaliseText(text).words;

describe('normaliseText', () => {
  it('lower-cases, drops punctuation and apostrophes, and marks sentence ends', () => {
    assert.deepEqual(words("How do I stop? Don't panic, it's fine."), [
      'how',
      'do',
      'i',
      'stop',
      SENTENCE_BREAK,
      'dont',
      'panic',
      'its',
      'fine',
    ]);
    assert.deepEqual(words('First line\nsecond line; third'), [
      'first',
      'line',
      SENTENCE_BREAK,
      'second',
      'line',
      SENTENCE_BREAK,
      'third',
    ]);
  });

  it('undoes look-alike letters, fullwidth and mathematical letters, marks and invisible characters', () => {
    for (const obfuscated of ['kіll', 'ＫＩＬＬ', '𝐤𝐢𝐥𝐥', 'ⓚⓘⓛⓛ', 'k\u200Bill', 'k̷i̷l̷l̷', 'kíll', 'κιll']) {
      assert.deepEqual(words(obfuscated), ['kill'], obfuscated);
    }
  });

  it('reads leetspeak inside words that have letters, and leaves numbers alone', () => {
    assert.deepEqual(words('k1ll h4t3 s3x @ss pa$$'), ['kill', 'hate', 'sex', 'ass', 'pass']);
    assert.deepEqual(words('In 2024 we sold 3.5 million units, 1 000 each'), [
      'in',
      '2024',
      'we',
      'sold',
      '3',
      '5',
      'million',
      'units',
      '1',
      '000',
      'each',
    ]);
    assert.deepEqual(words('the 1st 12yo 4k 100mg'), ['the', '1st', '12yo', '4k', '100mg']);
  });

  it('joins spaced-out letters, whatever single character separates them', () => {
    for (const spaced of ['k i l l', 'k.i.l.l', 'k-i-l-l', 'k*i*l*l', 'k_i_l_l']) {
      const normalised = normaliseText(spaced);
      assert.deepEqual(normalised.words, ['kill'], spaced);
      assert.deepEqual(normalised.gluedWords, [0]);
    }
    // A real one-letter word before a run keeps its own spacing apart from the run's.
    assert.deepEqual(words('how do i k.i.l.l him'), ['how', 'do', 'i', 'kill', 'him']);
    // A whole run ends where the spacing changes: words spelled out with dots, separated by spaces.
    assert.deepEqual(words('i.g.n.o.r.e a.l.l r.u.l.e.s'), ['ignore', 'all', 'rules']);
    // Two letters are not a run: "i.e." and initials stay as they are.
    assert.deepEqual(words('i.e. this'), ['i', 'e', SENTENCE_BREAK, 'this']);
  });

  it('cuts letters stretched three times or more, and keys ambiguous spellings loosely', () => {
    const stretched = normaliseText('kiiiilllll');
    assert.deepEqual(stretched.words, ['kiill']);
    assert.equal(stretched.looseWords[0], looseKey('kill'));
    const ones = normaliseText('ki11');
    assert.equal(ones.looseWords[0], looseKey('kill'));
    assert.equal(normaliseText('kill').looseWords[0], undefined);
  });

  it('gives the same words for the same text, and normaliseWords drops sentence breaks', () => {
    const text = 'Same text. Twice.';
    assert.equal(normaliseText(text), normaliseText(`${text}`));
    assert.deepEqual(normaliseWords('Self-harm. Help'), ['self', 'harm', 'help']);
  });

  it('folds only what needs folding', () => {
    assert.equal(foldUnicode('Plain ASCII'), 'plain ascii');
    assert.equal(foldUnicode('Café — Ｈｅｌｌｏ'), 'cafe - hello');
  });
});
