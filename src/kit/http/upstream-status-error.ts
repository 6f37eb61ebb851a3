import { GatewayError, isJsonObject } from '../../spec/index.js';
import { safeParseJson } from '../json/parse-json.js';
import { parseRetryAfterMs } from './parse-retry-after.js';

export interface UpstreamStatusErrorInput {
  providerId: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  secrets: readonly string[];
}

/**
 * Turns an upstream's error answer into Hangar's table. The client learns the upstream status and, for
 * requests the upstream found malformed, the vendor's own message (it says what to fix); credentials
 * problems are Hangar's, so they become a 502 without the vendor's text.
 */
export function upstreamStatusError(input: UpstreamStatusErrorInput): GatewayError {
  const { providerId, status } = input;
  const vendor = readVendorError(input.bodyText);
  const requestId = firstHeader(input.headers['x-request-id']) ?? firstHeader(input.headers['request-id']);
  const upstream = { providerId, status, vendorCode: vendor.code, requestId };
  const vendorMessage = vendor.message === undefined ? '' : `: ${scrub(vendor.message, input.secrets)}`;

  if (status === 429) {
    return new GatewayError(
      'upstream_rate_limited',
      `The upstream (${providerId}) is rate limiting requests (429)${vendorMessage}`,
      {
        retryAfterMs: parseRetryAfterMs(input.headers),
        shouldRetry: vendor.code === 'insufficient_quota' ? false : undefined,
        upstream,
      },
    );
  }
  if (status === 400 || status === 422) {
    return new GatewayError(
      'upstream_bad_request',
      `The upstream (${providerId}) rejected the request (${status})${vendorMessage}`,
      {
        param: vendor.param,
        upstream,
      },
    );
  }
  if (status === 413) {
    return new GatewayError(
      'request_too_large',
      `The upstream (${providerId}) found the request too large (413)${vendorMessage}`,
      { upstream },
    );
  }
  if (status === 401 || status === 403) {
    return new GatewayError(
      'upstream_error',
      `The upstream (${providerId}) refused Hangar's credentials (${status}); the operator must check the connection.`,
      {
        upstream,
      },
    );
  }
  if (status === 408 || status === 504) {
    return new GatewayError('upstream_timeout', `The upstream (${providerId}) timed out (${status}).`, { upstream });
  }
  if (status === 503 || status === 529) {
    return new GatewayError(
      'upstream_unavailable',
      `The upstream (${providerId}) is unavailable (${status})${vendorMessage}`,
      {
        retryAfterMs: parseRetryAfterMs(input.headers),
        upstream,
      },
    );
  }
  return new GatewayError('upstream_error', `The upstream (${providerId}) failed (${status})${vendorMessage}`, {
    upstream,
  });
}

interface VendorError {
  message?: string;
  code?: string;
  param?: string;
}

/** OpenAI, Azure and Anthropic all nest the error under `error`; the fields differ only in name. */
function readVendorError(text: string): VendorError {
  const parsed = safeParseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) return text.trim() === '' ? {} : { message: text.slice(0, 500) };
  const error = parsed.value.error;
  // xAI answers {"code": "...", "error": "<message>"}.
  if (typeof error === 'string') {
    const code = parsed.value.code;
    return { message: error, code: typeof code === 'string' ? code : undefined };
  }
  if (!isJsonObject(error)) {
    const message = parsed.value.message;
    return typeof message === 'string' ? { message } : {};
  }
  const code = typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : undefined;
  return {
    message: typeof error.message === 'string' ? error.message : undefined,
    code,
    param: typeof error.param === 'string' ? error.param : undefined,
  };
}

function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 6) result = result.split(secret).join('[redacted]');
  return result;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
