export { openAiDialect } from './openai-dialect.js';
export type { OpenAiChatKey, OpenAiChatParseOptions } from './parse-openai-chat.js';
export { OPENAI_CHAT_KEYS, missingModelError, parseOpenAiChat, readBodyModel } from './parse-openai-chat.js';
export { parseOpenAiMessages } from './parse-openai-messages.js';
export { parseOpenAiResponseFormat, parseOpenAiToolChoice, parseOpenAiTools } from './parse-openai-tools.js';
export type { OpenAiChatRenderOptions } from './render-openai-chat.js';
export { renderOpenAiChat, renderToolCall } from './render-openai-chat.js';
export type { OpenAiStreamOptions } from './render-openai-stream.js';
export { renderOpenAiStream } from './render-openai-stream.js';
export { renderOpenAiUsage } from './render-openai-usage.js';
export { renderOpenAiFinishReason } from './render-openai-finish-reason.js';
export type { ReasoningStyle } from './reasoning-style.js';
export {
  parseOpenAiEmbeddingInput,
  parseOpenAiEmbeddings,
  renderEmbeddingUsage,
  renderOpenAiEmbeddings,
} from './openai-embeddings.js';
export {
  openAiErrorType,
  renderOpenAiError,
  renderOpenAiErrorBody,
  renderOpenAiStreamError,
} from './openai-error-envelope.js';
