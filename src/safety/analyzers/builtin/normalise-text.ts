import { foldUnicode } from './fold-unicode.js';

/** Stands between two sentences in `words`, so that no phrase or context rule reaches across them. */
export const SENTENCE_BREAK = '.';

/**
 * Text as the term lists see it: lower-case words with obfuscation undone. `looseWords[i]` is set for a word
 * whose spelling was ambiguous (a "1" that may stand for i or l, letters stretched out as in "kiiill") and is then
 * compared by its loose key (see `looseKey`); `gluedWords` lists the words joined from spaced-out letters
 * ("k i l l", "k.i.l.l"), which may hide several words run together. `otherReadings` gives, for a word written
 * with "1", its spellings with some "1"s read as "l" ("a11" is "aii" in `words`, "all" here).
 */
export interface NormalisedText {
  readonly words: readonly string[];
  readonly looseWords: readonly (string | undefined)[];
  readonly gluedWords: readonly number[];
  readonly otherReadings: ReadonlyMap<number, readonly string[]>;
}

/** Leetspeak, applied only inside words that also have letters, so that plain numbers stay numbers. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};
const LEET_CHARACTERS = /[013457@$]/g;
/** A number with a unit or an ordinal ("12yo", "1st", "4k", "100mg") is not leetspeak. */
const NUMBER_WITH_UNIT = /^\d+(?:st|nd|rd|th|yo|yr|yrs|k|g|gb|mb|kb|tb|mg|ml|kg|km|cm|mm|m|s|h|d|x|p|hz|am|pm|px|ms)$/;
const STRETCHED = /([a-z])\1{2,}/g;
const ANY_RUN = /(.)\1+/g;

const APOSTROPHE = 39;
/** Letters spaced out with one of these between them are joined: "k i l l", "k.i.l.l", "k-i-l-l", "k*i*l*l". */
const SPACING_CHARACTERS = new Set(
  [' ', '.', '-', '_', '*', '/', '|', '+', '~', ',', '\t'].map((c) => c.charCodeAt(0)),
);

/** The key ambiguous spellings are compared by: l read as i, every run of a letter as one. */
export function looseKey(word: string): string {
  return word.replaceAll('l', 'i').replace(ANY_RUN, '$1');
}

/** Character classes of ASCII codes; codes above 127 are classified by `classifyNonAscii`. */
const SEPARATOR = 0;
const LETTER = 1;
const SYMBOL = 2;
const ASCII_CLASSES = new Uint8Array(128);
for (let code = 97; code <= 122; code++) ASCII_CLASSES[code] = LETTER;
for (let code = 48; code <= 57; code++) ASCII_CLASSES[code] = SYMBOL;
ASCII_CLASSES[64] = SYMBOL; // @
ASCII_CLASSES[36] = SYMBOL; // $

/** Non-ASCII characters that still separate words once the text is folded: symbols, punctuation, emoji. */
function classifyNonAscii(code: number): number {
  return code <= 0xbf ||
    code === 0xd7 ||
    code === 0xf7 ||
    (code >= 0x2000 && code <= 0x2bff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xd800 && code <= 0xf8ff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff65)
    ? SEPARATOR
    : LETTER;
}

function classOf(code: number): number {
  return code < 128 ? (ASCII_CLASSES[code] ?? SEPARATOR) : classifyNonAscii(code);
}

/** Most "1"s in a word read as "l" in these readings (up to four "1"s: 15 readings). */
const MOST_ONES_READ = 4;

/** The readings of a leet word in which at least one "1" is an "l" ("a11" → "ail", "ali", "all"). */
function readingsWithL(raw: string): string[] {
  const ones = [...raw.matchAll(/1/g)].map((found) => found.index).slice(0, MOST_ONES_READ);
  const readings: string[] = [];
  for (let choice = 1; choice < 1 << ones.length; choice++) {
    const characters = [...raw];
    ones.forEach((position, bit) => {
      if ((choice >> bit) & 1) characters[position] = 'l';
    });
    readings.push(characters.join('').replace(LEET_CHARACTERS, (character) => LEET[character] ?? character));
  }
  return readings;
}

function isLetterCode(code: number): boolean {
  return classOf(code) === LETTER;
}

/** `.`, `!` and `?` end a sentence when no word character follows them ("k.i.l.l" is one word, "3.5" a number). */
function endsSentence(text: string, index: number, code: number): boolean {
  if (code === 10 || code === 59 || code === 0x3002) return true;
  if (code !== 46 && code !== 33 && code !== 63) return false;
  return index + 1 >= text.length || classOf(text.charCodeAt(index + 1)) === SEPARATOR;
}

class WordsBuilder {
  readonly words: string[] = [];
  readonly looseWords: (string | undefined)[] = [];
  readonly gluedWords: number[] = [];
  readonly otherReadings = new Map<number, string[]>();
  private readonly spacedRun: string[] = [];
  /** The character between the letters of the current run: one run uses one ("i k.i.l.l" is "i" + "kill"). */
  private runSpacing = -1;

