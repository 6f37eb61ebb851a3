import { encodeSseEvent } from '../../../src/kit/index.js';
import { messageBody, messageStreamFrames, planMessage } from './anthropic-message.js';
import { isObject, promptCharacters, promptTokensFor } from './deterministic-reply.js';
import { startEmulatorServer } from './emulator-server.js';
import type { JsonReply, Reply, VendorBehaviour } from './emulator-server.js';
import type { Emulator, RecordedRequest } from './emulator-types.js';
import { DEFAULT_STREAM_CHUNKS } from './openai-style-emulator.js';

export interface AnthropicEmulatorOptions {
  apiKey?: string;
  latencyMs?: number;
  /** How many deltas each streamed content block is split into. Default 3. */
  streamChunks?: number;
  /** False keeps `requests` empty, for long benchmarks. Default true. */
  recordRequests?: boolean;
}

const ANTHROPIC_VERSIONS = new Set(['2023-06-01', '2023-01-01']);

/** The documented error type of each status. */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ERROR_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error:
    'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded',
};

function errorType(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** `{"type":"error","error":{"type","message"},"request_id"}` */
function anthropicError(
  status: number,
  requestId: string,
  message?: string,
  headers: Record<string, string> = {},
): JsonReply {
  const type = errorType(status);
  return {
    kind: 'json',
    status,
    body: { type: 'error', error: { type, message: message ?? ERROR_MESSAGES[type] }, request_id: requestId },
    headers: { 'request-id': requestId, ...headers },
  };
}

/** Starts an emulator of Anthropic's Messages API (`/v1/messages`, `/v1/messages/count_tokens`). */
export function startAnthropicEmulator(options: AnthropicEmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? 'sk-ant-emulator';
  const streamChunks = options.streamChunks ?? DEFAULT_STREAM_CHUNKS;
  let sequence = 0;
  const nextRequestId = (): string => `req_emu${(sequence += 1).toString(16).padStart(12, '0')}`;

  function answerMessages(body: unknown, requestId: string, countOnly: boolean): Reply {
    if (!isObject(body))
      return anthropicError(400, requestId, 'There was an issue with the format of your request body.');
    for (const field of countOnly ? ['model', 'messages'] : ['model', 'max_tokens', 'messages']) {
      if (body[field] === undefined) return anthropicError(400, requestId, `${field}: Field required`);
    }
    if (!Array.isArray(body.messages)) return anthropicError(400, requestId, 'messages: Input should be a valid list');
    if (countOnly) {
      const inputTokens = promptTokensFor(promptCharacters(body.messages, body.system));
      return { kind: 'json', status: 200, body: { input_tokens: inputTokens }, headers: { 'request-id': requestId } };
    }
    if (typeof body.max_tokens !== 'number' || body.max_tokens < 1) {
      return anthropicError(400, requestId, 'max_tokens: Input should be greater than or equal to 1');
    }
    const plan = planMessage(body);
    const id = `msg_emu${requestId.slice('req_emu'.length)}`;
    const headers = { 'request-id': requestId };
    if (body.stream === true) return { kind: 'stream', frames: messageStreamFrames(plan, id, streamChunks), headers };
    return { kind: 'json', status: 200, body: messageBody(plan, id), headers };
  }

  const vendor: VendorBehaviour = {
    answer(request: RecordedRequest): Reply {
      const requestId = nextRequestId();
      if (request.headers['x-api-key'] !== apiKey) {
        const message = request.headers['x-api-key'] === undefined ? 'x-api-key header is required' : undefined;
        return anthropicError(401, requestId, message);
      }
      const version = request.headers['anthropic-version'];
      if (version === undefined) return anthropicError(400, requestId, 'anthropic-version: header is required');
      if (typeof version !== 'string' || !ANTHROPIC_VERSIONS.has(version)) {
        return anthropicError(400, requestId, `anthropic-version: invalid version ${String(version)}`);
      }
      if (request.method === 'POST' && request.path === '/v1/messages')
        return answerMessages(request.body, requestId, false);
      if (request.method === 'POST' && request.path === '/v1/messages/count_tokens') {
        return answerMessages(request.body, requestId, true);
      }
      return anthropicError(404, requestId, 'Not Found');
    },
    statusReply: (status) => anthropicError(status, nextRequestId()),
    rateLimitReply: (seconds) =>
      anthropicError(429, nextRequestId(), undefined, {
        'retry-after': String(seconds),
        'retry-after-ms': String(seconds * 1000),
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': new Date(Date.now() + seconds * 1000).toISOString(),
      }),
    errorFrame: () =>
      encodeSseEvent(
        'error',
        JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
      ),
  };
  return startEmulatorServer(vendor, {
    apiKey,
    basePath: '/v1',
    latencyMs: options.latencyMs ?? 0,
    recordRequests: options.recordRequests ?? true,
  });
}
