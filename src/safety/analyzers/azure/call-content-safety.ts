import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { connectionError, parseRetryAfterMs, safeParseJson, upstreamDispatcher } from '../../../kit/index.js';
import { GatewayError } from '../../../spec/index.js';
import type { ErrorCode, JsonValue } from '../../../spec/index.js';
import { azureErrorBodySchema } from './azure-content-safety-wire.js';

/** Named in errors and in `upstream.providerId`, so logs tell this upstream from the chat backends. */
export const CONTENT_SAFETY_PROVIDER_ID = 'azure-content-safety';
const SERVICE = 'Azure AI Content Safety';

export interface ContentSafetyConnection {
  /** `https://<resource>.cognitiveservices.azure.com`, without a trailing slash. */
  endpoint: string;
  apiKey: string;
  apiVersion: string;
  /** The whole call, headers and body. */
  timeoutMs: number;
}

/**
 * Posts one request to a text operation and resolves with the JSON answer. It goes through the project's
 * keep-alive pool; the deadline covers the body too, because a classifier that stalls mid-body holds a prompt
 * back as surely as one that never answers. Failures are GatewayErrors naming Azure's status, code and message;
 * the key never appears in them.
 */
export async function callContentSafety(
  connection: ContentSafetyConnection,
  operation: 'text:analyze' | 'text:shieldPrompt',
  body: object,
  signal?: AbortSignal,
): Promise<JsonValue> {
  const url = `${connection.endpoint}/contentsafety/${operation}?api-version=${encodeURIComponent(connection.apiVersion)}`;
  const deadline = AbortSignal.timeout(connection.timeoutMs);
  const combined = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
  let status: number;
  let headers: Dispatcher.ResponseData['headers'];
  let text: string;
  try {
    const response = await request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'ocp-apim-subscription-key': connection.apiKey,
      },
      body: JSON.stringify(body),
      dispatcher: upstreamDispatcher(),
      signal: combined,
    });
    status = response.statusCode;
    headers = response.headers;
    text = await response.body.text();
  } catch (error) {
    if (deadline.aborted && signal?.aborted !== true) {
      throw new GatewayError('upstream_timeout', `${SERVICE} did not answer within ${connection.timeoutMs} ms.`, {
        cause: error,
        upstream: { providerId: CONTENT_SAFETY_PROVIDER_ID },
      });
    }
    throw connectionError({ providerId: CONTENT_SAFETY_PROVIDER_ID, signal: combined }, error);
  }
  if (status < 200 || status >= 300) throw statusError(status, headers, text, connection.apiKey);
  const parsed = safeParseJson(text);
  if (!parsed.ok) {
    throw new GatewayError('upstream_error', `${SERVICE} answered ${status} with a body that is not JSON.`, {
      upstream: { providerId: CONTENT_SAFETY_PROVIDER_ID, status },
    });
  }
  return parsed.value;
}

function statusError(
  status: number,
  headers: Dispatcher.ResponseData['headers'],
  text: string,
  apiKey: string,
): GatewayError {
  const parsed = safeParseJson(text);
  const vendor = parsed.ok ? azureErrorBodySchema.safeParse(parsed.value) : undefined;
  const code = vendor?.success === true ? (vendor.data.error.code ?? undefined) : undefined;
  const message = vendor?.success === true ? (vendor.data.error.message ?? undefined) : undefined;
  const requestId = firstHeader(headers['apim-request-id']) ?? firstHeader(headers['x-request-id']);
  const detail = `${status}${code === undefined ? '' : ` ${code}`}`;
  const said = message === undefined ? '' : `: ${scrub(message, apiKey)}`;
  const upstream = { providerId: CONTENT_SAFETY_PROVIDER_ID, status, vendorCode: code, requestId };
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(headers) : undefined;
  return new GatewayError(errorCodeFor(status), `${SERVICE} answered ${detail}${said}`, { retryAfterMs, upstream });
}

/**
 * Every failure of the analyzer is Hangar's, not the client's (Hangar chose the text, its length and the key), so
 * none maps to a 4xx of the client's: a 400 from Azure is an upstream error like a 500.
 */
function errorCodeFor(status: number): ErrorCode {
  if (status === 429) return 'upstream_rate_limited';
  if (status === 408 || status === 504) return 'upstream_timeout';
  if (status === 503) return 'upstream_unavailable';
  return 'upstream_error';
}

function scrub(text: string, secret: string): string {
  return secret.length >= 6 ? text.split(secret).join('[redacted]') : text;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
