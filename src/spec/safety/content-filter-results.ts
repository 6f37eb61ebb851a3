/**
 * Content-filter annotations in Azure's wire shape (inference.json 2024-10-21, "content filter annotations").
 * The keys keep Azure's snake_case on purpose: the three OpenAI-shaped dialects send this object as it is, and
 * Azure's SDKs and tools (Semantic Kernel, LiteLLM, pydantic-ai) read it by those names.
 */
export type Severity = 'safe' | 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['safe', 'low', 'medium', 'high'];

/** The four harm categories Azure grades by severity. */
export const HARM_CATEGORIES = ['hate', 'sexual', 'violence', 'self_harm'] as const;
export type HarmCategory = (typeof HARM_CATEGORIES)[number];

export interface SeverityResult {
  filtered: boolean;
  severity: Severity;
}

export interface DetectionResult {
  filtered: boolean;
  detected: boolean;
}

/** `custom_blocklists`: one detail per blocklist that matched, `id` being the blocklist's name. */
export interface BlocklistResults {
  filtered: boolean;
  details: { filtered: boolean; id: string }[];
}

export const PII_KINDS = ['email', 'phone', 'payment_card', 'iban', 'national_id', 'secret'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * Hangar's extension, in the style of Azure's detection results: which kinds of personal data were found,
 * and whether the text was redacted (and sent on) or filtered (refused).
 */
export interface PiiResult {
  filtered: boolean;
  detected: boolean;
  redacted: boolean;
  kinds: PiiKind[];
}

/** Annotations of one piece of text: the prompt, or one choice of the completion. */
export interface ContentFilterResults {
  hate?: SeverityResult;
  sexual?: SeverityResult;
  violence?: SeverityResult;
  self_harm?: SeverityResult;
  /** Prompt only: a direct attack in the user's own messages (Azure's prompt shield for user prompts). */
  jailbreak?: DetectionResult;
  /** Prompt only: instructions hidden in documents and tool results (Azure's prompt shield for documents). */
  indirect_attack?: DetectionResult;
  custom_blocklists?: BlocklistResults;
  personally_identifiable_information?: PiiResult;
  /** The analyzer failed; Azure reports this instead of failing the request. */
  error?: { code: string; message: string };
}

/** `prompt_filter_results[]`: chat completions have one prompt, index 0. */
export interface PromptFilterResult {
  promptIndex: number;
  results: ContentFilterResults;
}

/** Where in a choice's text an annotation-only chunk's verdict applies (Azure's `content_filter_offsets`). */
export interface ContentFilterOffsets {
  checkOffset: number;
  startOffset: number;
  endOffset: number;
}

/** True when any part of the results says `filtered`. */
export function anyFiltered(results: ContentFilterResults): boolean {
  for (const value of Object.values(results) as unknown[]) {
    if (typeof value === 'object' && value !== null && (value as { filtered?: unknown }).filtered === true) {
      return true;
    }
  }
  return false;
}
