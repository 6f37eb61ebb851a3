import { randomInt } from 'node:crypto';
import { GatewayError } from '../../spec/index.js';
import type {
  CallContext,
  ChatRequest,
  ChatSettingKey,
  ResponseFormat,
  SettingWarning,
  ToolChoice,
  ToolDefinition,
} from '../../spec/index.js';
import { LOCAL_SAMPLING_DEFAULTS, MAX_STOP_SEQUENCES } from './local-sampling-defaults.js';
import { readLocalExtra } from './read-local-extra.js';

/** The request's settings, decided: what the engine samples with, and the parts later steps build on. */
export interface LocalChatSettings {
  maxOutputTokens: number | undefined;
  temperature: number;
  topP: number;
  topK: number;
  minP: number;
  seed: number;
  stop: string[];
  presencePenalty: number | undefined;
  frequencyPenalty: number | undefined;
  repeatPenalty: number | undefined;
  tools: ToolDefinition[] | undefined;
  toolChoice: ToolChoice | undefined;
  parallelToolCalls: boolean | undefined;
  responseFormat: ResponseFormat | undefined;
  warnings: SettingWarning[];
}

type LocalSettingWriter<Key extends ChatSettingKey> = (
  value: NonNullable<ChatRequest[Key]>,
  settings: LocalChatSettings,
  request: ChatRequest,
) => void;

/**
 * A decision for every canonical setting (the idea of the providers' ChatSettingMap, kept here because the
 * engine may not import providers): a new key in the spec fails to compile until the local engine says what
 * it does with it.
 */
type LocalChatSettingMap = { readonly [Key in ChatSettingKey]: LocalSettingWriter<Key> };

function unsupported(param: string, message: string): GatewayError {
  return new GatewayError('unsupported_parameter', message, { param });
}

const LOCAL_CHAT_SETTINGS: LocalChatSettingMap = {
  maxOutputTokens: (value, settings) => {
    settings.maxOutputTokens = value;
  },
  temperature: (value, settings) => {
    settings.temperature = value;
  },
  topP: (value, settings) => {
    settings.topP = value;
  },
  n: (value) => {
    if (value > 1) throw unsupported('n', 'Local models return one choice per request; n must be 1.');
  },
  stop: (value, settings) => {
    if (value.length > MAX_STOP_SEQUENCES) {
      throw new GatewayError(
        'invalid_request',
        `'stop' may hold at most ${MAX_STOP_SEQUENCES} sequences, got ${value.length}.`,
        { param: 'stop' },
      );
    }
    value.forEach((sequence, index) => {
      if (sequence === '') {
        throw new GatewayError('invalid_request', `'stop[${index}]' is empty; a stop sequence needs text.`, {
          param: `stop[${index}]`,
        });
      }
    });
    settings.stop = value;
  },
  seed: (value, settings) => {
    settings.seed = toSamplerSeed(value);
  },
  presencePenalty: (value, settings) => {
    settings.presencePenalty = value;
  },
  frequencyPenalty: (value, settings) => {
    settings.frequencyPenalty = value;
  },
  logprobs: (value) => {
    if (value) throw unsupported('logprobs', 'Local models do not return logprobs; remove logprobs.');
  },
  topLogprobs: (value) => {
    if (value > 0) throw unsupported('top_logprobs', 'Local models do not return logprobs; remove top_logprobs.');
  },
  tools: (value, settings) => {
    settings.tools = value;
  },
  toolChoice: (value, settings) => {
    settings.toolChoice = value;
  },
  parallelToolCalls: (value, settings) => {
    settings.parallelToolCalls = value;
  },
  responseFormat: (value, settings) => {
    settings.responseFormat = value;
  },
  reasoningEffort: (_value, settings) => {
    settings.warnings.push({
      type: 'dropped',
      param: 'reasoning_effort',
      detail: 'local models reason as their chat template makes them; the effort cannot be set.',
    });
  },
  // An end-user id for the vendor's abuse monitoring; it has no effect on what a model generates.
  user: () => undefined,
};

/**
 * Maps every canonical setting and the request's extra parameters onto local sampling, refusing what a
 * local model cannot do (400) and dropping with a warning what it can do without. Warnings are also pushed
 * to the call context, which turns them into the response header.
 */
export function readLocalChatSettings(request: ChatRequest, context: CallContext): LocalChatSettings {
  const settings: LocalChatSettings = {
    maxOutputTokens: undefined,
    temperature: LOCAL_SAMPLING_DEFAULTS.temperature,
    topP: LOCAL_SAMPLING_DEFAULTS.topP,
    topK: LOCAL_SAMPLING_DEFAULTS.topK,
    minP: LOCAL_SAMPLING_DEFAULTS.minP,
    // node-llama-cpp's own default is the current second, so two requests in one second would share it.
    seed: randomInt(0, 2 ** 32),
    stop: [],
    presencePenalty: undefined,
    frequencyPenalty: undefined,
    repeatPenalty: undefined,
    tools: undefined,
    toolChoice: undefined,
    parallelToolCalls: undefined,
    responseFormat: undefined,
    warnings: [],
  };
  for (const key of Object.keys(LOCAL_CHAT_SETTINGS) as ChatSettingKey[]) {
    const value = request[key];
    if (value === undefined || value === null) continue;
    const write = LOCAL_CHAT_SETTINGS[key] as (
      value: unknown,
      settings: LocalChatSettings,
      request: ChatRequest,
    ) => void;
    write(value, settings, request);
  }
  readLocalExtra(request.extra, settings, context.unknownParameters);
  context.warnings.push(...settings.warnings);
  return settings;
}

/**
 * llama.cpp seeds its sampler with an unsigned 32-bit integer; OpenAI takes any 64-bit one. Wrapping keeps
 * every client seed meaningful and deterministic (node-llama-cpp would clamp negatives to 0 otherwise).
 */
function toSamplerSeed(seed: number): number {
  const range = 2 ** 32;
  return ((Math.trunc(seed) % range) + range) % range;
}
