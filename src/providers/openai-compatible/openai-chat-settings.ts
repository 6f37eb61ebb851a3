import type { ChatRequest, JsonObject, ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/index.js';
import type { ChatSettingMap } from '../shared/index.js';

export interface OpenAiSettingTarget {
  body: JsonObject;
  request: ChatRequest;
}

/** Every canonical setting has a Chat Completions field of its own; these lanes refuse nothing. */
export const OPENAI_CHAT_SETTINGS: ChatSettingMap<OpenAiSettingTarget> = {
  // Reasoning models want max_completion_tokens, older servers only know max_tokens: echo the client.
  maxOutputTokens: (value, { body, request }) => {
    body[request.maxOutputTokensField ?? 'max_tokens'] = value;
  },
  temperature: (value, { body }) => {
    body.temperature = value;
  },
  topP: (value, { body }) => {
    body.top_p = value;
  },
  n: (value, { body }) => {
    body.n = value;
  },
  stop: (value, { body }) => {
    body.stop = value;
  },
  seed: (value, { body }) => {
    body.seed = value;
  },
  presencePenalty: (value, { body }) => {
    body.presence_penalty = value;
  },
  frequencyPenalty: (value, { body }) => {
    body.frequency_penalty = value;
  },
  logprobs: (value, { body }) => {
    body.logprobs = value;
  },
  topLogprobs: (value, { body }) => {
    body.top_logprobs = value;
  },
  tools: (value, { body }) => {
    body.tools = value.map(convertTool);
  },
  toolChoice: (value, { body }) => {
    body.tool_choice = convertToolChoice(value);
  },
  parallelToolCalls: (value, { body }) => {
    body.parallel_tool_calls = value;
  },
  responseFormat: (value, { body }) => {
    body.response_format = convertResponseFormat(value);
  },
  reasoningEffort: (value, { body }) => {
    body.reasoning_effort = value;
  },
  user: (value, { body }) => {
    body.user = value;
  },
};

function convertTool(tool: ToolDefinition): JsonObject {
  const definition: JsonObject = { name: tool.name };
  if (tool.description !== undefined) definition.description = tool.description;
  if (tool.parameters !== undefined) definition.parameters = tool.parameters;
  if (tool.strict !== undefined) definition.strict = tool.strict;
  return { type: 'function', function: definition };
}

function convertToolChoice(choice: ToolChoice): string | JsonObject {
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.name } };
}

function convertResponseFormat(format: ResponseFormat): JsonObject {
  if (format.type !== 'json_schema') return { type: format.type };
  const schema: JsonObject = { name: format.name };
  if (format.description !== undefined) schema.description = format.description;
  if (format.schema !== undefined) schema.schema = format.schema;
  if (format.strict !== undefined) schema.strict = format.strict;
  return { type: 'json_schema', json_schema: schema };
}
