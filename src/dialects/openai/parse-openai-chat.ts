import { GatewayError } from '../../spec/index.js';
import type { ChatRequest, JsonObject, JsonValue } from '../../spec/index.js';
import {
  describeKind,
  invalidParameter,
  itemPath,
  readBoolean,
  readInteger,
  readNumber,
  readObject,
  readString,
  readValue,
} from '../validation/index.js';
import { parseOpenAiMessages } from './parse-openai-messages.js';
import { parseOpenAiResponseFormat, parseOpenAiToolChoice, parseOpenAiTools } from './parse-openai-tools.js';

/** Chat Completions body keys Hangar reads into canonical fields (`model` is resolved by the dialect). */
export const OPENAI_CHAT_KEYS = [
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'logprobs',
  'top_logprobs',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'user',
  'stream',
  'stream_options',
] as const;

export type OpenAiChatKey = (typeof OPENAI_CHAT_KEYS)[number];

export interface OpenAiChatParseOptions {
  /** The model name, already resolved by the dialect (path deployment, header or body). */
  model: string;
  /** Keys read into canonical fields; every other key but `model` lands in `extra` untouched. Default: all. */
  recognisedKeys?: ReadonlySet<OpenAiChatKey>;
  /** OpenAI caps `stop` at 4 sequences; Azure AI Inference does not. */
  maxStopSequences?: number;
}

const ALL_KEYS: ReadonlySet<OpenAiChatKey> = new Set(OPENAI_CHAT_KEYS);

/**
 * Parses an OpenAI Chat Completions body (also the Azure OpenAI and Azure AI Inference bodies, which
 * share its shape) into the canonical request. Wrong types and out-of-range values are 400s naming
 * the parameter path.
 */
export function parseOpenAiChat(body: JsonObject, options: OpenAiChatParseOptions): ChatRequest {
  const recognised = options.recognisedKeys ?? ALL_KEYS;
  const known = (key: OpenAiChatKey): JsonObject => (recognised.has(key) ? body : {});
  const extra: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'model' && !recognised.has(key as OpenAiChatKey)) extra[key] = value;
  }

  const stream = readBoolean(known('stream'), 'stream') ?? false;
  const streamOptions = readObject(known('stream_options'), 'stream_options');
  const includeUsage =
    streamOptions === undefined ? undefined : readBoolean(streamOptions, 'include_usage', 'stream_options');
  const request: ChatRequest = {
    model: options.model,
    messages: parseOpenAiMessages(readValue(body, 'messages')),
    stream,
    includeUsage: stream && includeUsage === true,
    extra,
  };

  const maxCompletionTokens = readInteger(known('max_completion_tokens'), 'max_completion_tokens', { min: 1 });
  const maxTokens = readInteger(known('max_tokens'), 'max_tokens', { min: 1 });
  if (maxCompletionTokens !== undefined) {
    request.maxOutputTokens = maxCompletionTokens;
    request.maxOutputTokensField = 'max_completion_tokens';
  } else if (maxTokens !== undefined) {
    request.maxOutputTokens = maxTokens;
    request.maxOutputTokensField = 'max_tokens';
  }

  assign(request, 'temperature', readNumber(known('temperature'), 'temperature', { min: 0, max: 2 }));
  assign(request, 'topP', readNumber(known('top_p'), 'top_p', { min: 0, max: 1 }));
  assign(request, 'n', readInteger(known('n'), 'n', { min: 1 }));
  assign(request, 'stop', parseStop(readValue(known('stop'), 'stop'), options.maxStopSequences));
  assign(request, 'seed', readInteger(known('seed'), 'seed'));
  assign(request, 'presencePenalty', readNumber(known('presence_penalty'), 'presence_penalty', { min: -2, max: 2 }));
  assign(request, 'frequencyPenalty', readNumber(known('frequency_penalty'), 'frequency_penalty', { min: -2, max: 2 }));
  assign(request, 'logprobs', readBoolean(known('logprobs'), 'logprobs'));
  assign(request, 'topLogprobs', readInteger(known('top_logprobs'), 'top_logprobs', { min: 0, max: 20 }));
  assign(request, 'tools', parseOpenAiTools(readValue(known('tools'), 'tools')));
  assign(request, 'toolChoice', parseOpenAiToolChoice(readValue(known('tool_choice'), 'tool_choice')));
  assign(request, 'parallelToolCalls', readBoolean(known('parallel_tool_calls'), 'parallel_tool_calls'));
  assign(request, 'responseFormat', parseOpenAiResponseFormat(readValue(known('response_format'), 'response_format')));
  assign(request, 'reasoningEffort', readString(known('reasoning_effort'), 'reasoning_effort'));
  assign(request, 'user', readString(known('user'), 'user'));
  return request;
}

/** Sets an optional field only when the client sent it, so absent settings stay absent. */
function assign<Key extends keyof ChatRequest>(
  request: ChatRequest,
  key: Key,
  value: ChatRequest[Key] | undefined,
): void {
  if (value !== undefined) request[key] = value;
}

function parseStop(value: JsonValue | undefined, maxSequences: number | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) {
    throw invalidParameter('stop', `must be a string or an array of strings, got ${describeKind(value)}.`);
  }
  if (maxSequences !== undefined && value.length > maxSequences) {
    throw invalidParameter('stop', `may hold at most ${maxSequences} sequences, got ${value.length}.`);
  }
  return value.map((sequence, index) => {
    if (typeof sequence !== 'string') {
      throw invalidParameter(itemPath('stop', index), `must be a string, got ${describeKind(sequence)}.`);
    }
    return sequence;
  });
}

/**
 * The body's `model`: a non-empty string, or undefined when absent so the dialect can look elsewhere
 * (path, header) before reporting it missing.
 */
export function readBodyModel(body: JsonObject, parent = ''): string | undefined {
  const model = readString(body, 'model', parent);
  return model === undefined || model.trim() === '' ? undefined : model;
}

/** OpenAI's own wording, so clients that match on it keep working. */
export function missingModelError(message = 'You must provide a model parameter.'): GatewayError {
  return new GatewayError('missing_model', message, { param: 'model' });
}
