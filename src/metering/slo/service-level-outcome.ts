import type { GatewayError } from '../../spec/index.js';

/**
 * Why a request that reached Hangar and named a deployment does not count towards its availability. Each is a
 * request the service did not fail: the client's own mistake (4xx), a limit the customer set or bought (the
 * deployment's quota, the project's budget), content the safety system refused, or a client that went away.
 */
export const EXCLUSION_REASONS = ['client_error', 'quota', 'budget', 'content_filter', 'client_abort'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** How one request ended, as the service level sees it. */
export type ServiceLevelOutcome =
  | {
      kind: 'succeeded';
      /** From the request's start to its last byte. */
      latencyMs: number;
      /** Streams only: to the first generated token. */
      timeToFirstTokenMs?: number;
      /** Generated tokens (output and reasoning); 0 for embeddings. */
      outputTokens: number;
    }
  | { kind: 'failed' }
  | { kind: 'excluded'; reason: ExclusionReason };

/**
 * The service level's reading of an error that ended a request. Upstream rate limits (`upstream_rate_limited`)
 * count as failures: the client stayed within what it bought and every backend refused it.
 */
export function classifyError(error: Pick<GatewayError, 'code' | 'status' | 'upstream'>): ServiceLevelOutcome {
  switch (error.code) {
    case 'rate_limit_exceeded':
      // Hangar's own quota refusal; the same code from a backend (a local model's full queue) is a capacity failure.
      return error.upstream === undefined ? { kind: 'excluded', reason: 'quota' } : { kind: 'failed' };
    case 'insufficient_quota':
      return { kind: 'excluded', reason: 'budget' };
    case 'client_closed_request':
      return { kind: 'excluded', reason: 'client_abort' };
    case 'upstream_rate_limited':
      return { kind: 'failed' };
    case 'upstream_bad_request':
      // Azure answers a prompt its content filter refused with a 400 whose code is `content_filter`.
      return error.upstream?.vendorCode === 'content_filter'
        ? { kind: 'excluded', reason: 'content_filter' }
        : { kind: 'excluded', reason: 'client_error' };
    default:
      return error.status >= 500 ? { kind: 'failed' } : { kind: 'excluded', reason: 'client_error' };
  }
}
