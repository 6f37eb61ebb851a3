import { encodeSseEvent } from '../../kit/index.js';
import type { GatewayError, JsonObject } from '../../spec/index.js';
import type { RenderedError } from '../dialect.js';
import { retryHeaders } from '../shared/retry-headers.js';

const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
};

/** Anthropic's `error.type` for a status (https://docs.anthropic.com/en/api/errors). */
export function anthropicErrorType(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

function errorObject(error: GatewayError): JsonObject {
  return { type: anthropicErrorType(error.status), message: error.message };
}

export function renderAnthropicError(error: GatewayError, requestId: string): RenderedError {
  return {
    status: error.status,
    headers: { 'request-id': requestId, ...retryHeaders(error) },
    body: { type: 'error', error: errorObject(error), request_id: requestId },
  };
}

/** After headers: the Anthropic SDK throws on an `error` event. */
export function renderAnthropicStreamError(error: GatewayError): string {
  return encodeSseEvent('error', JSON.stringify({ type: 'error', error: errorObject(error) }));
}
