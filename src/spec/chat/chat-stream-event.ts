import type { GatewayError } from '../errors/gateway-error.js';
import type { JsonValue } from '../json.js';
import type { Usage } from '../usage/usage.js';
import type { FinishReason } from './finish-reason.js';

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
  | { type: 'choice-finish'; choice: number; finishReason: FinishReason }
  /** Usage arrives once, at the end; it is always present in a stream that finished normally. */
  | { type: 'usage'; usage: Usage }
  /** The upstream failed after the stream began. Nothing follows it. */
  | { type: 'error'; error: GatewayError };
