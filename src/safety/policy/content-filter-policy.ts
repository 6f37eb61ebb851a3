import type { HarmCategory, PiiKind } from '../../spec/index.js';

/**
 * The lowest severity that is filtered, as Azure's configurations name it: `low` filters low, medium and
 * high; `medium` filters medium and high; `high` filters high only; `off` annotates and never filters.
 */
export type Threshold = 'off' | 'low' | 'medium' | 'high';
export const THRESHOLDS: readonly Threshold[] = ['off', 'low', 'medium', 'high'];

export type CategoryThresholds = Record<HarmCategory, Threshold>;

/** What a shield does on a detected attack: nothing, annotate only, or refuse the request. */
export type ShieldAction = 'off' | 'annotate' | 'block';
export const SHIELD_ACTIONS: readonly ShieldAction[] = ['off', 'annotate', 'block'];

/** What happens to personal data of one kind: ignored, annotated, replaced by a placeholder, or refused. */
export type PiiAction = 'off' | 'annotate' | 'redact' | 'block';
export const PII_ACTIONS: readonly PiiAction[] = ['off', 'annotate', 'redact', 'block'];

export type PiiActions = Record<PiiKind, PiiAction>;

/** How texts are graded; blocklists and PII are always Hangar's own, whatever the analyzer. */
export type AnalyzerSpec =
  /** Term lists, normalisation and patterns in process: no model, no network. */
  | { type: 'builtin' }
  /**
   * Asks a deployment (a Llama Guard model on the local engine, or any vendor model) with the documented
   * classification prompt. `project` names the deployment's project; a project's own policy may omit it.
   */
  | { type: 'model'; deployment: string; project?: string }
  /** Azure AI Content Safety (text:analyze and text:shieldPrompt). The key is stored encrypted, never shown. */
  | { type: 'azure-content-safety'; endpoint: string; apiKey: string; apiVersion?: string };

export interface PromptFilterSettings {
  thresholds: CategoryThresholds;
  /** Direct attacks in the user's messages. */
  jailbreak: ShieldAction;
  /** Instructions hidden in tool results and documents. */
  indirectAttack: ShieldAction;
  /** Names of the project's blocklists; a match refuses the prompt. */
  blocklists: string[];
  pii: PiiActions;
}

export interface CompletionFilterSettings {
  thresholds: CategoryThresholds;
  /** Names of the project's blocklists; a match ends the choice with `content_filter`. */
  blocklists: string[];
  pii: PiiActions;
}

/** A named content-filter policy: platform-wide (`projectId` null) or a project's own. */
export interface ContentFilterPolicy {
  name: string;
  /** Null: a platform policy, usable by every project; otherwise only by its project's deployments. */
  projectId: string | null;
  description: string;
  analyzer: AnalyzerSpec;
  prompt: PromptFilterSettings;
  completion: CompletionFilterSettings;
}

/** A project's list of terms and regular expressions that are never let through. */
export interface Blocklist {
  projectId: string;
  name: string;
  description: string;
  items: BlocklistItem[];
}

export interface BlocklistItem {
  /** A term (matched as whole words, case- and obfuscation-insensitively) or a regular expression. */
  pattern: string;
  regex: boolean;
}
