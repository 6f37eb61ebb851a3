import {
  applyStopSequences,
  cachedTokensFor,
  countWords,
  echoText,
  isObject,
  jsonReplyText,
  lastUserText,
  promptCharacters,
  promptTokensFor,
  reasoningText,
  toolArgumentsText,
  truncateWords,
} from './deterministic-reply.js';
import type { JsonObject } from './deterministic-reply.js';
import type { OpenAiFlavor } from './emulator-types.js';

export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface PlannedChoice {
  index: number;
  content: string | null;
  /** Visible reasoning (xAI grok-3-mini, deepseek-reasoner), streamed before the content. */
  reasoning?: string;
  toolCalls: PlannedToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls';
}

/** What an OpenAI-style chat request will be answered with, before it is put on the wire. */
export interface ChatPlan {
  model: string;
  choices: PlannedChoice[];
  usage: JsonObject;
  logprobs: boolean;
}

/** How an OpenAI-style vendor reports reasoning. */
export function reasoningStyle(flavor: OpenAiFlavor, model: string): 'visible' | 'hidden' | 'none' {
  if (flavor === 'xai') return model.includes('grok-3-mini') ? 'visible' : 'none';
  if (flavor === 'deepseek') return model === 'deepseek-reasoner' ? 'visible' : 'none';
  if (flavor === 'openai') return /^o[134]/.test(model) ? 'hidden' : 'none';
  return 'none';
}

export function planChat(body: JsonObject, flavor: OpenAiFlavor): ChatPlan {
  const model = typeof body.model === 'string' ? body.model : '';
  const userText = lastUserText(body.messages);
  const count = typeof body.n === 'number' && body.n > 1 ? Math.floor(body.n) : 1;
  const toolCalls = planToolCalls(body, userText);
  const style = reasoningStyle(flavor, model);
  const choices: PlannedChoice[] = [];
  let generatedWords = 0;
  for (let index = 0; index < count; index += 1) {
    const choice = planChoice(body, userText, index, toolCalls);
    if (style === 'visible') choice.reasoning = reasoningText(userText);
    generatedWords += countWords(choice.content ?? '');
    for (const call of choice.toolCalls) generatedWords += countWords(call.arguments);
    choices.push(choice);
  }
  const reasoningTokens = style === 'none' ? 0 : count * countWords(reasoningText(userText));
  const promptTokens = promptTokensFor(promptCharacters(body.messages));
  return {
    model,
    choices,
    usage: chatUsage(flavor, model, promptTokens, generatedWords, reasoningTokens),
    logprobs: body.logprobs === true,
  };
}

function planChoice(body: JsonObject, userText: string, index: number, toolCalls: PlannedToolCall[]): PlannedChoice {
  if (toolCalls.length > 0) return { index, content: null, toolCalls, finishReason: 'tool_calls' };
  const format = isObject(body.response_format) ? body.response_format.type : undefined;
  const full =
    format === 'json_object' || format === 'json_schema' ? jsonReplyText(userText) : echoText(userText, index);
  const stopped = applyStopSequences(full, body.stop);
  const limit = maxTokens(body);
  if (limit !== undefined && countWords(stopped.text) > limit) {
    return { index, content: truncateWords(stopped.text, limit), toolCalls: [], finishReason: 'length' };
  }
  return { index, content: stopped.text, toolCalls: [], finishReason: 'stop' };
}

function maxTokens(body: JsonObject): number | undefined {
  const limit = body.max_completion_tokens ?? body.max_tokens;
  return typeof limit === 'number' ? limit : undefined;
}

/** One call per tool (or one only when `parallel_tool_calls` is false); a named `tool_choice` picks that tool. */
function planToolCalls(body: JsonObject, userText: string): PlannedToolCall[] {
  if (!Array.isArray(body.tools) || body.tools.length === 0 || body.tool_choice === 'none') return [];
  const names: string[] = [];
  for (const tool of body.tools) {
    if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string') {
      names.push(tool.function.name);
    }
  }
  let chosen = body.parallel_tool_calls === false ? names.slice(0, 1) : names;
  const choice = body.tool_choice;
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string') {
    chosen = [choice.function.name];
  }
  return chosen.map((name, index) => ({
    id: `call_emu_${index}_${name}`,
    name,
    arguments: toolArgumentsText(userText),
  }));
}

/**
 * The usage object each vendor reports.
 * - openai (and mistral, gemini, vllm): reasoning ⊂ completion, cached ⊂ prompt.
 * - xai: reasoning counted OUTSIDE completion; total = prompt + completion + reasoning.
 * - deepseek: prompt = cache hit + cache miss; reasoning ⊂ completion.
 */
export function chatUsage(
  flavor: OpenAiFlavor,
  model: string,
  promptTokens: number,
  generatedTokens: number,
  reasoningTokens: number,
): JsonObject {
  const cached = cachedTokensFor(promptTokens);
  if (flavor === 'xai') {
    return {
      prompt_tokens: promptTokens,
      completion_tokens: generatedTokens,
      total_tokens: promptTokens + generatedTokens + reasoningTokens,
      prompt_tokens_details: { text_tokens: promptTokens, audio_tokens: 0, image_tokens: 0, cached_tokens: cached },
      completion_tokens_details: {
        reasoning_tokens: reasoningTokens,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
      num_sources_used: 0,
    };
  }
  const completionTokens = generatedTokens + reasoningTokens;
  if (flavor === 'deepseek') {
    return {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: cached },
      ...(model === 'deepseek-reasoner' ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
      prompt_cache_hit_tokens: cached,
      prompt_cache_miss_tokens: promptTokens - cached,
    };
  }
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** The usage the emulator will report for this chat request: what a test should expect Hangar to meter. */
export function expectedChatUsage(flavor: OpenAiFlavor, body: JsonObject): JsonObject {
  return planChat(body, flavor).usage;
}
