import { CUE_INDEX, TEXT_CUES, type CueKind } from './context-cues.js';
import { SENTENCE_BREAK, type NormalisedText } from './normalise-text.js';
import { findWordPatterns, type WordPatternHit } from './word-patterns.js';
import { WORD_CLASS_SETS } from './word-classes.js';

/** Who or what an act is aimed at, read from the words just after it. */
export type Target = 'person' | 'group' | 'place' | 'benign' | 'self' | 'vague' | 'none';

export interface Span {
  readonly start: number;
  readonly end: number;
}

const POSSESSIVES = new Set(['my', 'our', 'your', 'his', 'her', 'their', 'ur']);
/** Words that may stand before an imperative verb: "just kill him", "go stab them". */
const IMPERATIVE_LEADS = new Set(['please', 'pls', 'plz', 'just', 'go', 'now', 'so', 'then', 'and', 'lets']);
const FIRST_PERSON = new Set(['i', 'me', 'my', 'myself', 'im', 'ive', 'id', 'ill', 'mine']);
/** How far after an act its object is looked for. */
const TARGET_WORDS = 4;
/** How far before a weapon a production verb ("make", "buy") counts. */
const PRODUCTION_WORDS = 5;

const {
  benign_object: BENIGN,
  animal: ANIMAL,
  self: SELF,
  person: PERSON,
  group_noun: GROUP_NOUN,
  group_adjective: GROUP_ADJECTIVE,
  group_head: GROUP_HEAD,
  place: PLACE,
  vague: VAGUE,
  body_part: BODY_PART,
} = WORD_CLASS_SETS;

/** A person word, or its possessive with the apostrophe dropped ("roommate's" → "roommates", "ex's" → "exs"). */
function isPersonWord(word: string): boolean {
  return PERSON.has(word) || (word.endsWith('s') && PERSON.has(word.slice(0, -1)));
}

/** The context of one text: its cues, found once, and questions about the words around a term. */
export class HarmContext {
  private readonly cues: readonly WordPatternHit<CueKind>[];
  private readonly textCues = new Set<CueKind>();

  constructor(readonly text: NormalisedText) {
    this.cues = findWordPatterns(text, CUE_INDEX);
    for (const cue of this.cues) if (TEXT_CUES.has(cue.value)) this.textCues.add(cue.value);
  }

  private word(index: number): string | undefined {
    return this.text.words[index];
  }

  /** A text cue anywhere in the text. */
  textHas(kind: CueKind): boolean {
    return this.textCues.has(kind);
  }

  sentenceOf(span: Span): Span {
    let start = span.start;
    while (start > 0 && this.word(start - 1) !== SENTENCE_BREAK) start--;
    let end = span.end;
    while (end < this.text.words.length && this.word(end) !== SENTENCE_BREAK) end++;
    return { start, end };
  }

