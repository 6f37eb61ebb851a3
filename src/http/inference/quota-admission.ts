import type { FastifyReply } from 'fastify';
import type { ResolvedDeployment } from '../../control/registry-types.js';
import { quotaExceededMessage, rateLimitHeaders, type QuotaLimiter, type QuotaReservation } from '../../quota/index.js';
import { GatewayError } from '../../spec/index.js';
import { reserveSharedCapacity } from './reserve-shared-capacity.js';

/** An admitted request's reservation, settled to what it really used once it ends. */
export interface QuotaTicket {
  settle(actualTokens: number): void;
}

const UNLIMITED: QuotaTicket = { settle: () => undefined };

/**
 * Charges a request to its deployment's TPM and RPM before it is sent anywhere, as Azure does: the prompt's
 * estimate plus the output it may produce. Every response of a limited deployment carries the remaining
 * headers; a refusal is a 429 naming the limit, with `retry-after`. A non-provisioned deployment whose primary
 * connection has a capacity is then charged the same estimate on the capacity the connection shares (what
 * provisioned deployments leave); if that refuses, the deployment's own charge is given back and the 429 names
 * the connection's shared capacity. Provisioned deployments never touch it, so their capacity stays theirs.
 */
export async function admitToQuota(
  quota: QuotaLimiter | undefined,
  deployment: ResolvedDeployment,
  reply: FastifyReply,
  estimateTokens: () => number,
): Promise<QuotaTicket> {
  const capacity = deployment.sharedCapacity;
  // Unlimited deployments on connections without a capacity (most) pay nothing here: the estimate is only
  // computed when something counts it.
  if (quota === undefined || (deployment.limits === null && capacity === null)) return UNLIMITED;
  const tokens = estimateTokens();
  const reservations: QuotaReservation[] = [];
  if (deployment.limits !== null) {
    const result = await quota.reserve(deployment.id, { tokens, requests: 1 }, deployment.limits);
    for (const [name, value] of Object.entries(rateLimitHeaders(result))) {
      // The error renderer writes retry-after itself, from the error; these are the counters.
      if (name.startsWith('x-ratelimit-')) void reply.header(name, value);
    }
    if (!result.admitted) {
      throw new GatewayError('rate_limit_exceeded', quotaExceededMessage(result, deployment.name), {
        ...(result.reason === 'window_full' ? { retryAfterMs: result.retryAfterMs } : { shouldRetry: false }),
        param: result.limit === 'tokens' ? 'max_tokens' : undefined,
      });
    }
    reservations.push(result.reservation);
  }
  // Off the answer's path: a failed correction only leaves the estimate standing until the window ends.
  const settleAll = (actualTokens: number) => {
    for (const reservation of reservations) void quota.settle(reservation, actualTokens).catch(() => undefined);
  };
  if (capacity !== null) {
    try {
      reservations.push(await reserveSharedCapacity(quota, capacity, tokens));
    } catch (error) {
      // The request never ran: the deployment's own estimate is given back.
      settleAll(0);
      throw error;
    }
  }
  let settled = false;
  return {
    settle(actualTokens) {
      if (settled) return;
      settled = true;
      settleAll(actualTokens);
    },
  };
}
