import type { JsonValue } from '../json.js';
import type { Usage } from '../usage/usage.js';
import type { ToolCall } from './chat-message.js';
import type { FinishReason } from './finish-reason.js';
import type { ContentFilterResults, PromptFilterResult } from '../safety/content-filter-results.js';

export interface ChatChoice {
  index: number;
  content: string | null;
  reasoningContent?: string;
  toolCalls?: ToolCall[];
  refusal?: string | null;
  finishReason: FinishReason;
  /** OpenAI-shaped logprobs object, carried as received. */
  logprobs?: JsonValue;
  /** What Hangar's content filter found in this choice; absent when no policy applies. */
  contentFilterResults?: ContentFilterResults;
}

export interface ChatResult {
  /** Upstream response id, when it gave one. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** Model name the upstream reported. */
  upstreamModel: string;
  choices: ChatChoice[];
  usage: Usage;
  systemFingerprint?: string;
  /** What Hangar's content filter found in the prompt; absent when no policy applies. */
  promptFilterResults?: PromptFilterResult[];
}
