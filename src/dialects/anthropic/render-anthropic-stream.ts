import { encodeSseEvent } from '../../kit/index.js';
import type { ChatStreamEvent, JsonObject, Usage } from '../../spec/index.js';
import { EMPTY_USAGE } from '../../spec/index.js';
import type { RenderContext } from '../dialect.js';
import { renderAnthropicStreamError } from './anthropic-error-envelope.js';
import { anthropicMessageId, renderAnthropicStopReason, renderAnthropicUsage } from './render-anthropic-stop-reason.js';

type BlockKind = 'text' | 'thinking' | 'tool_use';

interface OpenBlock {
  index: number;
  kind: BlockKind;
  /** The canonical tool index a tool_use block belongs to. */
  toolIndex?: number;
}

/**
 * Canonical events as Messages API stream events: message_start, then content blocks (a new one
 * whenever the kind changes or a new tool call starts, each closed before the next opens), then
 * message_delta with the stop reason and usage, then message_stop. Only choice 0 is rendered.
 */
export async function* renderAnthropicStream(
  events: AsyncIterable<ChatStreamEvent>,
  context: RenderContext,
): AsyncGenerator<string> {
  let id = anthropicMessageId('', context.requestId);
  let model = context.request.model;
  let started = false;
  let openBlock: OpenBlock | undefined;
  let nextIndex = 0;
  let stopReason: string | undefined;
  let usage: Usage | undefined;
  let deltaSent = false;

  const emit = (body: JsonObject): string => encodeSseEvent(body.type as string, JSON.stringify(body));
  function* start(): Generator<string> {
    if (started) return;
    started = true;
    const empty = renderAnthropicUsage(EMPTY_USAGE);
    yield emit({
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: empty,
      },
    });
  }
  function* closeBlock(): Generator<string> {
    if (openBlock === undefined) return;
    yield emit({ type: 'content_block_stop', index: openBlock.index });
    openBlock = undefined;
  }
  function* openNewBlock(kind: BlockKind, contentBlock: JsonObject, toolIndex?: number): Generator<string> {
    yield* start();
    yield* closeBlock();
    openBlock = { index: nextIndex, kind, toolIndex };
    nextIndex += 1;
    yield emit({ type: 'content_block_start', index: openBlock.index, content_block: contentBlock });
  }
  function* ensureBlock(kind: 'text' | 'thinking'): Generator<string> {
    if (openBlock?.kind === kind) return;
    yield* openNewBlock(
      kind,
      kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' },
    );
  }
  function* messageDelta(): Generator<string> {
    deltaSent = true;
    yield emit({
      type: 'message_delta',
      delta: { stop_reason: stopReason ?? 'end_turn', stop_sequence: null },
      usage: renderAnthropicUsage(usage ?? EMPTY_USAGE),
    });
  }

  for await (const event of events) {
    if ('choice' in event && event.choice !== 0) continue;
    switch (event.type) {
      case 'response-metadata':
        id = anthropicMessageId(event.id, context.requestId);
        if (event.upstreamModel !== '') model = event.upstreamModel;
        yield* start();
        break;
      case 'text-delta':
      case 'refusal-delta':
        yield* ensureBlock('text');
        yield emit({
          type: 'content_block_delta',
          index: nextIndex - 1,
          delta: { type: 'text_delta', text: event.delta },
        });
        break;
      case 'reasoning-delta':
        yield* ensureBlock('thinking');
        yield emit({
          type: 'content_block_delta',
          index: nextIndex - 1,
          delta: { type: 'thinking_delta', thinking: event.delta },
        });
        break;
      case 'tool-call-start':
        yield* openNewBlock(
          'tool_use',
          { type: 'tool_use', id: event.id, name: event.name, input: {} },
          event.toolIndex,
        );
        break;
      case 'tool-call-delta':
        // A closed block cannot be reopened; upstreams stream one tool call at a time.
        if (openBlock?.kind !== 'tool_use' || openBlock.toolIndex !== event.toolIndex) break;
        yield emit({
          type: 'content_block_delta',
          index: openBlock.index,
          delta: { type: 'input_json_delta', partial_json: event.argumentsDelta },
        });
        break;
      case 'logprobs':
      case 'prompt-filter':
      case 'content-filter':
        // Anthropic's Messages API has no annotations; a refusal shows as stop_reason `refusal`.
        break;
      case 'choice-finish':
        yield* start();
        yield* closeBlock();
        stopReason = renderAnthropicStopReason(event.finishReason);
        break;
      case 'usage':
        usage = event.usage;
        if (stopReason !== undefined) yield* messageDelta();
        break;
      case 'error':
        yield renderAnthropicStreamError(event.error);
        return;
    }
  }
  yield* start();
  yield* closeBlock();
  if (!deltaSent) yield* messageDelta();
  yield emit({ type: 'message_stop' });
}
