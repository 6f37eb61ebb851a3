import { connectionError, safeParseJson } from '../../kit/index.js';
import type { SseEvent } from '../../kit/index.js';
import type { ChatStreamEvent, ErrorCode, FinishReason, JsonObject } from '../../spec/index.js';
import { generateToolCallId } from '../../kit/index.js';
import { truncatedStreamError, upstreamStreamError } from '../shared/index.js';
import { anthropicStreamEventSchema } from './anthropic-wire.js';
import type { AnthropicStreamEvent } from './anthropic-wire.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

export interface MapAnthropicStreamOptions {
  providerId: string;
  /** Reported when the upstream does not name the model it ran. */
  model: string;
  signal: AbortSignal;
  secrets: readonly string[];
}

/** Mid-stream `event: error` types with a better home in the error table than a plain 502. */
const STREAM_ERROR_CODES: Record<string, ErrorCode> = {
  overloaded_error: 'upstream_unavailable',
  rate_limit_error: 'upstream_rate_limited',
  timeout_error: 'upstream_timeout',
};

/**
 * Anthropic's named events as canonical events, for one choice. Usage arrives in pieces: message_start
 * has the prompt side, message_delta the cumulative output count, so later values replace earlier ones.
 * https://docs.anthropic.com/en/api/messages-streaming
 */
export async function* mapAnthropicStream(
  events: AsyncIterable<SseEvent>,
  options: MapAnthropicStreamOptions,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  let usage: JsonObject = {};
  let finishReason: FinishReason = { unified: 'other', raw: null };
  let nextToolIndex = 0;
  // Content block index → tool index, for the input_json_delta fragments that follow a tool_use start.
  const toolIndexByBlock = new Map<number, number>();

  function* mapEvent(name: string, data: AnthropicStreamEvent): Generator<ChatStreamEvent> {
    switch (name) {
      case 'message_start': {
        const message = data.message;
        if (message?.usage) usage = { ...message.usage };
        yield {
          type: 'response-metadata',
          id: message?.id ?? '',
          created: Math.floor(Date.now() / 1000),
          upstreamModel: message?.model || options.model,
        };
        return;
      }
      case 'content_block_start': {
        const block = data.content_block;
        if (block?.type === 'tool_use') {
          const toolIndex = nextToolIndex++;
          toolIndexByBlock.set(data.index ?? -1, toolIndex);
          yield {
            type: 'tool-call-start',
            choice: 0,
            toolIndex,
            id: block.id ?? generateToolCallId(),
            name: block.name ?? '',
          };
        } else if (block?.type === 'text' && block.text) {
          yield { type: 'text-delta', choice: 0, delta: block.text };
        } else if (block?.type === 'thinking' && block.thinking) {
          yield { type: 'reasoning-delta', choice: 0, delta: block.thinking };
        }
        return;
      }
      case 'content_block_delta': {
        const delta = data.delta;
        if (delta?.type === 'text_delta' && delta.text) yield { type: 'text-delta', choice: 0, delta: delta.text };
        else if (delta?.type === 'thinking_delta' && delta.thinking) {
          yield { type: 'reasoning-delta', choice: 0, delta: delta.thinking };
        } else if (delta?.type === 'input_json_delta' && delta.partial_json) {
          const toolIndex = toolIndexByBlock.get(data.index ?? -1);
          if (toolIndex !== undefined) {
            yield { type: 'tool-call-delta', choice: 0, toolIndex, argumentsDelta: delta.partial_json };
          }
        }
        // signature_delta and citations_delta have no canonical event.
        return;
      }
      case 'message_delta':
        if (data.delta?.stop_reason !== undefined) finishReason = mapAnthropicFinishReason(data.delta.stop_reason);
        if (data.usage) usage = { ...usage, ...withoutNulls(data.usage) };
        return;
      default:
        return;
    }
  }

  let stopped = false;
  try {
    for await (const event of events) {
      if (stopped) continue;
      const parsed = safeParseJson(event.data);
      const data = parsed.ok ? anthropicStreamEventSchema.safeParse(parsed.value) : undefined;
      if (data === undefined || !data.success) {
        yield { type: 'error', error: upstreamStreamError({ ...options, message: 'a stream event is unreadable' }) };
        return;
      }
      const name = event.event ?? data.data.type ?? '';
      if (name === 'error') {
        const vendorCode = data.data.error?.type ?? undefined;
        const code = vendorCode === undefined ? undefined : STREAM_ERROR_CODES[vendorCode];
        const message = data.data.error?.message ?? undefined;
        yield { type: 'error', error: upstreamStreamError({ ...options, message, vendorCode, code }) };
        return;
      }
      if (name === 'message_stop') {
        yield { type: 'choice-finish', choice: 0, finishReason };
        yield { type: 'usage', usage: convertAnthropicUsage(usage) };
        // Read on to the end of the body so the keep-alive connection stays reusable.
        stopped = true;
        continue;
      }
      yield* mapEvent(name, data.data);
    }
  } catch (error) {
    if (!stopped) {
      yield {
        type: 'error',
        error: connectionError({ providerId: options.providerId, signal: options.signal }, error),
      };
    }
    return;
  }
  if (stopped) return;
  yield { type: 'error', error: truncatedStreamError(options.providerId, 'no message_stop arrived') };
}

function withoutNulls(object: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) if (value !== null) result[key] = value;
  return result;
}
