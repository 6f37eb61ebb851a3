import type { JsonObject } from '../json.js';

/** A piece of user (or system) content. Images are carried as URLs, `data:` URLs included. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; url: string; detail?: 'auto' | 'low' | 'high' }
  | { type: 'audio'; data: string; format: string };

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments exactly as the model produced them: a JSON text, possibly invalid. */
  arguments: string;
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
  | { role: 'tool'; toolCallId: string; content: string | ContentPart[] };

export interface ToolDefinition {
  type: 'function';
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: JsonObject;
  strict?: boolean;
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
