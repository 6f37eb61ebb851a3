import { looseKey, normaliseWords, SENTENCE_BREAK, type NormalisedText } from './normalise-text.js';

/**
 * Word patterns: the small language the term lists, context cues and blocklists are written in, matched word by
 * word on normalised text. A pattern is words separated by spaces; each position is
 *
 * - `word` or `one|two|three` — one of these words;
 * - `{class}` — any word of a named class (combinable: `{person}|someone`);
 * - a trailing `?` — the position may be left out;
 * - `~N` — up to N words of anything in between (never across a sentence);
 * - `<macro>` — each of the macro's sub-patterns in turn (the pattern is expanded into one variant per choice).
 */
export interface PatternElement {
  readonly words: ReadonlySet<string>;
  readonly looseWords: ReadonlySet<string>;
  readonly optional: boolean;
  /** Above 0: the element skips up to this many words instead of matching one. */
  readonly gap: number;
}

export interface WordPattern<T> {
  readonly elements: readonly PatternElement[];
  readonly value: T;
}

export interface WordPatternIndex<T> {
  readonly byFirst: ReadonlyMap<string, readonly WordPattern<T>[]>;
  readonly byLooseFirst: ReadonlyMap<string, readonly WordPattern<T>[]>;
  /** Patterns of literal words only, run together, looked for inside words glued from spaced-out letters. */
  readonly joined: readonly { text: string; pattern: WordPattern<T> }[];
}

export interface WordPatternHit<T> {
  readonly value: T;
  /** Index of the first word matched. */
  readonly start: number;
  /** Index after the last word matched. */
  readonly end: number;
}

export interface PatternVocabulary {
  readonly classes?: Readonly<Record<string, readonly string[]>>;
  readonly macros?: Readonly<Record<string, readonly string[]>>;
}

/** Glued words are searched for patterns run together only when these are long enough not to hit by chance. */
const SHORTEST_JOINED_SUBSTRING = 4;
/** A longer glued word is spaced-out text, not a hidden term: searching inside it would cost too much. */
const LONGEST_GLUED_SEARCHED = 100;

export function literalElement(words: readonly string[], optional = false): PatternElement {
  return { words: new Set(words), looseWords: new Set(words.map(looseKey)), optional, gap: 0 };
}

/** A pattern's word as text spells it once normalised ("ww1" → "wwi"); it must stay one word. */
function literalWord(word: string, source: string): string {
  const normalised = normaliseWords(word);
  const [only] = normalised;
  if (normalised.length !== 1 || only === undefined) {
    throw new Error(`word pattern "${source}": "${word}" is not one word once normalised (${normalised.join(' ')})`);
  }
  return only;
}

function expandMacros(source: string, macros: Readonly<Record<string, readonly string[]>>): string[] {
  const found = /<([a-z_]+)>/.exec(source);
  if (found === null) return [source];
  const alternatives = macros[found[1] ?? ''];
  if (alternatives === undefined) throw new Error(`word pattern "${source}": unknown macro ${found[0]}`);
  return alternatives.flatMap((alternative) => expandMacros(source.replace(found[0], alternative), macros));
}

function parseElement(token: string, source: string, vocabulary: PatternVocabulary): PatternElement {
  const gap = /^~(\d)$/.exec(token);
  if (gap !== null) return { words: new Set(), looseWords: new Set(), optional: true, gap: Number(gap[1]) };
  const optional = token.endsWith('?');
  const body = optional ? token.slice(0, -1) : token;
  const words: string[] = [];
  for (const alternative of body.split('|')) {
    const className = /^\{([a-z_]+)\}$/.exec(alternative)?.[1];
    if (className === undefined) {
      words.push(literalWord(alternative, source));
      continue;
    }
    const members = vocabulary.classes?.[className];
    if (members === undefined) throw new Error(`word pattern "${source}": unknown class {${className}}`);
    words.push(...members.map((member) => literalWord(member, source)));
  }
  return literalElement(words, optional);
}

/** Leading optional elements are expanded away, so that every variant can be indexed by its first word. */
function withoutLeadingOptionals(elements: readonly PatternElement[], source: string): PatternElement[][] {
  const first = elements[0];
  if (first === undefined) throw new Error(`word pattern "${source}" is empty`);
  if (first.gap > 0) throw new Error(`word pattern "${source}" starts with a gap`);
  if (!first.optional) return [[...elements]];
  return [...withoutLeadingOptionals(elements.slice(1), source), [{ ...first, optional: false }, ...elements.slice(1)]];
}

/** Parses one source pattern into its variants (macros and leading optionals expanded). */
export function parseWordPattern(source: string, vocabulary: PatternVocabulary = {}): PatternElement[][] {
  return expandMacros(source, vocabulary.macros ?? {}).flatMap((expanded) =>
    withoutLeadingOptionals(
      expanded
        .trim()
        .split(/\s+/)
        .map((token) => parseElement(token, source, vocabulary)),
      source,
    ),
  );
}

