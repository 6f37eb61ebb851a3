import type { UpstreamRequest } from '../../kit/index.js';
import type { BackendTarget, CallContext, JsonObject } from '../../spec/index.js';

/** What the OpenAI SDK waits by default; a connection may shorten it. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 600_000;

export interface CreateUpstreamRequestOptions {
  providerId: string;
  url: string;
  target: BackendTarget;
  context: CallContext;
  /** The vendor's credential headers (`authorization`, `api-key`, `x-api-key`…), already built from the key. */
  authHeaders: Record<string, string>;
  /** Vendor headers every call carries (`anthropic-version`). */
  vendorHeaders?: Record<string, string>;
  body: JsonObject;
  stream: boolean;
}

/**
 * One upstream POST with Hangar's common headers. The connection's own headers come last so an operator
 * can override anything (a gateway in front of the vendor may want a different authorization scheme).
 */
export function createUpstreamRequest(options: CreateUpstreamRequestOptions): UpstreamRequest {
  const { connection } = options.target;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: options.stream ? 'text/event-stream' : 'application/json',
    // Lets an operator find one request in the upstream's logs.
    'x-hangar-request-id': options.context.requestId,
    ...lowerCaseKeys(options.vendorHeaders ?? {}),
    ...lowerCaseKeys(options.authHeaders),
    ...lowerCaseKeys(connection.headers ?? {}),
  };
  return {
    providerId: options.providerId,
    url: options.url,
    method: 'POST',
    headers,
    body: JSON.stringify(options.body),
    signal: options.context.signal,
    timeoutMs: connection.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
    connectTimeoutMs: connection.connectTimeoutMs,
    idleTimeoutMs: connection.idleTimeoutMs,
    secrets: connection.apiKey === undefined ? [] : [connection.apiKey],
  };
}

// Header names are case-insensitive; two spellings of one name would be sent twice.
export function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}
