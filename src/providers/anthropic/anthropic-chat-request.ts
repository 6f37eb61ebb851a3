import type { ChatRequest, JsonObject, SettingWarning } from '../../spec/index.js';
import { applyChatSettings, applyExtraParameters, type ExtraParameterLane } from '../shared/index.js';
import { ANTHROPIC_CHAT_SETTINGS } from './anthropic-chat-settings.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

/** Anthropic requires max_tokens; this is what Hangar sends when the client gave none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export interface BuildAnthropicBodyOptions {
  model: string;
  stream: boolean;
  warnings: SettingWarning[];
  unknownParameters: 'error' | 'drop' | 'pass-through';
}

/** Keys the gateway owns; pass-through may not replace them. */
const RESERVED_KEYS = new Set(['model', 'messages', 'system', 'stream', 'max_tokens']);

/** The canonical request as a Messages API body. */
export function buildAnthropicBody(request: ChatRequest, options: BuildAnthropicBodyOptions): JsonObject {
  const conversation = convertToAnthropicMessages(request.messages);
  if (request.messages.some((message) => 'name' in message && message.name !== undefined)) {
    options.warnings.push({ type: 'dropped', param: 'messages[].name', detail: 'Anthropic messages carry no name.' });
  }
  const body: JsonObject = { model: options.model, messages: conversation.messages };
  if (conversation.system !== undefined) body.system = conversation.system;
  applyChatSettings(ANTHROPIC_CHAT_SETTINGS, request, { body, request, warnings: options.warnings });
  if (body.max_tokens === undefined) {
    body.max_tokens = ANTHROPIC_DEFAULT_MAX_TOKENS;
    options.warnings.push({
      type: 'changed',
      param: 'max_tokens',
      detail: `Anthropic requires max_tokens; Hangar sent ${ANTHROPIC_DEFAULT_MAX_TOKENS}.`,
    });
  }
  applyExtraParameters(request, body, ANTHROPIC_LANE, options.unknownParameters, options.warnings);
  if (options.stream) body.stream = true;
  return body;
}

/**
 * Messages API parameters with no canonical equivalent. A client that sends them means them for Anthropic,
 * so they are forwarded whatever dialect it spoke. https://docs.anthropic.com/en/api/messages
 */
const ANTHROPIC_LANE: ExtraParameterLane = {
  laneName: 'for an Anthropic backend',
  family: 'anthropic',
  reservedKeys: RESERVED_KEYS,
  nativeKeys: new Set(['thinking', 'top_k', 'service_tier', 'container', 'mcp_servers', 'context_management']),
};
