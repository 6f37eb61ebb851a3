export type { Analyzer, CategorySeverities, ShieldInput, ShieldVerdict } from './analyzers/analyzer.js';
export type {
  AnalyzerSpec,
  Blocklist,
  BlocklistItem,
  ContentFilterPolicy,
  PiiAction,
  ShieldAction,
  Threshold,
} from './policy/content-filter-policy.js';
export type { ResolvedPolicy } from './policy/resolved-policy.js';
export { checkPrompt, type PromptVerdict } from './enforce/check-prompt.js';
export { filterChatResult, type FilteredChatResult } from './enforce/filter-chat-result.js';
export { filterChatStream, type StreamFilterState, type StreamWindowOptions } from './enforce/filter-chat-stream.js';
export type { ContentFilterEvent } from './service/content-filter-event-writer.js';
export { builtInDefaultPolicy, DEFAULT_POLICY_NAME } from './policy/default-policy.js';
export {
  createSafetyService,
  MAXIMUM_EVENT_LISTING,
  type EventListing,
  type SafetyChangeNotices,
  type SafetyService,
  type SafetyServiceOptions,
} from './service/safety-service.js';
export type { AnalyzerFactory } from './service/policy-resolver.js';
export type { StoredContentFilterEvent } from './service/content-filter-event-view.js';
export type { DeclaredBlocklistInput, DeclaredPolicyInput, DeclaredSafety } from './service/apply-declared-safety.js';
export type { BlocklistAdmin } from './service/blocklist-admin.js';
export type { PolicyAdmin } from './service/policy-admin.js';
export { createBuiltinAnalyzer } from './analyzers/builtin/builtin-analyzer.js';
export { createModelAnalyzer, type ClassificationCall, type Classify } from './analyzers/model/model-analyzer.js';
export { createAzureContentSafetyAnalyzer } from './analyzers/azure/azure-content-safety-analyzer.js';
export { completionCanAct } from './policy/completion-can-act.js';
