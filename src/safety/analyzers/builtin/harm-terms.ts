import type { HarmCategory } from '../../../spec/index.js';
import { HATE_TERMS } from './terms/hate-terms.js';
import { SELF_HARM_TERMS } from './terms/self-harm-terms.js';
import { SEXUAL_TERMS } from './terms/sexual-terms.js';
import { VIOLENCE_TERMS } from './terms/violence-terms.js';

export type TermSeverity = 'low' | 'medium' | 'high';

/**
 * How context moves a term's severity (see grade-harm.ts):
 * - `act`: something done to someone ("kill", "stab"): low as a mention, raised by a target and by intent or a
 *   request for instructions, dropped for a benign object ("kill the process") or in a game;
 * - `means`: a weapon or agent ("pipe bomb"): low as a mention, high when asked how to make or get it;
 * - `statement`: a phrase whose severity stands ("should be exterminated"), lowered to low when quoted,
 *   reported or discussed;
 * - `self_harm`: raised by methods and instruction requests, lowered to low when the writer asks for help;
 * - `sexual`: raised by explicit requests, high with a minor, lowered in medical framing.
 */
export type TermRole = 'act' | 'means' | 'statement' | 'self_harm' | 'sexual';

export interface HarmTerm {
  readonly category: HarmCategory;
  readonly role: TermRole;
  /** The severity of the bare term, before context. */
  readonly severity: TermSeverity;
  /** Word patterns (word-patterns.ts), in normalised form. */
  readonly patterns: readonly string[];
  /** Acts: counts only when aimed at a person, a group or a place ("attack", "shoot", "execute"). */
  readonly needsTarget?: boolean;
  /** The highest severity context may raise the term to. */
  readonly ceiling?: TermSeverity;
  /** One of these in the two words before gives the term a benign sense: "bath" bomb, "heart" attack. */
  readonly benignBefore?: readonly string[];
  /** One of these in the three words after gives the term a benign sense: kill "for" a coffee. */
  readonly benignAfter?: readonly string[];
  /** A number just before gives the term a benign sense: "500 kms" is a distance. */
  readonly notAfterNumber?: boolean;
  /**
   * Content asked for rather than done ("steamy scene"): at its severity only when the text asks for it, low as a
   * mention ("the novel has a steamy scene").
   */
  readonly needsRequest?: boolean;
}

export const HARM_TERMS: readonly HarmTerm[] = [...VIOLENCE_TERMS, ...SELF_HARM_TERMS, ...SEXUAL_TERMS, ...HATE_TERMS];
