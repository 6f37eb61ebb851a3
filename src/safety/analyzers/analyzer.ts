import type { HarmCategory, Severity } from '../../spec/index.js';

export type CategorySeverities = Record<HarmCategory, Severity>;

/** The shield's question: does the user's own text attack the model, and does any document carry an attack? */
export interface ShieldInput {
  /** The user's messages, joined. */
  userPrompt: string;
  /** Tool results and other material the model will read but the user did not write. */
  documents: string[];
}

export interface ShieldVerdict {
  /** A direct attack (jailbreak) in the user prompt. */
  jailbreak: boolean;
  /** One entry per document: true when it carries an indirect attack. */
  indirectAttacks: boolean[];
}

/**
 * One way of grading text. Implementations: the built-in term and pattern analyzer, a model asked through a
 * deployment, and Azure AI Content Safety. A failing analyzer throws; the caller annotates `error` and lets the
 * text through, as Azure does when its filter is unavailable.
 */
export interface Analyzer {
  readonly kind: 'builtin' | 'model' | 'azure-content-safety';
  /** The severity of each of the four categories in the text. */
  grade(text: string, signal?: AbortSignal): Promise<CategorySeverities>;
  shield(input: ShieldInput, signal?: AbortSignal): Promise<ShieldVerdict>;
}
