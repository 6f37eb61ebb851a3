import type { SharedCapacity } from '../../control/registry-types.js';
import { sharedCapacityExceededMessage, type QuotaLimiter, type QuotaReservation } from '../../quota/index.js';
import { GatewayError } from '../../spec/index.js';

/**
 * Charges a request of a non-provisioned deployment to what its connection's capacity leaves after provisioned
 * reservations: one more quota key, shared by every such deployment on the connection, with the RPM derived from
 * its TPM as Azure does. A refusal is a 429 that names the connection's shared capacity.
 */
export async function reserveSharedCapacity(
  quota: QuotaLimiter,
  capacity: SharedCapacity,
  tokens: number,
): Promise<QuotaReservation> {
  if (capacity.tpm < 1) {
    throw new GatewayError('rate_limit_exceeded', sharedCapacityExceededMessage(null, capacity), {
      shouldRetry: false,
    });
  }
  const result = await quota.reserve(capacity.key, { tokens, requests: 1 }, { tpm: capacity.tpm });
  if (result.admitted) return result.reservation;
  throw new GatewayError('rate_limit_exceeded', sharedCapacityExceededMessage(result, capacity), {
    ...(result.reason === 'window_full' ? { retryAfterMs: result.retryAfterMs } : { shouldRetry: false }),
    param: result.limit === 'tokens' ? 'max_tokens' : undefined,
  });
}
