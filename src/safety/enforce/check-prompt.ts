import type { ChatMessage, ChatRequest, ContentFilterResults, ContentPart, PiiResult } from '../../spec/index.js';
import { anyFiltered } from '../../spec/index.js';
import type { ShieldVerdict } from '../analyzers/analyzer.js';
import { redactPii } from '../pii/find-pii.js';
import type { PiiActions, ShieldAction } from '../policy/content-filter-policy.js';
import type { ResolvedPolicy } from '../policy/resolved-policy.js';
import { inspectPii, mergePiiResults, watchedKinds } from './inspect-pii.js';
import { promptTexts } from './prompt-texts.js';
import { severityResults } from './severity-results.js';
import { analyzerError } from './analyzer-error.js';

export interface PromptVerdict {
  results: ContentFilterResults;
  /** Something the policy refuses was found: the request must not reach a backend. */
  blocked: boolean;
  /** The request to send on: the original, or a copy with personal data replaced by placeholders. */
  request: ChatRequest;
}

/**
 * Grades a prompt against its deployment's policy: the four categories over everything but the assistant's
 * earlier turns, the prompt shields over the user's messages and the tool results, the project's blocklists,
 * and personal data in every message. An analyzer that fails is annotated as `error` and does not refuse
 * the prompt, as Azure lets a prompt through when its filter is unavailable.
 */
export async function checkPrompt(
  request: ChatRequest,
  resolved: ResolvedPolicy,
  signal?: AbortSignal,
): Promise<PromptVerdict> {
  const settings = resolved.policy.prompt;
  const texts = promptTexts(request.messages);
  const results: ContentFilterResults = {};

  const shielding = settings.jailbreak !== 'off' || settings.indirectAttack !== 'off';
  try {
    const [severities, verdict] = await Promise.all([
      resolved.analyzer.grade(texts.graded, signal),
      shielding && (texts.user !== '' || texts.documents.length > 0)
        ? resolved.analyzer.shield({ userPrompt: texts.user, documents: texts.documents }, signal)
        : Promise.resolve<ShieldVerdict>({ jailbreak: false, indirectAttacks: [] }),
    ]);
    Object.assign(results, severityResults(severities, settings.thresholds));
    if (settings.jailbreak !== 'off') results.jailbreak = detection(verdict.jailbreak, settings.jailbreak);
    if (settings.indirectAttack !== 'off') {
      results.indirect_attack = detection(verdict.indirectAttacks.includes(true), settings.indirectAttack);
    }
  } catch (error) {
    if (signal?.aborted === true) throw error;
    results.error = analyzerError(error);
  }

  if (resolved.promptBlocklists.names.length > 0) {
    const matched = resolved.promptBlocklists.match(texts.graded);
    results.custom_blocklists = {
      filtered: matched.length > 0,
      details: matched.map((id) => ({ filtered: true, id })),
    };
  }

  const { messages, pii } = inspectMessages(request.messages, settings.pii);
  if (pii !== undefined) results.personally_identifiable_information = pii;
  const blocked = anyFiltered(results);
  return { results, blocked, request: messages === request.messages ? request : { ...request, messages } };
}

function detection(detected: boolean, action: ShieldAction): { filtered: boolean; detected: boolean } {
  return { filtered: detected && action === 'block', detected };
}

/** Every message's text, user's and assistant's alike, because all of it is sent to the vendor. */
function inspectMessages(
  messages: ChatMessage[],
  actions: PiiActions,
): { messages: ChatMessage[]; pii: PiiResult | undefined } {
  const kinds = watchedKinds(actions);
  if (kinds.size === 0) return { messages, pii: undefined };
  const found: (PiiResult | undefined)[] = [];
  let changed = false;
  const redactText = (text: string): string => {
    const inspection = inspectPii(text, actions, kinds);
    found.push(inspection.result);
    if (inspection.redactions.length === 0) return text;
    changed = true;
    return redactPii(text, inspection.redactions);
  };
  const redactContent = <T extends string | ContentPart[] | null>(content: T): T => {
    if (content === null) return content;
    if (typeof content === 'string') return redactText(content) as T;
    return content.map((part) => (part.type === 'text' ? { ...part, text: redactText(part.text) } : part)) as T;
  };
  const redacted = messages.map((message): ChatMessage => {
    switch (message.role) {
      case 'assistant':
        return { ...message, content: redactContent(message.content) };
      case 'tool':
        return { ...message, content: redactContent(message.content) };
      default:
        return { ...message, content: redactContent(message.content) };
    }
  });
  return { messages: changed ? redacted : messages, pii: mergePiiResults(found) };
}
