import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import { loadedTokenizer, loadTokenizer, MAX_PIECE_CHARACTERS, TOKEN_ENCODINGS, warmTokenizers } from './index.js';

// Counts published in OpenAI's cookbook (https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken)
// and by tiktoken for the same strings.
const KNOWN_COUNTS: readonly { text: string; o200k_base: number; cl100k_base: number }[] = [
  { text: 'hello world', o200k_base: 2, cl100k_base: 2 },
  { text: 'tiktoken is great!', o200k_base: 6, cl100k_base: 6 },
  { text: 'antidisestablishmentarianism', o200k_base: 6, cl100k_base: 6 },
  { text: '2 + 2 = 4', o200k_base: 7, cl100k_base: 7 },
  { text: 'お誕生日おめでとう', o200k_base: 8, cl100k_base: 9 },
  { text: 'The quick brown fox jumps over the lazy dog.', o200k_base: 10, cl100k_base: 10 },
];

/** Text of every kind the pattern splits differently: prose, code, JSON, numbers, accents, CJK, emoji, whitespace. */
const MIXED_TEXT = [
  'Hangar charges each request an estimate of its tokens before forwarding it, as Azure does.',
  "It's what they'll say: we've DONE it, haven't we? O'Neill's 3.14159 × 10^23 molecules.",
  'function estimate(request) {\n  return request.messages.reduce((sum, m) => sum + m.content.length, 0) / 4;\n}',
  JSON.stringify({ type: 'function', name: 'get_weather', parameters: { city: { type: 'string', enum: ['Zürich'] } } }),
  'Naïve café façade — déjà vu. Größenwahn. Ελληνικά κείμενα. Русский текст.',
  '東京タワーは高いです。我们今天讨论的是一个非常重要的问题，关于人工智能。한국어 문장입니다.',
  'Emoji 🚀🚀🧑‍💻 and flags 🇨🇭, then   three spaces,\ttabs\r\n\r\nand CRLF lines.',
  'Special spellings count as text: <|endoftext|> <|im_start|>user',
  'https://example.com/a/b?c=d&e=f#g 0x1F2E3D 1234567890 ID_ABC-123_def',
].join('\n\n');

describe('loadTokenizer', () => {
  it('loads nothing until asked, then shares one tokenizer per encoding', async () => {
    assert.equal(loadedTokenizer('cl100k_base'), undefined);
    const [first, second] = await Promise.all([loadTokenizer('cl100k_base'), loadTokenizer('cl100k_base')]);
    assert.equal(first, second);
    assert.equal(loadedTokenizer('cl100k_base'), first);
    assert.equal(first.encoding, 'cl100k_base');
  });

  it('warms the encodings it is given', async () => {
    await warmTokenizers(['o200k_base', 'o200k_base']);
    assert.equal(loadedTokenizer('o200k_base')?.encoding, 'o200k_base');
  });

  for (const encoding of TOKEN_ENCODINGS) {
    it(`counts known strings as tiktoken does (${encoding})`, async () => {
      const tokenizer = await loadTokenizer(encoding);
      for (const known of KNOWN_COUNTS) {
        assert.equal(tokenizer.countTokens(known.text), known[encoding], known.text);
        // Twice: the second count comes from the remembered pieces.
        assert.equal(tokenizer.countTokens(known.text), known[encoding], `${known.text}, again`);
      }
      assert.equal(tokenizer.countTokens(''), 0);
    });

    it(`agrees with js-tiktoken's encode on mixed text (${encoding})`, async () => {
      const tokenizer = await loadTokenizer(encoding);
      const ranks =
        encoding === 'o200k_base'
          ? (await import('js-tiktoken/ranks/o200k_base')).default
          : (await import('js-tiktoken/ranks/cl100k_base')).default;
      const reference = new Tiktoken(ranks);
      for (const text of [MIXED_TEXT, ...MIXED_TEXT.split('\n\n')]) {
        assert.equal(tokenizer.countTokens(text), reference.encode(text, [], []).length, text.slice(0, 40));
      }
    });
  }

  it('counts a run without spaces in slices, quickly and within a few per cent', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    const reference = new Tiktoken((await import('js-tiktoken/ranks/o200k_base')).default);
    // 300 Chinese characters without punctuation are one piece to the pattern; exact merging is quadratic in it.
    const chinese = '我们今天讨论的是一个非常重要的问题关于人工智能模型的调用配额以及如何准确估计请求的令牌数量'.repeat(
      7,
    );
    assert.ok(chinese.length > 4 * MAX_PIECE_CHARACTERS);
    const exact = reference.encode(chinese).length;
    const counted = tokenizer.countTokens(chinese);
    assert.ok(Math.abs(counted - exact) / exact < 0.03, `${counted} tokens counted, ${exact} exact`);

    // 32 KiB of one letter: one piece that js-tiktoken's own merge would take hours over.
    const startedAt = performance.now();
    const letters = tokenizer.countTokens('a'.repeat(32 * 1024));
    const elapsedMs = performance.now() - startedAt;
    assert.ok(letters > 0 && letters < 32 * 1024, `${letters} tokens`);
    assert.ok(elapsedMs < 2_000, `took ${elapsedMs.toFixed(0)} ms`);
  });

  it('never cuts a character outside the BMP in two when slicing a long piece', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    const reference = new Tiktoken((await import('js-tiktoken/ranks/o200k_base')).default);
    // One piece of lower-case letters whose surrogate pair (𝐚, U+1D41A) straddles the first slice's end: the slice
    // must take the whole pair, and the next one starts after it.
    const head = `${'b'.repeat(MAX_PIECE_CHARACTERS - 1)}𝐚`;
    const tail = 'c'.repeat(MAX_PIECE_CHARACTERS);
    assert.equal(tokenizer.countTokens(head + tail), reference.encode(head).length + reference.encode(tail).length);
  });
});
