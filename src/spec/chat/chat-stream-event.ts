import type { GatewayError } from '../errors/gateway-error.js';
import type { JsonValue } from '../json.js';
import type { Usage } from '../usage/usage.js';
import type { FinishReason } from './finish-reason.js';
import type {
  ContentFilterOffsets,
  ContentFilterResults,
  PromptFilterResult,
} from '../safety/content-filter-results.js';

/**
 * What a provider yields while streaming, whatever its wire format. `choice` is the OpenAI choice index
 * (n > 1); `toolIndex` numbers tool calls within a choice, as OpenAI's `tool_calls[].index` does.
 */
export type ChatStreamEvent =
  | { type: 'response-metadata'; id: string; created: number; upstreamModel: string; systemFingerprint?: string }
  | { type: 'text-delta'; choice: number; delta: string }
  | { type: 'reasoning-delta'; choice: number; delta: string }
  | { type: 'refusal-delta'; choice: number; delta: string }
  | { type: 'tool-call-start'; choice: number; toolIndex: number; id: string; name: string }
  | { type: 'tool-call-delta'; choice: number; toolIndex: number; argumentsDelta: string }
  | { type: 'logprobs'; choice: number; logprobs: JsonValue }
  | {
      type: 'choice-finish';
      choice: number;
      finishReason: FinishReason;
      /** Set when Hangar's content filter ended the choice: what it found, sent on the finishing chunk. */
      contentFilterResults?: ContentFilterResults;
    }
  /** Hangar's verdict on the prompt; sent first, before any choice (Azure's first chunk). */
  | { type: 'prompt-filter'; results: PromptFilterResult[] }
  /** Hangar's verdict on a window of a choice's text, sent after the window's text was released. */
  | { type: 'content-filter'; choice: number; results: ContentFilterResults; offsets: ContentFilterOffsets }
  /** Usage arrives once, at the end; it is always present in a stream that finished normally. */
  | { type: 'usage'; usage: Usage }
  /** The upstream failed after the stream began. Nothing follows it. */
  | { type: 'error'; error: GatewayError };
