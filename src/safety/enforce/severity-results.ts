import { HARM_CATEGORIES, SEVERITIES, type ContentFilterResults, type Severity } from '../../spec/index.js';
import type { CategorySeverities } from '../analyzers/analyzer.js';
import type { CategoryThresholds, Threshold } from '../policy/content-filter-policy.js';

/** A severity at or above the threshold is filtered; `off` only annotates. */
export function isFiltered(severity: Severity, threshold: Threshold): boolean {
  if (threshold === 'off') return false;
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

/** The four category annotations, each with the verdict of its threshold. */
export function severityResults(
  severities: CategorySeverities,
  thresholds: CategoryThresholds,
): Pick<ContentFilterResults, 'hate' | 'sexual' | 'violence' | 'self_harm'> {
  const results: Pick<ContentFilterResults, 'hate' | 'sexual' | 'violence' | 'self_harm'> = {};
  for (const category of HARM_CATEGORIES) {
    const severity = severities[category];
    results[category] = { filtered: isFiltered(severity, thresholds[category]), severity };
  }
  return results;
}

/** What Azure reports for a category it could not grade: every category safe, never filtered. */
export const UNGRADED: CategorySeverities = { hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' };
