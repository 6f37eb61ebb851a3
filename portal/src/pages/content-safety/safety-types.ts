/** Content-filter policies, blocklists and filter events as the admin API shows them (docs/content-safety.md). */

export const HARM_CATEGORIES = ['hate', 'sexual', 'violence', 'self_harm'] as const;
export type HarmCategory = (typeof HARM_CATEGORIES)[number];
export const CATEGORY_TITLES: Record<HarmCategory, string> = {
  hate: 'Hate',
  sexual: 'Sexual',
  violence: 'Violence',
  self_harm: 'Self-harm',
};

export const THRESHOLDS = ['off', 'low', 'medium', 'high'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

export const SHIELDS = ['jailbreak', 'indirect_attack'] as const;
export type Shield = (typeof SHIELDS)[number];
export const SHIELD_TITLES: Record<Shield, string> = {
  jailbreak: 'Jailbreak (direct attacks)',
  indirect_attack: 'Indirect attacks (documents, tools)',
};
export const SHIELD_ACTIONS = ['off', 'annotate', 'block'] as const;
export type ShieldAction = (typeof SHIELD_ACTIONS)[number];

export const PII_KINDS = ['email', 'phone', 'payment_card', 'iban', 'national_id', 'secret'] as const;
export type PiiKind = (typeof PII_KINDS)[number];
export const PII_TITLES: Record<PiiKind, string> = {
  email: 'Email addresses',
  phone: 'Phone numbers',
  payment_card: 'Payment cards',
  iban: 'IBANs',
  national_id: 'National ids',
  secret: 'Secrets (API keys, tokens)',
};
export const PII_ACTIONS = ['off', 'annotate', 'redact', 'block'] as const;
export type PiiAction = (typeof PII_ACTIONS)[number];

export type Thresholds = Record<HarmCategory, Threshold>;

export interface CompletionSettings extends Thresholds {
  blocklists: string[];
  pii: Record<PiiKind, PiiAction>;
}

export interface PromptSettings extends CompletionSettings {
  jailbreak: ShieldAction;
  indirect_attack: ShieldAction;
}

export type Analyzer =
  | { type: 'builtin' }
  | { type: 'model'; deployment: string; project?: string }
  | { type: 'azure-content-safety'; endpoint: string; api_version?: string; api_key_set?: boolean };

export interface Policy {
  name: string;
  scope: 'platform' | 'project';
  project?: string;
  description: string;
  built_in: boolean;
  analyzer: Analyzer;
  prompt: PromptSettings;
  completion: CompletionSettings;
  created_at: string | null;
  updated_at: string | null;
}

export interface BlocklistItem {
  pattern: string;
  regex: boolean;
}

export interface Blocklist {
  name: string;
  project: string;
  description: string;
  items: BlocklistItem[];
  created_at: string;
  updated_at: string;
}

export interface SeverityResult {
  filtered: boolean;
  severity: 'safe' | 'low' | 'medium' | 'high';
}
export interface DetectionResult {
  filtered: boolean;
  detected: boolean;
}

/** Azure's content_filter_results, with Hangar's personal-data result. */
export type FilterResults = Partial<Record<HarmCategory, SeverityResult>> &
  Partial<Record<Shield, DetectionResult>> & {
    custom_blocklists?: { filtered: boolean; details: { filtered: boolean; id: string }[] };
    personally_identifiable_information?: {
      filtered: boolean;
      detected: boolean;
      redacted: boolean;
      kinds: PiiKind[];
    };
    error?: { code: string; message: string };
  };

export interface FilterEvent {
  id: string;
  at: string;
  project: string;
  deployment: string;
  deployment_id?: string;
  request_id?: string;
  stage: 'prompt' | 'completion';
  action: 'blocked' | 'redacted' | 'annotated';
  policy: string;
  results: FilterResults;
}

/** A deployment as the content-safety page needs it. */
export interface DeploymentSummary {
  name: string;
  model: string;
  content_filter: string | null;
}

/** The policy a deployment gets when it names none. */
export const DEFAULT_POLICY = 'default';
