import type { ChatRequest, ChatSettingKey, SettingWarning } from '../../spec/index.js';

/** A copy of the request without one setting, with a warning for the client's `x-hangar-warnings`. */
export function dropChatSetting(
  request: ChatRequest,
  key: ChatSettingKey,
  warning: { param: string; detail: string },
  warnings: SettingWarning[],
): ChatRequest {
  if (request[key] === undefined) return request;
  warnings.push({ type: 'dropped', param: warning.param, detail: warning.detail });
  const copy = { ...request };
  delete copy[key];
  return copy;
}
