import { GatewayError } from '../../spec/index.js';
import type { ChatRequest, JsonObject, SettingWarning } from '../../spec/index.js';
import { applyChatSettings } from '../shared/index.js';
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
  applyExtraParameters(request.extra, body, options);
  if (options.stream) body.stream = true;
  return body;
}

/**
 * Messages API parameters with no canonical equivalent. A client that sends them (typically through the
 * Anthropic dialect) means them for Anthropic, so they are forwarded whatever the unknown-parameter policy.
 * https://docs.anthropic.com/en/api/messages
 */
const NATIVE_ANTHROPIC_KEYS = new Set([
  'thinking',
  'top_k',
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
]);

/** Parameters Hangar does not know cannot be assumed to mean anything to Anthropic: the policy decides. */
function applyExtraParameters(extra: ChatRequest['extra'], body: JsonObject, options: BuildAnthropicBodyOptions): void {
  const keys: string[] = [];
  for (const key of Object.keys(extra)) {
    if (NATIVE_ANTHROPIC_KEYS.has(key)) body[key] = extra[key] ?? null;
    else keys.push(key);
  }
  if (keys.length === 0) return;
  if (options.unknownParameters === 'error') {
    throw new GatewayError(
      'unknown_parameter',
      `Unknown parameter${keys.length > 1 ? 's' : ''} for an Anthropic backend: ${keys.join(', ')}. Remove ${keys.length > 1 ? 'them' : 'it'}.`,
      { param: keys[0] },
    );
  }
  for (const key of keys) {
    if (options.unknownParameters === 'drop') {
      options.warnings.push({ type: 'dropped', param: key, detail: 'not a parameter Hangar maps to Anthropic.' });
    } else if (!RESERVED_KEYS.has(key)) {
      body[key] = extra[key] ?? null;
    }
  }
}
