/**
 * A prompt-attack pattern, written against normalised sentences (lower-case words separated by one space, no
 * punctuation, apostrophes dropped: "you're" → "youre"). Each pattern names anchor words, and is only tried on
 * sentences that contain one of them, so that long documents cost a word lookup per word.
 */
export interface AttackPattern {
  /** Why the pattern exists, for tests and for whoever tunes it. */
  readonly name: string;
  readonly anchors: readonly string[];
  readonly regex: RegExp;
  /** A second condition on the same sentence. */
  readonly alsoRequires?: RegExp;
}
