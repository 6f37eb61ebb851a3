import { connectionError, safeParseJson } from '../../kit/index.js';
import type { SseEvent } from '../../kit/index.js';
import { isJsonObject } from '../../spec/index.js';
import type { ChatStreamEvent, FinishReason, GatewayError, JsonObject, JsonValue, Usage } from '../../spec/index.js';
import { countPromptCharacters, estimatedUsage, type ChatMessage } from '../../spec/index.js';
import { generateToolCallId } from '../../kit/index.js';
import { truncatedStreamError, upstreamStreamError } from '../shared/index.js';
import { openAiChatChunkSchema } from './openai-compatible-wire.js';
import type { OpenAiChatChunk } from './openai-compatible-wire.js';
import { splitOpenAiContent } from './split-openai-content.js';

export interface MapOpenAiChatStreamOptions {
  providerId: string;
  /** Reported when the upstream does not name the model it ran. */
  model: string;
  convertUsage: (raw: JsonObject) => Usage;
  mapFinishReason: (raw: string | null | undefined) => FinishReason;
  /** Counted only when the upstream reported no usage and an estimate is needed. */
  messages: readonly ChatMessage[];
  /** The call's signal: tells a client disconnect from an upstream failure. */
  signal: AbortSignal;
  secrets: readonly string[];
}

/**
 * Chat Completions chunks as canonical events. Usage is taken from whichever chunk carries it (some
 * servers put it beside the last choices, LiteLLM#36168) and emitted once, at the end. A stream that
 * stops without `[DONE]` and without usage was cut, and says so with an error event.
 */
export async function* mapOpenAiChatStream(
  events: AsyncIterable<SseEvent>,
  options: MapOpenAiChatStreamOptions,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const { providerId } = options;
  let metadataSent = false;
  let usage: Usage | undefined;
  let sawDone = false;
  let outputCharacters = 0;
  let reasoningCharacters = 0;
  // `${choice}:${toolIndex}` of tool calls whose start was emitted.
  const startedToolCalls = new Set<string>();

  function* mapChunk(chunk: OpenAiChatChunk): Generator<ChatStreamEvent> {
    if (!metadataSent && typeof chunk.id === 'string' && chunk.id !== '') {
      metadataSent = true;
      const metadata: ChatStreamEvent = {
        type: 'response-metadata',
        id: chunk.id,
        created: chunk.created ?? Math.floor(Date.now() / 1000),
        upstreamModel: chunk.model || options.model,
      };
      if (typeof chunk.system_fingerprint === 'string') metadata.systemFingerprint = chunk.system_fingerprint;
      yield metadata;
    }
    if (chunk.usage !== null && chunk.usage !== undefined) usage = options.convertUsage(chunk.usage);
    for (const [position, choiceChunk] of (chunk.choices ?? []).entries()) {
      const choice = choiceChunk.index ?? position;
      const delta = choiceChunk.delta;
      if (delta !== null && delta !== undefined) {
        const content = splitOpenAiContent(delta.content);
        const reasoning = (delta.reasoning_content ?? delta.reasoning ?? '') + content.reasoning;
        if (reasoning !== '') {
          reasoningCharacters += reasoning.length;
          yield { type: 'reasoning-delta', choice, delta: reasoning };
        }
        if (content.text !== '') {
          outputCharacters += content.text.length;
          yield { type: 'text-delta', choice, delta: content.text };
        }
        if (typeof delta.refusal === 'string' && delta.refusal !== '') {
          outputCharacters += delta.refusal.length;
          yield { type: 'refusal-delta', choice, delta: delta.refusal };
        }
        for (const [callPosition, fragment] of (delta.tool_calls ?? []).entries()) {
          // Mistral sends whole tool calls without an index: their position is their index.
          const toolIndex = fragment.index ?? callPosition;
          const key = `${choice}:${toolIndex}`;
          if (!startedToolCalls.has(key)) {
            startedToolCalls.add(key);
            const name = fragment.function?.name ?? '';
            outputCharacters += name.length;
            yield { type: 'tool-call-start', choice, toolIndex, id: fragment.id ?? generateToolCallId(), name };
          }
          const argumentsDelta = fragment.function?.arguments;
          if (typeof argumentsDelta === 'string' && argumentsDelta !== '') {
            outputCharacters += argumentsDelta.length;
            yield { type: 'tool-call-delta', choice, toolIndex, argumentsDelta };
          }
        }
      }
      if (choiceChunk.logprobs !== null && choiceChunk.logprobs !== undefined) {
        yield { type: 'logprobs', choice, logprobs: choiceChunk.logprobs };
      }
      if (typeof choiceChunk.finish_reason === 'string') {
        yield { type: 'choice-finish', choice, finishReason: options.mapFinishReason(choiceChunk.finish_reason) };
      }
    }
  }

  try {
    for await (const event of events) {
      // Reading on after [DONE] to the end of the body keeps the keep-alive connection reusable; leaving
      // the loop would destroy the body before the chunked terminator arrives, and the socket with it.
      if (sawDone) continue;
      if (event.data.startsWith('[DONE]')) {
        sawDone = true;
        continue;
      }
      const parsed = safeParseJson(event.data);
      if (!parsed.ok) {
        yield { type: 'error', error: upstreamStreamError({ ...options, message: 'a stream frame is not JSON' }) };
        return;
      }
      if (isJsonObject(parsed.value) && parsed.value.error !== undefined && parsed.value.error !== null) {
        yield { type: 'error', error: errorFrame(parsed.value.error, options) };
        return;
      }
      const chunk = openAiChatChunkSchema.safeParse(parsed.value);
      if (!chunk.success) {
        const message = `a stream chunk has an unexpected shape (${chunk.error.issues[0]?.message ?? 'unknown'})`;
        yield { type: 'error', error: upstreamStreamError({ ...options, message }) };
        return;
      }
      yield* mapChunk(chunk.data);
    }
  } catch (error) {
    // A connection lost after [DONE] lost nothing the client needs.
    if (!sawDone) {
      yield { type: 'error', error: connectionError({ providerId, signal: options.signal }, error) };
      return;
    }
  }
  if (usage !== undefined) {
    yield { type: 'usage', usage };
    return;
  }
  if (!sawDone) {
    yield { type: 'error', error: truncatedStreamError(providerId, 'no [DONE] and no usage arrived') };
    return;
  }
  // Some vLLM and Ollama builds end cleanly but ignore stream_options: bill an estimate, marked raw: null.
  yield {
    type: 'usage',
    usage: estimatedUsage({
      promptCharacters: countPromptCharacters(options.messages),
      outputCharacters,
      reasoningCharacters,
    }),
  };
}

function errorFrame(error: JsonValue, options: MapOpenAiChatStreamOptions): GatewayError {
  if (!isJsonObject(error)) return upstreamStreamError({ ...options, message: JSON.stringify(error) });
  const message = typeof error.message === 'string' ? error.message : undefined;
  const vendorCode =
    typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : undefined;
  return upstreamStreamError({ ...options, message, vendorCode });
}