  /** Cues starting in [from, to), with `test` true for one of them. Cues are sorted by start. */
  private someCue(from: number, to: number, test: (cue: WordPatternHit<CueKind>) => boolean): boolean {
    let low = 0;
    let high = this.cues.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cues[middle]?.start ?? 0) < from) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < this.cues.length; index++) {
      const cue = this.cues[index];
      if (cue === undefined || cue.start >= to) break;
      if (test(cue)) return true;
    }
    return false;
  }

  /** A cue in the span's sentence, outside the span's own words. */
  sentenceHas(kind: CueKind, span: Span): boolean {
    const sentence = this.sentenceOf(span);
    return this.someCue(
      sentence.start,
      sentence.end,
      (cue) => cue.value === kind && cue.end <= sentence.end && (cue.end <= span.start || cue.start >= span.end),
    );
  }

  /** A production verb ("make", "buy", "build") just before the span, in its sentence. */
  productionBefore(span: Span): boolean {
    const sentence = this.sentenceOf(span);
    const from = Math.max(sentence.start, span.start - PRODUCTION_WORDS);
    return this.someCue(from, span.start, (cue) => cue.value === 'production' && cue.end <= span.start);
  }

  firstPersonIn(span: Span): boolean {
    const sentence = this.sentenceOf(span);
    for (let index = sentence.start; index < sentence.end; index++) {
      if (FIRST_PERSON.has(this.word(index) ?? '')) return true;
    }
    return false;
  }

  /** The span opens its sentence, perhaps after "please", "just", "go": an order. */
  opensSentence(span: Span): boolean {
    let before = span.start - 1;
    if (IMPERATIVE_LEADS.has(this.word(before) ?? '')) before--;
    return before < 0 || this.word(before) === SENTENCE_BREAK;
  }

  /** One of `words` in the `before` words before the span or the `after` words after it, within its sentence. */
  near(span: Span, words: ReadonlySet<string> | undefined, before: number, after: number): boolean {
    if (words === undefined || words.size === 0) return false;
    for (let index = span.start - 1; index >= 0 && index >= span.start - before; index--) {
      const word = this.word(index) ?? SENTENCE_BREAK;
      if (word === SENTENCE_BREAK) break;
      if (words.has(word)) return true;
    }
    for (let index = span.end; index < span.end + after; index++) {
      const word = this.word(index) ?? SENTENCE_BREAK;
      if (word === SENTENCE_BREAK) break;
      if (words.has(word)) return true;
    }
    return false;
  }

  /** Software, media, chores or animals in the words around: "kill the process", "the job should be killed". */
  benignObjectNear(span: Span, before: number, after: number): boolean {
    return this.near(span, BENIGN, before, after) || this.near(span, ANIMAL, before, after);
  }

  animalNear(span: Span, before: number, after: number): boolean {
    return this.near(span, ANIMAL, before, after);
  }

  private isBossOfSomeone(index: number): boolean {
    const word = this.word(index);
    return (word === 'boss' || word === 'bosses') && POSSESSIVES.has(this.word(index - 1) ?? '');
  }

  /**
   * What an act is aimed at: the first telling word after it. A person word that names a kind of thing ("child
   * process", "kids' sports") is the thing.
   */
  targetOf(span: Span): Target {
    const words = this.text.words;
    const end = Math.min(span.end + TARGET_WORDS, words.length);
    let vague = false;
    for (let index = span.start + 1; index < end; index++) {
      const word = words[index] ?? SENTENCE_BREAK;
      if (word === SENTENCE_BREAK) break;
      if (BENIGN.has(word) || (ANIMAL.has(word) && !this.isBossOfSomeone(index))) return 'benign';
      if (SELF.has(word)) return 'self';
      if (isPersonWord(word) || this.isBossOfSomeone(index)) {
        return BENIGN.has(words[index + 1] ?? '') ? 'benign' : 'person';
      }
      // "break his legs": a body part names its owner.
      if (BODY_PART.has(words[index + 1] ?? '')) {
        if (word === 'my') return 'self';
        if (POSSESSIVES.has(word)) return 'person';
      }
      if (GROUP_NOUN.has(word) || (GROUP_ADJECTIVE.has(word) && GROUP_HEAD.has(words[index + 1] ?? ''))) {
        return 'group';
      }
      if (PLACE.has(word)) return 'place';
      // "that guy": a determiner first, the person after it.
      if (VAGUE.has(word)) vague = true;
    }
    return vague ? 'vague' : 'none';
  }

  /** A person named by a possessive ("my neighbour"): still a person inside a game or a story. */
  targetsSomeoneReal(span: Span): boolean {
    const end = Math.min(span.end + TARGET_WORDS, this.text.words.length);
    for (let index = span.start + 1; index < end; index++) {
      const word = this.word(index) ?? SENTENCE_BREAK;
      if (word === SENTENCE_BREAK) return false;
      if ((PERSON.has(word) || this.isBossOfSomeone(index)) && POSSESSIVES.has(this.word(index - 1) ?? '')) {
        return true;
      }
    }
    return false;
  }
}
