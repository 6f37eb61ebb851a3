import type { Analyzer } from '../analyzers/analyzer.js';
import type { BlocklistMatcher } from '../blocklists/compile-blocklists.js';
import type { ContentFilterPolicy } from './content-filter-policy.js';

/** A policy ready for the request path: its analyzer built and the calling project's blocklists compiled. */
export interface ResolvedPolicy {
  policy: ContentFilterPolicy;
  analyzer: Analyzer;
  promptBlocklists: BlocklistMatcher;
  completionBlocklists: BlocklistMatcher;
  /** The deployment named a policy that no longer exists, so the default applies. */
  fallback: boolean;
}
