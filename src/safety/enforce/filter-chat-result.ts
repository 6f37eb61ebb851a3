import type { ChatChoice, ChatResult } from '../../spec/index.js';
import { redactPii } from '../pii/find-pii.js';
import type { ResolvedPolicy } from '../policy/resolved-policy.js';
import { inspectCompletion } from './inspect-completion.js';

export interface FilteredChatResult {
  result: ChatResult;
  /** Some choice was ended by the filter. */
  filtered: boolean;
}

/**
 * Grades each choice of a whole answer. A refused choice keeps no text and finishes with `content_filter`,
 * as Azure answers; personal data the policy redacts is replaced in the text that is kept.
 */
export async function filterChatResult(
  result: ChatResult,
  resolved: ResolvedPolicy,
  signal?: AbortSignal,
): Promise<FilteredChatResult> {
  let filtered = false;
  const choices = await Promise.all(
    result.choices.map(async (choice): Promise<ChatChoice> => {
      const reasoning = choice.reasoningContent ?? '';
      const content = choice.content ?? '';
      const separator = reasoning !== '' && content !== '' ? '\n' : '';
      const text = `${reasoning}${separator}${content}`;
      if (text === '') return choice;
      const inspection = await inspectCompletion(text, resolved, '', signal);
      if (inspection.blocked) {
        filtered = true;
        const { reasoningContent: _reasoning, ...kept } = choice;
        return {
          ...kept,
          content: null,
          finishReason: { unified: 'content_filter', raw: 'content_filter' },
          contentFilterResults: inspection.results,
        };
      }
      const redacted: ChatChoice = { ...choice, contentFilterResults: inspection.results };
      if (inspection.redactions.length > 0) {
        const offset = reasoning.length + separator.length;
        if (reasoning !== '')
          redacted.reasoningContent = redactPii(reasoning, clip(inspection.redactions, 0, reasoning.length));
        if (choice.content !== null) {
          redacted.content = redactPii(content, clip(inspection.redactions, offset, text.length));
        }
      }
      return redacted;
    }),
  );
  return { result: { ...result, choices }, filtered };
}

/** The matches inside [from, to), moved to start at 0. */
function clip<T extends { start: number; end: number }>(matches: readonly T[], from: number, to: number): T[] {
  const clipped: T[] = [];
  for (const match of matches) {
    if (match.end <= from || match.start >= to) continue;
    clipped.push({ ...match, start: Math.max(match.start, from) - from, end: Math.min(match.end, to) - from });
  }
  return clipped;
}
