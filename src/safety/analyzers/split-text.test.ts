import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allSafe, mapConcurrently, worstSeverities } from './grade-in-chunks.js';
import { codePointLength, splitText } from './split-text.js';

describe('splitText', () => {
  it('keeps a text within the limit whole', () => {
    assert.deepEqual(splitText('short text', 10), ['short text']);
    assert.deepEqual(splitText('', 10), ['']);
  });

  it('cuts after whitespace so no word is split, and loses nothing', () => {
    const text = 'alpha beta gamma delta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau'.repeat(3);
    const pieces = splitText(text, 24);
    assert.equal(pieces.join(''), text);
    pieces.forEach((piece, index) => {
      assert.ok(codePointLength(piece) <= 24, piece);
      const next = pieces[index + 1];
      if (next !== undefined) assert.ok(/\s$/.test(piece), `a word is split: ${JSON.stringify([piece, next])}`);
    });
  });

  it('cuts inside a word only when there is no whitespace near the limit', () => {
    assert.deepEqual(splitText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  });

  it('counts code points, never cutting a surrogate pair', () => {
    const text = '😀'.repeat(7);
    const pieces = splitText(text, 3);
    assert.deepEqual(
      pieces.map((piece) => codePointLength(piece)),
      [3, 3, 1],
    );
    assert.equal(pieces.join(''), text);
    assert.equal(codePointLength(text), 7);
  });

  it('refuses a limit that is not a positive integer', () => {
    assert.throws(() => splitText('text', 0), RangeError);
  });
});

describe('worstSeverities and mapConcurrently', () => {
  it('keeps the worst severity of each category', () => {
    assert.deepEqual(
      worstSeverities([
        { ...allSafe(), hate: 'low', violence: 'high' },
        { ...allSafe(), hate: 'medium', sexual: 'low' },
      ]),
      { hate: 'medium', sexual: 'low', violence: 'high', self_harm: 'safe' },
    );
  });

  it('keeps the input order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3, 0], 2, async (delayMs, index) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      running -= 1;
      return index * 10;
    });
    assert.deepEqual(results, [0, 10, 20, 30, 40, 50]);
    assert.equal(most, 2);
  });

  it('rejects with the first failure and starts no more items', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapConcurrently([0, 1, 2, 3, 4], 1, (item) => {
        started.push(item);
        return item === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(item);
      }),
      /boom/,
    );
    assert.deepEqual(started, [0, 1]);
  });
});