  /** `spacing`: the one character between this token and the previous one, or -1. */
  token(
    raw: string,
    hasLetter: boolean,
    hasSymbol: boolean,
    stretched: boolean,
    breakBefore: boolean,
    spacing: number,
  ) {
    if (raw.length === 1) {
      const run = this.spacedRun;
      if (run.length > 0 && spacing >= 0 && !breakBefore) {
        if (run.length === 1 || spacing === this.runSpacing) {
          this.runSpacing = spacing;
          run.push(raw);
          return;
        }
        // The spacing changed after a whole run: it separates words ("i.g.n.o.r.e a.l.l"), a new run begins.
        if (run.length >= 3) {
          this.flushSpacedRun();
          run.push(raw);
          return;
        }
        // After two letters, the last one starts a new run with the new spacing ("i k.i.l.l": "i" is a word).
        const last = run.pop() ?? '';
        this.flushSpacedRun();
        run.push(last, raw);
        this.runSpacing = spacing;
        return;
      }
      this.flushSpacedRun();
      if (breakBefore) this.pushBreak();
      run.push(raw);
      return;
    }
    this.flushSpacedRun();
    if (breakBefore) this.pushBreak();
    this.pushWord(raw, hasLetter, hasSymbol, stretched, false);
  }

  finish(): NormalisedText {
    this.flushSpacedRun();
    if (this.words.at(-1) === SENTENCE_BREAK) {
      this.words.pop();
      this.looseWords.pop();
    }
    return {
      words: this.words,
      looseWords: this.looseWords,
      gluedWords: this.gluedWords,
      otherReadings: this.otherReadings,
    };
  }

  private pushBreak() {
    if (this.words.length === 0 || this.words.at(-1) === SENTENCE_BREAK) return;
    this.words.push(SENTENCE_BREAK);
    this.looseWords.push(undefined);
  }

  private flushSpacedRun() {
    const run = this.spacedRun;
    if (run.length === 0) return;
    if (run.length >= 3) {
      const joined = run.join('');
      this.pushWord(joined, /[a-z\u0080-\uffff]/.test(joined), /[0-9@$]/.test(joined), /(.)\1\1/.test(joined), true);
    } else {
      for (const single of run) this.pushWord(single, false, false, false, false);
    }
    run.length = 0;
    this.runSpacing = -1;
  }

  private pushWord(raw: string, hasLetter: boolean, hasSymbol: boolean, stretched: boolean, glued: boolean) {
    let word = raw;
    let ambiguous = false;
    if (hasLetter && hasSymbol && !NUMBER_WITH_UNIT.test(word)) {
      ambiguous = word.includes('1');
      if (ambiguous) this.otherReadings.set(this.words.length, readingsWithL(word));
      word = word.replace(LEET_CHARACTERS, (character) => LEET[character] ?? character);
    }
    if (hasLetter && (stretched || ambiguous)) {
      word = word.replace(STRETCHED, '$1$1');
      ambiguous = true;
    }
    if (glued) this.gluedWords.push(this.words.length);
    this.words.push(word);
    this.looseWords.push(ambiguous ? looseKey(word) : undefined);
  }
}

/**
 * Splits text into normalised words in one pass: Unicode folded (`foldUnicode`), apostrophes dropped inside
 * words ("don't" → "dont"), leetspeak read inside words that have letters ("k1ll" → "kill", "2024" stays),
 * spaced-out letters joined, letters stretched three times or more cut to two, sentences separated by
 * `SENTENCE_BREAK`. Terms and patterns are normalised by the same function, so both sides agree.
 */
export function normaliseText(raw: string): NormalisedText {
  for (const entry of recent) if (entry.raw === raw) return entry.normalised;
  const normalised = normaliseUncached(raw);
  recent.unshift({ raw, normalised });
  if (recent.length > RECENT_TEXTS) recent.pop();
  return normalised;
}

/**
 * The last few texts normalised: one prompt is graded, shielded and matched against blocklists by separate
 * calls, and should be split into words once. The results are read-only, so sharing them is safe.
 */
const RECENT_TEXTS = 4;
const recent: { raw: string; normalised: NormalisedText }[] = [];

function normaliseUncached(raw: string): NormalisedText {
  const text = foldUnicode(raw);
  const builder = new WordsBuilder();
  const length = text.length;
  let index = 0;
  let lastTokenEnd = -1;
  let breakPending = false;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (classOf(code) === SEPARATOR) {
      if (endsSentence(text, index, code)) breakPending = true;
      index++;
      continue;
    }
    const start = index;
    let hasLetter = false;
    let hasSymbol = false;
    let stretched = false;
    let apostrophe = false;
    let previous = -1;
    let run = 0;
    while (index < length) {
      const character = text.charCodeAt(index);
      const kind = classOf(character);
      if (kind !== SEPARATOR) {
        if (kind === LETTER) hasLetter = true;
        else hasSymbol = true;
        if (character === previous) {
          if (++run >= 3) stretched = true;
        } else {
          run = 1;
        }
        previous = character;
        index++;
      } else if (
        character === APOSTROPHE &&
        previous >= 0 &&
        isLetterCode(previous) &&
        index + 1 < length &&
        isLetterCode(text.charCodeAt(index + 1))
      ) {
        apostrophe = true;
        previous = -1;
        index++;
      } else {
        break;
      }
    }
    const raw = apostrophe ? text.slice(start, index).replaceAll("'", '') : text.slice(start, index);
    const gap = lastTokenEnd >= 0 && start - lastTokenEnd === 1 ? text.charCodeAt(lastTokenEnd) : -1;
    builder.token(raw, hasLetter, hasSymbol, stretched, breakPending, SPACING_CHARACTERS.has(gap) ? gap : -1);
    breakPending = false;
    lastTokenEnd = index;
  }
  return builder.finish();
}

/** The words of a sentence-free piece of text, as the term lists are written: for compiling patterns. */
export function normaliseWords(text: string): string[] {
  return normaliseText(text).words.filter((word) => word !== SENTENCE_BREAK);
}
