import type { PiiKind, PiiResult } from '../../spec/index.js';
import { findPii, type PiiMatch } from '../pii/find-pii.js';
import type { PiiActions } from '../policy/content-filter-policy.js';

export interface PiiInspection {
  /** Absent when the policy looks for no kind of personal data. */
  result: PiiResult | undefined;
  /** Spans to replace with placeholders: the matches whose kind's action is `redact`. */
  redactions: PiiMatch[];
}

/** The kinds a policy looks for at all; computed per call, as policies are small and change at run time. */
export function watchedKinds(actions: PiiActions): Set<PiiKind> {
  const kinds = new Set<PiiKind>();
  for (const [kind, action] of Object.entries(actions) as [PiiKind, PiiActions[PiiKind]][]) {
    if (action !== 'off') kinds.add(kind);
  }
  return kinds;
}

/** Finds the personal data the policy watches for and decides per kind: annotate, redact or refuse. */
export function inspectPii(text: string, actions: PiiActions, kinds: ReadonlySet<PiiKind>): PiiInspection {
  if (kinds.size === 0) return { result: undefined, redactions: [] };
  const matches = text === '' ? [] : findPii(text, kinds);
  const found = new Set<PiiKind>();
  const redactions: PiiMatch[] = [];
  let filtered = false;
  for (const match of matches) {
    found.add(match.kind);
    const action = actions[match.kind];
    if (action === 'block') filtered = true;
    else if (action === 'redact') redactions.push(match);
  }
  return {
    result: {
      filtered,
      detected: found.size > 0,
      redacted: !filtered && redactions.length > 0,
      kinds: [...found].sort(),
    },
    redactions,
  };
}

/** Joins the annotations of several texts (the messages of one prompt) into one. */
export function mergePiiResults(results: readonly (PiiResult | undefined)[]): PiiResult | undefined {
  let merged: PiiResult | undefined;
  for (const result of results) {
    if (result === undefined) continue;
    if (merged === undefined) {
      merged = { ...result, kinds: [...result.kinds] };
      continue;
    }
    merged.filtered ||= result.filtered;
    merged.detected ||= result.detected;
    merged.redacted ||= result.redacted;
    merged.kinds = [...new Set([...merged.kinds, ...result.kinds])].sort();
  }
  if (merged?.filtered === true) merged.redacted = false;
  return merged;
}
