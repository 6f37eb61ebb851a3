import { isJsonObject } from '../../spec/index.js';
import type { CallContext, ChatRequest, JsonObject, SettingWarning } from '../../spec/index.js';
import { applyChatSettings, applyExtraParameters, dropCacheControl, type ExtraParameterLane } from '../shared/index.js';
import { convertToOpenAiMessages } from './convert-to-openai-messages.js';
import { OPENAI_CHAT_SETTINGS } from './openai-chat-settings.js';

export interface BuildOpenAiChatBodyOptions {
  /** The upstream model name (the backend's, not the client's deployment name). */
  model: string;
  stream: boolean;
  supportsDeveloperRole: boolean;
  /**
   * Whether the vendor understands `stream_options`. Those that do are always asked for usage (billing
   * needs it; the dialect hides the chunk from clients that did not ask); Mistral rejects the field and
   * sends usage in its last chunk anyway.
   */
  supportsStreamOptions: boolean;
  unknownParameters: CallContext['unknownParameters'];
  warnings: SettingWarning[];
}

const OPENAI_LANE: ExtraParameterLane = {
  laneName: 'for an OpenAI-compatible backend',
  family: 'openai',
  // Keys the gateway owns; a client's `extra` may not replace them.
  reservedKeys: new Set(['model', 'messages', 'stream']),
};

/** The canonical request as a Chat Completions body; unknown client parameters pass through verbatim. */
export function buildOpenAiChatBody(original: ChatRequest, options: BuildOpenAiChatBodyOptions): JsonObject {
  const request = dropCacheControl(
    original,
    options.warnings,
    'Chat Completions has no cache breakpoints; OpenAI and Azure OpenAI cache long prompt prefixes automatically.',
  );
  const body: JsonObject = {
    model: options.model,
    messages: convertToOpenAiMessages(request.messages, { supportsDeveloperRole: options.supportsDeveloperRole }),
  };
  applyChatSettings(OPENAI_CHAT_SETTINGS, request, { body, request });
  applyExtraParameters(request, body, OPENAI_LANE, options.unknownParameters, options.warnings);
  if (options.stream) {
    body.stream = true;
    const clientOptions = isJsonObject(body.stream_options) ? body.stream_options : {};
    if (options.supportsStreamOptions) body.stream_options = { ...clientOptions, include_usage: true };
    else delete body.stream_options;
  } else {
    delete body.stream_options;
  }
  return body;
}
