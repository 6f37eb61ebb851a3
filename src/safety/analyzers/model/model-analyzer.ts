import { GatewayError } from '../../../spec/index.js';
import type { Analyzer, CategorySeverities, ShieldInput, ShieldVerdict } from '../analyzer.js';
import { ANALYZER_CONCURRENCY, gradeInChunks, mapConcurrently } from '../grade-in-chunks.js';
import { splitText } from '../split-text.js';
import {
  ATTACK_MAX_TOKENS,
  GRADE_MAX_TOKENS,
  buildDocumentPrompt,
  buildGradePrompt,
  buildJailbreakPrompt,
} from './classification-prompt.js';
import { parseClassificationReply } from './parse-classification-reply.js';

/** One chat completion the analyzer needs: the caller sends it to the policy's deployment. */
export interface ClassificationCall {
  /** A system message; the built-in prompts send none, as Llama Guard's chat template has no system turn. */
  system?: string;
  /** The one user message. */
  prompt: string;
  maxTokens: number;
  signal?: AbortSignal;
}

/** Sends a classification call as a chat completion and resolves with the reply's text. */
export type Classify = (call: ClassificationCall) => Promise<string>;

export interface ModelAnalyzerOptions {
  classify: Classify;
  /**
   * The longest piece of text one call grades; longer texts are graded piece by piece and the worst grade kept.
   * The default (8,000 characters, about 2,000 tokens plus the prompt) fits the 4,096-token context a small local
   * model is often given, so a long text is graded rather than refused by the model and let through unfiltered.
   */
  maxCharactersPerCall?: number;
}

const DEFAULT_MAX_CHARACTERS_PER_CALL = 8_000;

/**
 * An analyzer that asks a model (Llama Guard, or any instruction model) through a deployment, with the prompts of
 * classification-prompt.ts. The shield asks one call per document, and one for the user's text: Llama Guard gives
 * one verdict per call, and a document read alone cannot sway the verdict on another. Calls run a few at a time.
 */
export function createModelAnalyzer(options: ModelAnalyzerOptions): Analyzer {
  const maxCharacters = options.maxCharactersPerCall ?? DEFAULT_MAX_CHARACTERS_PER_CALL;

  async function gradePiece(piece: string, signal: AbortSignal | undefined): Promise<CategorySeverities> {
    const reply = await options.classify({ prompt: buildGradePrompt(piece), maxTokens: GRADE_MAX_TOKENS, signal });
    const { severities } = parseClassificationReply(reply);
    if (severities === undefined) {
      throw new GatewayError('upstream_error', 'The classification model answered without grading any category.');
    }
    return severities;
  }

  async function detectAttack(prompt: string, signal: AbortSignal | undefined): Promise<boolean> {
    const reply = await options.classify({ prompt, maxTokens: ATTACK_MAX_TOKENS, signal });
    const { attack } = parseClassificationReply(reply);
    if (attack === undefined) {
      throw new GatewayError(
        'upstream_error',
        'The classification model answered without saying whether it is an attack.',
      );
    }
    return attack;
  }

  return {
    kind: 'model',
    grade(text: string, signal?: AbortSignal): Promise<CategorySeverities> {
      return gradeInChunks(text, maxCharacters, (piece) => gradePiece(piece, signal));
    },
    async shield(input: ShieldInput, signal?: AbortSignal): Promise<ShieldVerdict> {
      // Every piece of every text is one question; index -1 is the user's text, 0… the documents.
      const questions: { owner: number; prompt: string }[] = [];
      const ask = (owner: number, text: string, build: (piece: string) => string): void => {
        if (text.trim() === '') return;
        for (const piece of splitText(text, maxCharacters)) questions.push({ owner, prompt: build(piece) });
      };
      ask(-1, input.userPrompt, buildJailbreakPrompt);
      input.documents.forEach((document, index) => ask(index, document, buildDocumentPrompt));
      const answers = await mapConcurrently(questions, ANALYZER_CONCURRENCY, (question) =>
        detectAttack(question.prompt, signal),
      );
      const attacked = new Set(
        questions.filter((_, index) => answers[index] === true).map((question) => question.owner),
      );
      return {
        jailbreak: attacked.has(-1),
        indirectAttacks: input.documents.map((_, index) => attacked.has(index)),
      };
    },
  };
}
