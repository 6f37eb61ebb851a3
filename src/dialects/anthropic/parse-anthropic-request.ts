import { isJsonObject } from '../../spec/index.js';
import type { ChatRequest, JsonObject, JsonValue, ToolChoice, ToolDefinition } from '../../spec/index.js';
import {
  childPath,
  describeKind,
  invalidParameter,
  itemPath,
  readBoolean,
  readInteger,
  readNumber,
  readObject,
  readString,
  readValue,
  requireString,
  unsupportedParameter,
} from '../validation/index.js';
import { parseAnthropicMessages, parseAnthropicSystem } from './parse-anthropic-messages.js';
import { readCacheControl } from './read-cache-control.js';

/** Messages API keys read into canonical fields; `top_k`, `thinking` and every other key go to `extra`. */
const ANTHROPIC_KEYS: ReadonlySet<string> = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'stop_sequences',
  'temperature',
  'top_p',
  'tools',
  'tool_choice',
  'metadata',
  'stream',
]);

/** Parses a Messages API body (https://docs.anthropic.com/en/api/messages) into the canonical request. */
export function parseAnthropicRequest(body: JsonObject, model: string): ChatRequest {
  const extra: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(body)) if (!ANTHROPIC_KEYS.has(key)) extra[key] = value;
  // Validated here so a bad value is a 400 on every lane, then carried as sent.
  readInteger(body, 'top_k', { min: 0 });

  const maxTokens = readInteger(body, 'max_tokens', { min: 1 });
  if (maxTokens === undefined) throw invalidParameter('max_tokens', 'is required.');
  const system = parseAnthropicSystem(readValue(body, 'system'));
  const messages = parseAnthropicMessages(readValue(body, 'messages'));
  const request: ChatRequest = {
    model,
    messages: system === undefined ? messages : [system, ...messages],
    stream: readBoolean(body, 'stream') ?? false,
    // Anthropic streams always report usage; the renderer needs it for message_delta.
    includeUsage: true,
    maxOutputTokens: maxTokens,
    maxOutputTokensField: 'max_tokens',
    extra,
    extraFormat: 'anthropic',
  };
  const stop = parseStopSequences(readValue(body, 'stop_sequences'));
  const temperature = readNumber(body, 'temperature', { min: 0, max: 1 });
  const topP = readNumber(body, 'top_p', { min: 0, max: 1 });
  const tools = parseTools(readValue(body, 'tools'));
  const metadata = readObject(body, 'metadata');
  const user = metadata === undefined ? undefined : readString(metadata, 'user_id', 'metadata');
  if (stop !== undefined) request.stop = stop;
  if (temperature !== undefined) request.temperature = temperature;
  if (topP !== undefined) request.topP = topP;
  if (tools !== undefined) request.tools = tools;
  if (user !== undefined) request.user = user;
  parseToolChoice(readObject(body, 'tool_choice'), request);
  return request;
}

function parseStopSequences(value: JsonValue | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw invalidParameter('stop_sequences', `must be an array of strings, got ${describeKind(value)}.`);
  }
  return value.map((sequence, index) => {
    if (typeof sequence !== 'string') {
      throw invalidParameter(itemPath('stop_sequences', index), `must be a string, got ${describeKind(sequence)}.`);
    }
    return sequence;
  });
}

/** Client tools `{name, description?, input_schema}`; Anthropic's server tools have no canonical form. */
function parseTools(value: JsonValue | undefined): ToolDefinition[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidParameter('tools', `must be an array, got ${describeKind(value)}.`);
  return value.map((tool, index) => {
    const path = itemPath('tools', index);
    if (!isJsonObject(tool)) throw invalidParameter(path, `must be an object, got ${describeKind(tool)}.`);
    const type = readString(tool, 'type', path);
    if (type !== undefined && type !== 'custom') {
      throw unsupportedParameter(childPath(path, 'type'), `is '${type}'; only client tools are supported.`);
    }
    const schema = readObject(tool, 'input_schema', path);
    if (schema === undefined) throw invalidParameter(childPath(path, 'input_schema'), 'is required.');
    const definition: ToolDefinition = {
      type: 'function',
      name: requireString(tool, 'name', path),
      parameters: schema,
    };
    const description = readString(tool, 'description', path);
    if (description !== undefined) definition.description = description;
    const cacheControl = readCacheControl(tool, path);
    if (cacheControl !== undefined) definition.cacheControl = cacheControl;
    return definition;
  });
}

/** `{type: auto|any|none|tool, name?, disable_parallel_tool_use?}`: `any` is OpenAI's `required`. */
function parseToolChoice(value: JsonObject | undefined, request: ChatRequest): void {
  if (value === undefined) return;
  const type = requireString(value, 'type', 'tool_choice');
  let choice: ToolChoice;
  switch (type) {
    case 'auto':
    case 'none':
      choice = type;
      break;
    case 'any':
      choice = 'required';
      break;
    case 'tool':
      choice = { type: 'function', name: requireString(value, 'name', 'tool_choice') };
      break;
    default:
      throw invalidParameter('tool_choice.type', `must be one of 'auto', 'any', 'tool', 'none', got '${type}'.`);
  }
  request.toolChoice = choice;
  if (readBoolean(value, 'disable_parallel_tool_use', 'tool_choice') === true) request.parallelToolCalls = false;
}
