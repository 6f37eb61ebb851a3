import { GatewayError, HARM_CATEGORIES } from '../../../spec/index.js';
import type { JsonValue } from '../../../spec/index.js';
import type { Analyzer, CategorySeverities, ShieldInput, ShieldVerdict } from '../analyzer.js';
import { ANALYZER_CONCURRENCY, allSafe, gradeInChunks, mapConcurrently } from '../grade-in-chunks.js';
import {
  ANALYZE_TEXT_MAX_CODE_POINTS,
  AZURE_CONTENT_SAFETY_API_VERSION,
  AZURE_TEXT_CATEGORIES,
  analyzeTextResultSchema,
  severityFromAzure,
  shieldPromptResultSchema,
} from './azure-content-safety-wire.js';
import type { AnalyzeTextRequest, ShieldPromptRequest } from './azure-content-safety-wire.js';
import { CONTENT_SAFETY_PROVIDER_ID, callContentSafety } from './call-content-safety.js';
import type { ContentSafetyConnection } from './call-content-safety.js';
import { planShieldCalls } from './plan-shield-calls.js';

export interface AzureContentSafetyAnalyzerOptions {
  /** The resource's endpoint, `https://<resource>.cognitiveservices.azure.com`. */
  endpoint: string;
  apiKey: string;
  /** Default `2024-09-01`, the GA version with Prompt Shields. */
  apiVersion?: string;
  /** Per request; default 10 s. A text cut into pieces makes several requests, a few at a time. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Grades with Azure AI Content Safety: text:analyze for the four categories (FourSeverityLevels, texts over
 * 10,000 code points in pieces, the worst severity kept) and text:shieldPrompt for the shields. Blocklists are
 * Hangar's own whatever the analyzer, so none is sent.
 */
export function createAzureContentSafetyAnalyzer(options: AzureContentSafetyAnalyzerOptions): Analyzer {
  const connection: ContentSafetyConnection = {
    endpoint: normaliseEndpoint(options.endpoint),
    apiKey: options.apiKey,
    apiVersion: options.apiVersion ?? AZURE_CONTENT_SAFETY_API_VERSION,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  return {
    kind: 'azure-content-safety',
    grade(text: string, signal?: AbortSignal): Promise<CategorySeverities> {
      return gradeInChunks(text, ANALYZE_TEXT_MAX_CODE_POINTS, (piece) => analyzeText(connection, piece, signal));
    },
    shield(input: ShieldInput, signal?: AbortSignal): Promise<ShieldVerdict> {
      return shieldPrompt(connection, input, signal);
    },
  };
}

async function analyzeText(
  connection: ContentSafetyConnection,
  text: string,
  signal: AbortSignal | undefined,
): Promise<CategorySeverities> {
  const body: AnalyzeTextRequest = {
    text,
    categories: HARM_CATEGORIES.map((category) => AZURE_TEXT_CATEGORIES[category]),
    outputType: 'FourSeverityLevels',
  };
  const answer = readAnswer(analyzeTextResultSchema, await callContentSafety(connection, 'text:analyze', body, signal));
  const severities = allSafe();
  for (const category of HARM_CATEGORIES) {
    const analysis = answer.categoriesAnalysis.find((entry) => entry.category === AZURE_TEXT_CATEGORIES[category]);
    severities[category] = severityFromAzure(analysis?.severity);
  }
  return severities;
}

async function shieldPrompt(
  connection: ContentSafetyConnection,
  input: ShieldInput,
  signal: AbortSignal | undefined,
): Promise<ShieldVerdict> {
  const calls = planShieldCalls(input);
  const answers = await mapConcurrently(calls, ANALYZER_CONCURRENCY, async (call) => {
    const body: ShieldPromptRequest = {};
    if (call.userPrompt !== undefined) body.userPrompt = call.userPrompt;
    if (call.documents.length > 0) body.documents = call.documents;
    const answer = readAnswer(
      shieldPromptResultSchema,
      await callContentSafety(connection, 'text:shieldPrompt', body, signal),
    );
    const documents = answer.documentsAnalysis ?? [];
    if (documents.length !== call.documents.length) {
      throw unreadable(`analysed ${documents.length} documents of the ${call.documents.length} sent`);
    }
    return { jailbreak: answer.userPromptAnalysis?.attackDetected === true, documents };
  });
  const indirectAttacks = input.documents.map(() => false);
  calls.forEach((call, index) => {
    answers[index]?.documents.forEach((analysis, position) => {
      const owner = call.owners[position];
      if (analysis.attackDetected && owner !== undefined) indirectAttacks[owner] = true;
    });
  });
  return { jailbreak: answers.some((answer) => answer.jailbreak), indirectAttacks };
}

function readAnswer<Answer>(
  schema: { safeParse(value: unknown): { success: true; data: Answer } | { success: false } },
  value: JsonValue,
): Answer {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw unreadable('answered with a body Hangar cannot read');
  return parsed.data;
}

function unreadable(what: string): GatewayError {
  return new GatewayError('upstream_error', `Azure AI Content Safety ${what}.`, {
    upstream: { providerId: CONTENT_SAFETY_PROVIDER_ID },
  });
}

/** Accepts the endpoint as the portal shows it (with a trailing slash) and refuses one that is not a URL. */
function normaliseEndpoint(endpoint: string): string {
  try {
    new URL(endpoint);
  } catch {
    throw new GatewayError('invalid_request', 'The Azure AI Content Safety endpoint must be a URL.', {
      param: 'endpoint',
    });
  }
  return endpoint.replace(/\/+$/u, '');
}
