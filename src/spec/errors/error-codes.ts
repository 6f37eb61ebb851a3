/**
 * The closed set of errors Hangar answers with, and the HTTP status of each. Status codes are API: the
 * official SDKs retry 408, 409, 429 and every 5xx, so a client mistake must never be a 5xx. Codes reuse
 * OpenAI's names where OpenAI has one. docs/errors.md lists every code; a test keeps the two in step.
 */
export const HTTP_STATUS_BY_ERROR_CODE = {
  invalid_json: 400,
  invalid_request: 400,
  unknown_parameter: 400,
  unsupported_parameter: 400,
  missing_model: 400,
  upstream_bad_request: 400,
  content_filter: 400,
  invalid_api_key: 401,
  invalid_credentials: 401,
  permission_denied: 403,
  not_found: 404,
  model_not_found: 404,
  unsupported_api_version: 404,
  method_not_allowed: 405,
  request_too_large: 413,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  upstream_rate_limited: 429,
  client_closed_request: 499,
  internal_error: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  insufficient_memory: 507,
} as const;

export type ErrorCode = keyof typeof HTTP_STATUS_BY_ERROR_CODE;

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_BY_ERROR_CODE[code];
}

export const ERROR_CODES = Object.keys(HTTP_STATUS_BY_ERROR_CODE) as ErrorCode[];
