import type { Analyzer, CategorySeverities, ShieldInput, ShieldVerdict } from '../analyzer.js';
import { detectDirectAttack, detectIndirectAttack } from './detect-prompt-attacks.js';
import { gradeHarm } from './grade-harm.js';
import { normaliseText } from './normalise-text.js';

/**
 * The analyzer that needs no model and no network: term lists with context rules, and prompt-attack patterns.
 * Its synchronous methods let streaming output be graded window by window without a promise per window; each
 * window is graded on its own, so a fragment gives a verdict too.
 */
export interface BuiltinAnalyzer extends Analyzer {
  readonly kind: 'builtin';
  gradeText(text: string): CategorySeverities;
  shieldText(input: ShieldInput): ShieldVerdict;
}

export function createBuiltinAnalyzer(): BuiltinAnalyzer {
  const gradeText = (text: string): CategorySeverities => gradeHarm(normaliseText(text));
  const shieldText = (input: ShieldInput): ShieldVerdict => ({
    jailbreak: detectDirectAttack(input.userPrompt),
    indirectAttacks: input.documents.map(detectIndirectAttack),
  });
  return {
    kind: 'builtin',
    gradeText,
    shieldText,
    grade: (text, signal) =>
      Promise.resolve().then(() => {
        signal?.throwIfAborted();
        return gradeText(text);
      }),
    shield: (input, signal) =>
      Promise.resolve().then(() => {
        signal?.throwIfAborted();
        return shieldText(input);
      }),
  };
}
