export { anthropicDialect } from './anthropic-dialect.js';
export { parseAnthropicRequest } from './parse-anthropic-request.js';
export { parseAnthropicMessages, parseAnthropicSystem } from './parse-anthropic-messages.js';
export { parseToolInput, renderAnthropicMessage } from './render-anthropic-message.js';
export { renderAnthropicStream } from './render-anthropic-stream.js';
export { anthropicMessageId, renderAnthropicStopReason, renderAnthropicUsage } from './render-anthropic-stop-reason.js';
export { anthropicErrorType, renderAnthropicError, renderAnthropicStreamError } from './anthropic-error-envelope.js';