function addTo<T>(map: Map<string, WordPattern<T>[]>, key: string, pattern: WordPattern<T>): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [pattern]);
  else if (!list.includes(pattern)) list.push(pattern);
}

/**
 * Indexes patterns by their first word. `searchGlued`: also look for them inside words glued from spaced-out
 * letters ("k i l l y o u") — right for terms, wrong for context cues, which would then be found by accident.
 */
export function compileWordPatterns<T>(
  patterns: readonly WordPattern<T>[],
  { searchGlued = true }: { searchGlued?: boolean } = {},
): WordPatternIndex<T> {
  const byFirst = new Map<string, WordPattern<T>[]>();
  const byLooseFirst = new Map<string, WordPattern<T>[]>();
  const joined: { text: string; pattern: WordPattern<T> }[] = [];
  for (const pattern of patterns) {
    const [first] = pattern.elements;
    if (first === undefined || first.optional) throw new Error('a compiled word pattern must start with a word');
    for (const word of first.words) addTo(byFirst, word, pattern);
    for (const word of first.looseWords) addTo(byLooseFirst, word, pattern);
    if (!searchGlued) continue;
    if (pattern.elements.length === 1) {
      for (const word of first.words) joined.push({ text: word, pattern });
    } else if (pattern.elements.every((element) => element.words.size === 1 && !element.optional)) {
      joined.push({ text: pattern.elements.map((element) => [...element.words][0]).join(''), pattern });
    }
  }
  return { byFirst, byLooseFirst, joined };
}

/** A lone "1" may be a number or the word "I" ("h0w d0 1 k1ll"): patterns read it either way. */
const LONE_ONE = '1';

function wordMatches(element: PatternElement, text: NormalisedText, position: number): boolean {
  const word = text.words[position];
  if (word === undefined || word === SENTENCE_BREAK) return false;
  if (element.words.has(word) || (word === LONE_ONE && element.words.has('i'))) return true;
  const loose = text.looseWords[position];
  return loose !== undefined && element.looseWords.has(loose);
}

/** The index after the match of `elements[from..]` at `position`, or -1; tries the longest option first. */
function matchFrom(elements: readonly PatternElement[], from: number, text: NormalisedText, position: number): number {
  const element = elements[from];
  if (element === undefined) return position;
  if (element.gap > 0) {
    for (let skipped = 0; skipped <= element.gap; skipped++) {
      if (skipped > 0) {
        const word = text.words[position + skipped - 1];
        if (word === undefined || word === SENTENCE_BREAK) break;
      }
      const end = matchFrom(elements, from + 1, text, position + skipped);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (wordMatches(element, text, position)) {
    const end = matchFrom(elements, from + 1, text, position + 1);
    if (end >= 0) return end;
  }
  return element.optional ? matchFrom(elements, from + 1, text, position) : -1;
}

function matchCandidates<T>(
  candidates: readonly WordPattern<T>[] | undefined,
  text: NormalisedText,
  position: number,
  hits: WordPatternHit<T>[],
): void {
  if (candidates === undefined) return;
  for (const pattern of candidates) {
    const end = matchFrom(pattern.elements, 1, text, position + 1);
    if (end >= 0) hits.push({ value: pattern.value, start: position, end });
  }
}

/** Every match of every pattern, by start position; a pattern found through both spellings is listed twice. */
export function findWordPatterns<T>(text: NormalisedText, index: WordPatternIndex<T>): WordPatternHit<T>[] {
  const hits: WordPatternHit<T>[] = [];
  const { words, looseWords } = text;
  for (let position = 0; position < words.length; position++) {
    const word = words[position] ?? '';
    matchCandidates(index.byFirst.get(word), text, position, hits);
    if (word === LONE_ONE) matchCandidates(index.byFirst.get('i'), text, position, hits);
    const loose = looseWords[position];
    if (loose !== undefined) matchCandidates(index.byLooseFirst.get(loose), text, position, hits);
  }
  for (const position of text.gluedWords) {
    const glued = words[position] ?? '';
    if (glued.length > LONGEST_GLUED_SEARCHED) continue;
    for (const { text: joined, pattern } of index.joined) {
      const found = joined.length >= SHORTEST_JOINED_SUBSTRING ? glued.includes(joined) : glued === joined;
      if (found) hits.push({ value: pattern.value, start: position, end: position + 1 });
    }
  }
  return hits;
}

/** Compiles source patterns that all carry one value each. */
export function compileSourcePatterns<T>(
  sources: readonly { readonly source: string; readonly value: T }[],
  vocabulary: PatternVocabulary = {},
  options: { searchGlued?: boolean } = {},
): WordPatternIndex<T> {
  return compileWordPatterns(
    sources.flatMap(({ source, value }) =>
      parseWordPattern(source, vocabulary).map((elements): WordPattern<T> => ({ elements, value })),
    ),
    options,
  );
}
