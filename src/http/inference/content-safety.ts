import {
  checkPrompt,
  completionCanAct,
  filterChatResult,
  filterChatStream,
  type ContentFilterEvent,
  type ResolvedPolicy,
  type StreamFilterState,
} from '../../safety/index.js';
import {
  GatewayError,
  HARM_CATEGORIES,
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  type ContentFilterResults,
  type PromptFilterResult,
} from '../../spec/index.js';
import type { StartedCall } from './start-call.js';

/** What the request path needs of content safety; the safety service provides it (start-safety.ts). */
export interface ContentSafety {
  /** The deployment's policy, from memory: its own name, or the default when it names none. */
  policyFor(projectId: string, policyName: string | null): ResolvedPolicy;
  /** Notes a refused, redacted or flagged request for the admin API; never waits, never throws. */
  recordEvent(event: ContentFilterEvent): void;
  /** How generated text is held and graded while it streams. */
  streamWindow: { windowChars: number; maxDelayMs: number };
}

/** A prompt that passed: what to send on (maybe redacted) and the annotations the answer carries. */
export interface ScreenedPrompt {
  request: ChatRequest;
  resolved: ResolvedPolicy;
  promptFilterResults: PromptFilterResult[];
}

/** The annotations of a refused prompt, thrown as the 400 each dialect renders in its own envelope. */
export class PromptFiltered extends GatewayError {
  constructor(policyName: string, results: ContentFilterResults) {
    super(
      'content_filter',
      `The response was filtered due to the prompt triggering Hangar's content management policy '${policyName}' ` +
        `(${describeFiltered(results)}). Please modify your prompt and retry.`,
      { param: 'prompt', contentFilter: results },
    );
  }
}

/** Grades the prompt; returns null when the policy refuses it (the caller bills it and answers 400). */
export async function screenPrompt(
  safety: ContentSafety,
  call: StartedCall,
  request: ChatRequest,
): Promise<{ passed: ScreenedPrompt } | { refused: PromptFiltered }> {
  const deployment = call.deployment;
  const resolved = safety.policyFor(deployment.projectId, deployment.contentFilter);
  const verdict = await checkPrompt(request, resolved, call.context.signal);
  const promptFilterResults = [{ promptIndex: 0, results: verdict.results }];
  const event = (action: ContentFilterEvent['action']): void =>
    safety.recordEvent({
      projectId: deployment.projectId,
      deploymentId: deployment.id,
      deploymentName: deployment.name,
      requestId: call.context.requestId,
      stage: 'prompt',
      action,
      policyName: resolved.policy.name,
      results: verdict.results,
    });
  if (verdict.blocked) {
    event('blocked');
    return { refused: new PromptFiltered(resolved.policy.name, verdict.results) };
  }
  if (verdict.results.personally_identifiable_information?.redacted === true) event('redacted');
  else if (flagged(verdict.results)) event('annotated');
  return { passed: { request: verdict.request, resolved, promptFilterResults } };
}

/** Grades a whole answer's choices and records what the filter did. */
export async function screenResult(
  safety: ContentSafety,
  call: StartedCall,
  screened: ScreenedPrompt,
  result: ChatResult,
): Promise<{ result: ChatResult; filtered: boolean }> {
  const filtered = await filterChatResult(result, screened.resolved, call.context.signal);
  const withPrompt = { ...filtered.result, promptFilterResults: screened.promptFilterResults };
  for (const choice of withPrompt.choices) {
    const results = choice.contentFilterResults;
    if (results === undefined) continue;
    const action =
      choice.finishReason.unified === 'content_filter' && filtered.filtered ? 'blocked' : actionOf(results);
    if (action !== undefined) recordCompletionEvent(safety, call, screened, results, action);
  }
  return { result: withPrompt, filtered: filtered.filtered };
}

/** The stream as the client sees it: the prompt's verdict first, then the output released window by window. */
export async function* screenStream(
  safety: ContentSafety,
  call: StartedCall,
  screened: ScreenedPrompt,
  events: AsyncIterable<ChatStreamEvent>,
  state: StreamFilterState,
): AsyncGenerator<ChatStreamEvent> {
  yield { type: 'prompt-filter', results: screened.promptFilterResults };
  if (!completionCanAct(screened.resolved.policy.completion)) {
    yield* events;
    return;
  }
  const filtered = filterChatStream(
    events,
    screened.resolved,
    {
      ...safety.streamWindow,
      choices: screened.request.n ?? 1,
      onAllChoicesCut: call.cancelUpstream,
      signal: call.context.signal,
    },
    state,
  );
  for await (const event of filtered) {
    if (event.type === 'choice-finish' && event.contentFilterResults !== undefined) {
      recordCompletionEvent(safety, call, screened, event.contentFilterResults, 'blocked');
    } else if (event.type === 'content-filter' && !state.redactionRecorded) {
      const action = actionOf(event.results);
      if (action === 'redacted') state.redactionRecorded = true;
      if (action !== undefined) recordCompletionEvent(safety, call, screened, event.results, action);
    }
    yield event;
  }
}

function recordCompletionEvent(
  safety: ContentSafety,
  call: StartedCall,
  screened: ScreenedPrompt,
  results: ContentFilterResults,
  action: ContentFilterEvent['action'],
): void {
  const deployment = call.deployment;
  safety.recordEvent({
    projectId: deployment.projectId,
    deploymentId: deployment.id,
    deploymentName: deployment.name,
    requestId: call.context.requestId,
    stage: 'completion',
    action,
    policyName: screened.resolved.policy.name,
    results,
  });
}

/** What a passing text's annotations are worth recording: a redaction, or something found but let through. */
function actionOf(results: ContentFilterResults): ContentFilterEvent['action'] | undefined {
  if (results.personally_identifiable_information?.redacted === true) return 'redacted';
  return flagged(results) ? 'annotated' : undefined;
}

/** Something above `safe` was found, or a shield or blocklist fired, though the policy let it pass. */
function flagged(results: ContentFilterResults): boolean {
  for (const category of HARM_CATEGORIES) {
    const severity = results[category]?.severity;
    if (severity !== undefined && severity !== 'safe') return true;
  }
  return (
    results.jailbreak?.detected === true ||
    results.indirect_attack?.detected === true ||
    results.personally_identifiable_information?.detected === true ||
    results.error !== undefined
  );
}

/** "self_harm: medium, jailbreak": the parts of the results that refused the prompt. */
function describeFiltered(results: ContentFilterResults): string {
  const parts: string[] = [];
  for (const category of HARM_CATEGORIES) {
    const result = results[category];
    if (result?.filtered === true) parts.push(`${category}: ${result.severity}`);
  }
  if (results.jailbreak?.filtered === true) parts.push('jailbreak');
  if (results.indirect_attack?.filtered === true) parts.push('indirect attack');
  const blocklists = results.custom_blocklists;
  if (blocklists?.filtered === true) {
    parts.push(`blocklist ${blocklists.details.map((detail) => `'${detail.id}'`).join(', ')}`);
  }
  const pii = results.personally_identifiable_information;
  if (pii?.filtered === true) parts.push(`personal data: ${pii.kinds.join(', ')}`);
  return parts.length === 0 ? 'filtered' : parts.join('; ');
}
