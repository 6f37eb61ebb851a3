import type { JsonValue } from '../json.js';
import type { ChatMessage, ResponseFormat, ToolChoice, ToolDefinition } from './chat-message.js';

/**
 * The canonical chat request every dialect parses into and every provider reads from.
 *
 * Its shape follows OpenAI Chat Completions because most upstreams speak it; names are camelCase and
 * vendor spellings (max_tokens vs max_completion_tokens) are already folded together. Parameters the
 * dialect did not recognise are kept in `extra`, untouched, so OpenAI-compatible lanes can pass them on
 * and translated lanes can refuse or drop them by name.
 */
export interface ChatRequest {
  /** The name the client asked for: a deployment name (or alias). Providers use the backend's model instead. */
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  /** The client asked for a usage chunk at the end of the stream (OpenAI `stream_options.include_usage`). */
  includeUsage: boolean;
  /** Upper bound on generated tokens, from `max_tokens` or `max_completion_tokens`. */
  maxOutputTokens?: number;
  /** Which field the client used; OpenAI-compatible lanes echo it so reasoning models see what they expect. */
  maxOutputTokensField?: 'max_tokens' | 'max_completion_tokens';
  temperature?: number;
  topP?: number;
  n?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  logprobs?: boolean;
  topLogprobs?: number;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  reasoningEffort?: string;
  user?: string;
  /** Parameters outside the canonical set, as the client sent them (snake_case wire names). */
  extra: Record<string, JsonValue>;
  /**
   * The wire `extra` was written for: the OpenAI family (OpenAI, Azure) by default, or Anthropic Messages.
   * A lane of the same family forwards it; a lane of the other family treats it as unknown parameters.
   */
  extraFormat?: 'openai' | 'anthropic';
}

/** Canonical keys, in the order adapters decide on them. A field map must cover every one. */
export type ChatSettingKey = Exclude<
  keyof ChatRequest,
  'model' | 'messages' | 'stream' | 'includeUsage' | 'extra' | 'extraFormat' | 'maxOutputTokensField'
>;
