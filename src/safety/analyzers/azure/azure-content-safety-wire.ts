import { z } from 'zod';
import type { HarmCategory, Severity } from '../../../spec/index.js';

/*
 * Azure AI Content Safety's text API, only the fields Hangar sends or reads. Checked against:
 * - the REST contract of api-version 2024-09-01 (text:analyze, text:shieldPrompt, the Azure.Core error body, the
 *   10,000-code-point limits): https://github.com/Azure/azure-rest-api-specs/blob/main/specification/cognitiveservices/data-plane/ContentSafety/stable/2024-09-01/contentsafety.json
 * - input limits (analyze: 10K characters, split longer texts; shield: a prompt of 10K characters and up to five
 *   documents of 10K characters in all): https://learn.microsoft.com/azure/ai-services/content-safety/overview#input-requirements
 * - https://learn.microsoft.com/azure/ai-services/content-safety/quickstart-text (request body, `Ocp-Apim-Subscription-Key`)
 * - https://learn.microsoft.com/azure/ai-services/content-safety/quickstart-jailbreak (shieldPrompt bodies)
 * - error codes (InvalidRequestBody, TooManyRequests, ServerBusy, …):
 *   https://learn.microsoft.com/azure/ai-services/content-safety/concepts/response-codes
 */

export const AZURE_CONTENT_SAFETY_API_VERSION = '2024-09-01';

/** `AnalyzeTextOptions.text`: at most 10,000 Unicode code points per request. */
export const ANALYZE_TEXT_MAX_CODE_POINTS = 10_000;
/** `ShieldPromptOptions.userPrompt`: at most 10,000 code points. */
export const SHIELD_PROMPT_MAX_CODE_POINTS = 10_000;
/** Prompt Shields: up to five documents per request… */
export const SHIELD_MAX_DOCUMENTS = 5;
/** …of 10,000 characters in all. */
export const SHIELD_DOCUMENTS_MAX_CODE_POINTS = 10_000;

/** Azure's `TextCategory` names for Hangar's categories. */
export const AZURE_TEXT_CATEGORIES = {
  hate: 'Hate',
  sexual: 'Sexual',
  violence: 'Violence',
  self_harm: 'SelfHarm',
} as const satisfies Record<HarmCategory, string>;

export interface AnalyzeTextRequest {
  text: string;
  categories: string[];
  outputType: 'FourSeverityLevels';
}

export interface ShieldPromptRequest {
  userPrompt?: string;
  documents?: string[];
}

export const analyzeTextResultSchema = z.object({
  categoriesAnalysis: z.array(z.object({ category: z.string(), severity: z.number().nullish() })),
});

const attackAnalysisSchema = z.object({ attackDetected: z.boolean() });

export const shieldPromptResultSchema = z.object({
  userPromptAnalysis: attackAnalysisSchema.nullish(),
  documentsAnalysis: z.array(attackAnalysisSchema).nullish(),
});

/** `Azure.Core.Foundations.ErrorResponse`; the 401 from the gateway in front of the service has the same shape. */
export const azureErrorBodySchema = z.object({
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }),
});

/**
 * FourSeverityLevels answers 0, 2, 4 or 6: safe, low, medium, high. Odd levels (EightSeverityLevels, should a
 * resource answer with them) fall to the level below, as Azure's own eight-to-four mapping does; an absent
 * severity (the field is optional) is safe.
 */
export function severityFromAzure(level: number | null | undefined): Severity {
  if (level === null || level === undefined || level < 2) return 'safe';
  if (level < 4) return 'low';
  if (level < 6) return 'medium';
  return 'high';
}
