import type { ChatChoice, ChatResult, JsonObject, JsonValue, ToolCall } from '../../spec/index.js';
import { THINK_CLOSE, THINK_OPEN, type ReasoningStyle } from './reasoning-style.js';
import { renderOpenAiFinishReason } from './render-openai-finish-reason.js';
import { renderOpenAiUsage } from './render-openai-usage.js';
import { jsonOf, renderPromptFilterResults } from './render-content-filter-results.js';

export interface OpenAiChatRenderOptions {
  reasoning: ReasoningStyle;
}

/** A canonical result as an OpenAI `chat.completion` object. */
export function renderOpenAiChat(
  result: ChatResult,
  options: OpenAiChatRenderOptions = { reasoning: 'reasoning-content' },
): JsonObject {
  const body: JsonObject = {
    id: result.id,
    object: 'chat.completion',
    created: result.created,
    model: result.upstreamModel,
    choices: result.choices.map((choice) => renderChoice(choice, options.reasoning)),
    usage: renderOpenAiUsage(result.usage),
  };
  if (result.promptFilterResults !== undefined) {
    body.prompt_filter_results = renderPromptFilterResults(result.promptFilterResults);
  }
  if (result.systemFingerprint !== undefined) body.system_fingerprint = result.systemFingerprint;
  return body;
}

function renderChoice(choice: ChatChoice, reasoning: ReasoningStyle): JsonObject {
  const message: JsonObject = { role: 'assistant', content: choice.content };
  const reasoningText = choice.reasoningContent;
  if (reasoningText !== undefined && reasoningText !== '') {
    if (reasoning === 'think-tags')
      message.content = `${THINK_OPEN}${reasoningText}${THINK_CLOSE}${choice.content ?? ''}`;
    else message.reasoning_content = reasoningText;
  }
  message.refusal = choice.refusal ?? null;
  if (choice.toolCalls !== undefined && choice.toolCalls.length > 0) {
    message.tool_calls = choice.toolCalls.map(renderToolCall);
  }
  const rendered: JsonObject = {
    index: choice.index,
    message,
    logprobs: choice.logprobs ?? null,
    finish_reason: renderOpenAiFinishReason(choice.finishReason),
  };
  if (choice.contentFilterResults !== undefined) rendered.content_filter_results = jsonOf(choice.contentFilterResults);
  return rendered;
}

export function renderToolCall(call: ToolCall): JsonValue {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}
