export type { JsonParseResult } from './json/parse-json.js';
export { parseClientJson, safeParseJson } from './json/parse-json.js';
export type { SseEvent } from './sse/sse-event.js';
export { decodeSse } from './sse/decode-sse.js';
export { SSE_DONE, SSE_KEEP_ALIVE, encodeSseData, encodeSseEvent } from './sse/encode-sse.js';
export { parseRetryAfterMs } from './http/parse-retry-after.js';
export type { UpstreamRequest, UpstreamResponse } from './http/upstream-client.js';
export { connectionError, readUpstreamJson, sendUpstream, upstreamDispatcher } from './http/upstream-client.js';
export { upstreamStatusError } from './http/upstream-status-error.js';
