export { chatWrapperFor } from './chat-wrapper-for.js';
export { collectChatResult } from './collect-chat-result.js';
export { generateLocalChat } from './generate-local-chat.js';
export type { LocalChatModel } from './local-chat-model.js';
export { prepareLocalChat } from './prepare-local-chat.js';
export type { PreparedLocalChat } from './prepared-local-chat.js';
