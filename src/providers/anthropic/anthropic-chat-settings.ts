import { GatewayError } from '../../spec/index.js';
import type { ChatRequest, JsonObject, SettingWarning, ToolChoice } from '../../spec/index.js';
import type { ChatSettingMap } from '../shared/index.js';
import { withAnthropicCacheControl } from './with-anthropic-cache-control.js';

export interface AnthropicSettingTarget {
  body: JsonObject;
  request: ChatRequest;
  warnings: SettingWarning[];
}

function drop(param: string, detail: string) {
  return (_value: unknown, { warnings }: AnthropicSettingTarget) => {
    warnings.push({ type: 'dropped', param, detail });
  };
}

/** Each canonical setting mapped to the Messages API, refused with a 400, or dropped with a warning. */
export const ANTHROPIC_CHAT_SETTINGS: ChatSettingMap<AnthropicSettingTarget> = {
  maxOutputTokens: (value, { body }) => {
    body.max_tokens = value;
  },
  temperature: (value, { body }) => {
    if (value > 1) {
      throw new GatewayError(
        'unsupported_parameter',
        `temperature ${value} is out of range for Anthropic models, which take 0 to 1.`,
        { param: 'temperature' },
      );
    }
    body.temperature = value;
  },
  topP: (value, { body }) => {
    body.top_p = value;
  },
  n: (value) => {
    if (value > 1) {
      throw new GatewayError('unsupported_parameter', 'Anthropic models return one choice; n must be 1.', {
        param: 'n',
      });
    }
  },
  stop: (value, { body }) => {
    body.stop_sequences = value;
  },
  seed: drop('seed', 'Anthropic has no seed.'),
  presencePenalty: drop('presence_penalty', 'Anthropic has no presence penalty.'),
  frequencyPenalty: drop('frequency_penalty', 'Anthropic has no frequency penalty.'),
  logprobs: (value, target) => {
    if (value) drop('logprobs', 'Anthropic returns no logprobs.')(value, target);
  },
  topLogprobs: drop('top_logprobs', 'Anthropic returns no logprobs.'),
  tools: (value, { body, warnings }) => {
    if (value.some((tool) => tool.strict === true)) {
      warnings.push({
        type: 'dropped',
        param: 'tools[].function.strict',
        detail: 'Anthropic tools take no strict flag.',
      });
    }
    body.tools = value.map((tool) => {
      const definition: JsonObject = {
        name: tool.name,
        input_schema: tool.parameters ?? { type: 'object', properties: {} },
      };
      if (tool.description !== undefined) definition.description = tool.description;
      return withAnthropicCacheControl(definition, tool.cacheControl);
    });
  },
  toolChoice: (value, { body, request }) => {
    body.tool_choice = convertToolChoice(value, request.parallelToolCalls);
  },
  parallelToolCalls: (value, { body, request }) => {
    // With a tool_choice, the flag was folded into it above.
    if (value === false && request.toolChoice === undefined) {
      body.tool_choice = { type: 'auto', disable_parallel_tool_use: true };
    }
  },
  responseFormat: (value) => {
    if (value.type === 'text') return;
    throw new GatewayError(
      'unsupported_parameter',
      `Anthropic has no JSON mode, so response_format ${value.type} cannot be honoured; describe the shape with a tool instead.`,
      { param: 'response_format' },
    );
  },
  reasoningEffort: drop('reasoning_effort', 'Anthropic models take a thinking budget, not reasoning_effort.'),
  user: (value, { body }) => {
    body.metadata = { user_id: value };
  },
};

function convertToolChoice(choice: ToolChoice, parallelToolCalls: boolean | undefined): JsonObject {
  if (choice === 'none') return { type: 'none' };
  const converted: JsonObject =
    choice === 'auto'
      ? { type: 'auto' }
      : choice === 'required'
        ? { type: 'any' }
        : { type: 'tool', name: choice.name };
  if (parallelToolCalls === false) converted.disable_parallel_tool_use = true;
  return converted;
}
