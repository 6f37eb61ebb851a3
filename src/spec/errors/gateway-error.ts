import { httpStatusOf, type ErrorCode } from './error-codes.js';
import type { ContentFilterResults } from '../safety/content-filter-results.js';

/** What Hangar knows about a failed upstream call. Kept for logs; only `status` is ever shown to clients. */
export interface UpstreamFailure {
  providerId: string;
  /** HTTP status from the upstream; absent when the connection itself failed. */
  status?: number;
  /** The vendor's own error code or type, when it sent one. */
  vendorCode?: string;
  /** Upstream request id, for support tickets with the vendor. */
  requestId?: string;
}

export interface GatewayErrorOptions {
  /** The request parameter at fault, as the client spelled it. */
  param?: string;
  /** How long the client should wait before retrying (429/503). */
  retryAfterMs?: number;
  /** False when a retry cannot succeed (spent budget): sent as `x-should-retry: false`. */
  shouldRetry?: boolean;
  upstream?: UpstreamFailure;
  /** A `content_filter` refusal: what the filter found, sent as Azure's `innererror.content_filter_result`. */
  contentFilter?: ContentFilterResults;
  cause?: unknown;
}

/** The one error class. Anything else thrown on a request path is normalised into it before rendering. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly shouldRetry: boolean | undefined;
  readonly upstream: UpstreamFailure | undefined;
  readonly contentFilter: ContentFilterResults | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = httpStatusOf(code);
    this.param = options.param;
    this.retryAfterMs = options.retryAfterMs;
    this.shouldRetry = options.shouldRetry;
    this.upstream = options.upstream;
    this.contentFilter = options.contentFilter;
  }

  /** A retry on another backend may succeed: rate limits, server errors, timeouts, dropped connections. */
  get isRetryableUpstream(): boolean {
    return this.upstream !== undefined && (this.status === 429 || this.status >= 500);
  }
}

export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('internal_error', 'Hangar failed to handle the request.', { cause: error });
}
