import type { ContentFilterResults } from '../../spec/index.js';
import { anyFiltered } from '../../spec/index.js';
import type { PiiMatch } from '../pii/find-pii.js';
import type { ResolvedPolicy } from '../policy/resolved-policy.js';
import { analyzerError } from './analyzer-error.js';
import { inspectPii, watchedKinds } from './inspect-pii.js';
import { severityResults } from './severity-results.js';

export interface CompletionInspection {
  results: ContentFilterResults;
  /** The policy refuses what was found: the choice ends with `content_filter`. */
  blocked: boolean;
  /** Spans of `text` to replace with placeholders before it is released. */
  redactions: PiiMatch[];
}

/**
 * Grades generated text. `context` is text already released just before it (graded with it, so a phrase
 * split across two windows is still seen whole) and is not redacted again; offsets refer to `text`. Only
 * `text` up to `gradedEnd` is graded for categories and blocklists: a stream's window ends at a word's end, and
 * a fragment such as "Kys" of "Kysely" must not be judged as a word. Personal data is looked for in all of it.
 */
export async function inspectCompletion(
  text: string,
  resolved: ResolvedPolicy,
  context = '',
  signal?: AbortSignal,
  gradedEnd = text.length,
): Promise<CompletionInspection> {
  const settings = resolved.policy.completion;
  const window = gradedEnd >= text.length ? text : text.slice(0, gradedEnd);
  const graded = context === '' ? window : `${context}${window}`;
  const results: ContentFilterResults = {};
  try {
    Object.assign(results, severityResults(await resolved.analyzer.grade(graded, signal), settings.thresholds));
  } catch (error) {
    if (signal?.aborted === true) throw error;
    results.error = analyzerError(error);
  }
  if (resolved.completionBlocklists.names.length > 0) {
    const matched = resolved.completionBlocklists.match(graded);
    results.custom_blocklists = {
      filtered: matched.length > 0,
      details: matched.map((id) => ({ filtered: true, id })),
    };
  }
  const pii = inspectPii(text, settings.pii, watchedKinds(settings.pii));
  if (pii.result !== undefined) results.personally_identifiable_information = pii.result;
  return { results, blocked: anyFiltered(results), redactions: pii.redactions };
}
