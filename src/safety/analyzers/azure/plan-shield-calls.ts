import type { ShieldInput } from '../analyzer.js';
import { codePointLength, splitText } from '../split-text.js';
import {
  SHIELD_DOCUMENTS_MAX_CODE_POINTS,
  SHIELD_MAX_DOCUMENTS,
  SHIELD_PROMPT_MAX_CODE_POINTS,
} from './azure-content-safety-wire.js';

/** One text:shieldPrompt request, within Azure's limits. */
export interface ShieldCall {
  userPrompt?: string;
  documents: string[];
  /** For each document sent, the index in `ShieldInput.documents` of the document it is (a piece of). */
  owners: number[];
}

/**
 * Packs a shield question of any size into requests Azure accepts: a user prompt of at most 10,000 code points and
 * up to five documents of 10,000 code points in all per request. Longer texts are split; a text is an attack when
 * any of its pieces is. The prompt's pieces ride along with the first document batches, so a small question is one
 * request. Empty texts are not sent (they cannot attack). Both fields are optional in `ShieldPromptOptions`.
 */
export function planShieldCalls(input: ShieldInput): ShieldCall[] {
  const calls: ShieldCall[] = [];
  let current: ShieldCall = { documents: [], owners: [] };
  let currentLength = 0;
  input.documents.forEach((document, owner) => {
    if (document.trim() === '') return;
    for (const piece of splitText(document, SHIELD_DOCUMENTS_MAX_CODE_POINTS)) {
      const length = codePointLength(piece);
      if (
        current.documents.length === SHIELD_MAX_DOCUMENTS ||
        currentLength + length > SHIELD_DOCUMENTS_MAX_CODE_POINTS
      ) {
        calls.push(current);
        current = { documents: [], owners: [] };
        currentLength = 0;
      }
      current.documents.push(piece);
      current.owners.push(owner);
      currentLength += length;
    }
  });
  if (current.documents.length > 0) calls.push(current);

  const promptPieces = input.userPrompt.trim() === '' ? [] : splitText(input.userPrompt, SHIELD_PROMPT_MAX_CODE_POINTS);
  promptPieces.forEach((piece, index) => {
    const call = calls[index];
    if (call === undefined) calls.push({ userPrompt: piece, documents: [], owners: [] });
    else call.userPrompt = piece;
  });
  return calls;
}
