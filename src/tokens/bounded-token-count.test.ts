import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBoundedTokenCount, EXACT_COUNT_CHARACTERS, loadTokenizer, type TextTokenCounter } from './index.js';

/** Deterministic English-like prose with punctuation, numbers and code-ish words, `characters` long. */
function prose(characters: number, seed: number): string {
  const words = (
    'the of and to in a is that for it as was with be by on not he this are or his from at which but have an ' +
    'they you were her she there one all we their quota admission deployment tokenizer estimate gateway request ' +
    'Azure OpenAI model family encoding window minute tokens prompt completion stream backend vendor settle ' +
    'configuration operator limited unlimited charge answer header retry after seconds 429 1000 TPM RPM ' +
    'count_tokens(messages) {"role": "user"} extrapolate measured ratio characters exactly bound hot path'
  ).split(' ');
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const parts: string[] = [];
  let length = 0;
  while (length < characters) {
    const word = words[next() % words.length]!;
    const separator = next() % 11 === 0 ? '. ' : next() % 17 === 0 ? ',\n' : ' ';
    parts.push(word, separator);
    length += word.length + separator.length;
  }
  return parts.join('').slice(0, characters);
}

describe('createBoundedTokenCount', () => {
  it('counts exactly within the budget', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    const count = createBoundedTokenCount(tokenizer);
    count.addText('hello world');
    count.addTokens(5);
    count.addText('The quick brown fox jumps over the lazy dog.');
    assert.equal(count.total(), 2 + 5 + 10);
    assert.equal(count.extrapolated, false);
  });

  it('estimates a 100 KiB prompt to within 2 % of its exact count', async () => {
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      const tokenizer = await loadTokenizer(encoding);
      const text = prose(100 * 1024, 7);
      const exact = tokenizer.countTokens(text);
      // As a request brings it: messages of a few KiB.
      const count = createBoundedTokenCount(tokenizer);
      for (let start = 0; start < text.length; start += 3000) count.addText(text.slice(start, start + 3000));
      assert.equal(count.extrapolated, true);
      const estimate = count.total();
      const error = Math.abs(estimate - exact) / exact;
      assert.ok(error < 0.02, `${encoding}: ${estimate} estimated, ${exact} exact (${(error * 100).toFixed(2)} %)`);
    }
  });

  it('samples all of a long prompt, not only its beginning, when it changes kind', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    // 40 KiB of prose, then 60 KiB of a padded Markdown table: many fewer tokens per character. The first 32 KiB
    // alone would predict about twice the table's tokens.
    const row = (index: number) => `| row ${index}`.padEnd(60) + '| value'.padEnd(60) + '|\n';
    const table = Array.from({ length: 60 * 1024 }, (_, index) => row(index))
      .join('')
      .slice(0, 60 * 1024);
    const text = prose(40 * 1024, 3) + table;
    const exact = tokenizer.countTokens(text);
    const count = createBoundedTokenCount(tokenizer);
    count.addText(text);
    const error = Math.abs(count.total() - exact) / exact;
    assert.ok(error < 0.03, `${count.total()} estimated, ${exact} exact (${(error * 100).toFixed(2)} %)`);
    const head = tokenizer.countTokens(text.slice(0, EXACT_COUNT_CHARACTERS));
    const fromHead = (head * text.length) / EXACT_COUNT_CHARACTERS;
    assert.ok(Math.abs(fromHead - exact) / exact > 0.2, 'the beginning alone would be far off');
  });

  it('counts no more than the budget, spread over the texts, and scales by the measured ratio', () => {
    const counted: string[] = [];
    // Two tokens per character, whatever the text: the estimate must carry that ratio, not four characters a token.
    const counter: TextTokenCounter = {
      countTokens: (text) => {
        counted.push(text);
        return text.length * 2;
      },
    };
    const count = createBoundedTokenCount(counter, 128 * 16);
    const words = (seed: string) => Array.from({ length: 600 }, (_, index) => `${seed}${index}`).join(' ');
    count.addText(words('a'));
    count.addText(words('b'));
    count.addText(words('c'));
    const characters = 3 * words('a').length;
    assert.equal(count.total(), 2 * characters);
    assert.equal(count.extrapolated, true);
    const countedCharacters = counted.reduce((sum, text) => sum + text.length, 0);
    assert.ok(countedCharacters <= 128 * 16, `${countedCharacters} characters counted`);
    assert.ok(counted.some((text) => text.startsWith('a0')) && counted.some((text) => text.includes('c1')));
    // Windows neither start nor end inside a word.
    for (const text of counted.slice(1)) assert.match(text, /^\s\w+\d.*\d$/s, JSON.stringify(text));
  });

  it('never counts half of a surrogate pair at the edge of a window', () => {
    const counted: string[] = [];
    const counter: TextTokenCounter = { countTokens: (text) => (counted.push(text), text.length) };
    const count = createBoundedTokenCount(counter, 128 * 7);
    count.addText('🚀'.repeat(2000));
    count.total();
    assert.ok(counted.length > 0);
    for (const text of counted) assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(text), JSON.stringify(text));
  });

  it('falls back to four characters a token when nothing could be counted', () => {
    const count = createBoundedTokenCount({ countTokens: () => assert.fail('nothing is counted') }, 0);
    count.addText('x'.repeat(40));
    assert.equal(count.total(), 10);
  });

  it('defaults to 32 KiB counted exactly', () => {
    assert.equal(EXACT_COUNT_CHARACTERS, 32 * 1024);
  });
});
