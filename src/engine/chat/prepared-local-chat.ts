import type { ChatHistoryItem, LLamaContextualRepeatPenalty, LlamaGrammar } from 'node-llama-cpp';
import type { JsonObject } from '../../spec/index.js';
import type { LocalChatModel } from './local-chat-model.js';
import type { LocalTool, LocalToolPlan } from './plan-local-tools.js';

/** A request checked and converted, ready to run on a slot. Its contents are the engine's own business. */
export interface PreparedLocalChat {
  /** The most tokens the answer may take: `max_tokens`, or what the slot's context leaves after the prompt. */
  readonly maxOutputTokens: number;
  /** The prompt as the model will read it, in tokens: the messages rendered by the chat template. */
  readonly promptTokens: number;
}

/** What is sampled with, in node-llama-cpp's terms. */
export interface LocalSampling {
  temperature: number;
  topP: number;
  topK: number;
  minP: number;
  seed: number;
  repeatPenalty: false | LLamaContextualRepeatPenalty;
  customStopTriggers: string[];
}

/** What the answer is: free text (maybe with tool calls the model chooses), JSON under a grammar, or a forced call. */
export type LocalOutputMode =
  | { kind: 'text' }
  | { kind: 'auto-tools'; plan: Extract<LocalToolPlan, { kind: 'auto' }> }
  /** `schema` is the prepared one: what the grammar enforced and the answer is validated against. */
  | { kind: 'json'; grammar: LlamaGrammar; schema: JsonObject }
  | { kind: 'forced-tool'; grammar: LlamaGrammar; tools: ReadonlyMap<string, LocalTool> };

export interface LocalChatPlan extends PreparedLocalChat {
  model: LocalChatModel;
  /** Ends with a model item, so LlamaChat renders exactly what was counted. */
  history: ChatHistoryItem[];
  sampling: LocalSampling;
  mode: LocalOutputMode;
}

// Callers hold the public face only; the plan behind it never leaves this folder.
const plans = new WeakMap<PreparedLocalChat, LocalChatPlan>();

export function publishPlan(plan: LocalChatPlan): PreparedLocalChat {
  const prepared: PreparedLocalChat = Object.freeze({
    maxOutputTokens: plan.maxOutputTokens,
    promptTokens: plan.promptTokens,
  });
  plans.set(prepared, plan);
  return prepared;
}

export function planOf(prepared: PreparedLocalChat): LocalChatPlan {
  const plan = plans.get(prepared);
  if (plan === undefined) throw new TypeError('generateLocalChat takes what prepareLocalChat returned.');
  return plan;
}
