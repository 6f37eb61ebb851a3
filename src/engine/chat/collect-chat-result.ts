import { EMPTY_USAGE, GatewayError } from '../../spec/index.js';
import type { ChatChoice, ChatResult, ChatStreamEvent, FinishReason, ToolCall, Usage } from '../../spec/index.js';

interface ChoiceDraft {
  text: string;
  reasoning: string;
  refusal: string;
  toolCalls: Map<number, ToolCall>;
  finishReason: FinishReason | undefined;
}

/**
 * Folds a stream into the result of a non-streamed request. An `error` event is thrown as it is; a stream
 * that ends with a choice unfinished is an upstream failure too, since a complete answer always says why
 * it stopped.
 */
export async function collectChatResult(events: AsyncIterable<ChatStreamEvent>): Promise<ChatResult> {
  let metadata: Extract<ChatStreamEvent, { type: 'response-metadata' }> | undefined;
  let usage: Usage = EMPTY_USAGE;
  const drafts = new Map<number, ChoiceDraft>();
  const draft = (choice: number): ChoiceDraft => {
    let found = drafts.get(choice);
    if (found === undefined) {
      found = { text: '', reasoning: '', refusal: '', toolCalls: new Map(), finishReason: undefined };
      drafts.set(choice, found);
    }
    return found;
  };

  for await (const event of events) {
    switch (event.type) {
      case 'response-metadata':
        metadata = event;
        break;
      case 'text-delta':
        draft(event.choice).text += event.delta;
        break;
      case 'reasoning-delta':
        draft(event.choice).reasoning += event.delta;
        break;
      case 'refusal-delta':
        draft(event.choice).refusal += event.delta;
        break;
      case 'tool-call-start':
        draft(event.choice).toolCalls.set(event.toolIndex, { id: event.id, name: event.name, arguments: '' });
        break;
      case 'tool-call-delta': {
        const call = draft(event.choice).toolCalls.get(event.toolIndex);
        if (call !== undefined) call.arguments += event.argumentsDelta;
        break;
      }
      case 'logprobs':
      case 'prompt-filter':
      case 'content-filter':
        // The engine generates; Hangar's content filter annotates later, on the request path.
        break;
      case 'choice-finish':
        draft(event.choice).finishReason = event.finishReason;
        break;
      case 'usage':
        usage = event.usage;
        break;
      case 'error':
        throw event.error;
    }
  }

  const choices: ChatChoice[] = [...drafts.entries()]
    .sort(([left], [right]) => left - right)
    .map(([index, choice]) => {
      if (choice.finishReason === undefined) {
        throw new GatewayError('upstream_error', `The answer ended before choice ${index} was finished.`);
      }
      const toolCalls = [...choice.toolCalls.entries()].sort(([left], [right]) => left - right).map(([, call]) => call);
      return {
        index,
        content: choice.text !== '' || toolCalls.length === 0 ? choice.text : null,
        ...(choice.reasoning === '' ? {} : { reasoningContent: choice.reasoning }),
        ...(toolCalls.length === 0 ? {} : { toolCalls }),
        ...(choice.refusal === '' ? {} : { refusal: choice.refusal }),
        finishReason: choice.finishReason,
      };
    });
  if (choices.length === 0) throw new GatewayError('upstream_error', 'The answer ended without any choice.');
  return {
    id: metadata?.id ?? '',
    created: metadata?.created ?? Math.floor(Date.now() / 1000),
    upstreamModel: metadata?.upstreamModel ?? '',
    choices,
    usage,
    ...(metadata?.systemFingerprint === undefined ? {} : { systemFingerprint: metadata.systemFingerprint }),
  };
}
