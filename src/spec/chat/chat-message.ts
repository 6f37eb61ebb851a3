import type { JsonObject } from '../json.js';

/**
 * A prompt-cache breakpoint, as Anthropic's `cache_control` marks it: the prompt up to and including the
 * marked piece is cached (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching). Only
 * Anthropic backends take it; other lanes drop it with a warning.
 */
export interface CacheControl {
  type: 'ephemeral';
  /** How long the cache entry lives; Anthropic's default is 5 minutes. */
  ttl?: '5m' | '1h';
}

/** A piece of user (or system) content. Images are carried as URLs, `data:` URLs included. */
export type ContentPart =
  | { type: 'text'; text: string; cacheControl?: CacheControl }
  | { type: 'image'; url: string; detail?: 'auto' | 'low' | 'high'; cacheControl?: CacheControl }
  | { type: 'audio'; data: string; format: string };

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments exactly as the model produced them: a JSON text, possibly invalid. */
  arguments: string;
  /** Requests only: a cache breakpoint on this call (Anthropic's `tool_use` block). */
  cacheControl?: CacheControl;
}

export type ChatMessage =
  | { role: 'system' | 'developer'; content: string | ContentPart[]; name?: string }
  | { role: 'user'; content: string | ContentPart[]; name?: string }
  | {
      role: 'assistant';
      content: string | ContentPart[] | null;
      reasoningContent?: string;
      toolCalls?: ToolCall[];
      refusal?: string | null;
      name?: string;
    }
  | {
      role: 'tool';
      toolCallId: string;
      content: string | ContentPart[];
      /** A cache breakpoint on the whole result (Anthropic's `tool_result` block). */
      cacheControl?: CacheControl;
    };

export interface ToolDefinition {
  type: 'function';
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: JsonObject;
  strict?: boolean;
  /** A cache breakpoint after this tool's definition. */
  cacheControl?: CacheControl;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema?: JsonObject;
      description?: string;
      strict?: boolean;
    };
