import { encodeSseData } from '../../kit/index.js';
import type { GatewayError, JsonObject } from '../../spec/index.js';
import type { RenderedError } from '../dialect.js';
import { retryHeaders } from '../shared/retry-headers.js';
import { contentFilterInnerError } from '../shared/content-filter-inner-error.js';

/**
 * OpenAI's `error.type` for a status. OpenAI answers a bad key with `invalid_request_error` and code
 * `invalid_api_key`, and a spent quota with type `insufficient_quota`.
 */
export function openAiErrorType(error: GatewayError): string {
  if (error.status === 429) return error.code === 'insufficient_quota' ? 'insufficient_quota' : 'rate_limit_exceeded';
  if (error.status === 403) return 'permission_error';
  if (error.status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** `{"error":{"message","type","param","code"}}`, the body every OpenAI SDK parses. */
export function renderOpenAiErrorBody(error: GatewayError): JsonObject {
  const body: JsonObject = {
    message: error.message,
    type: openAiErrorType(error),
    param: error.param ?? null,
    code: error.code,
  };
  const innerError = contentFilterInnerError(error);
  if (innerError !== undefined) body.innererror = innerError;
  return { error: body };
}

export function renderOpenAiError(error: GatewayError, requestId: string): RenderedError {
  return {
    status: error.status,
    headers: { 'x-request-id': requestId, ...retryHeaders(error) },
    body: renderOpenAiErrorBody(error),
  };
}

/** After headers: the OpenAI SDK throws on a data frame whose object has `error`. */
export function renderOpenAiStreamError(error: GatewayError): string {
  return encodeSseData(JSON.stringify(renderOpenAiErrorBody(error)));
}
