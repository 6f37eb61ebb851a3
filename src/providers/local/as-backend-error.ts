import { GatewayError, toGatewayError } from '../../spec/index.js';

/**
 * The engine's busy and failure errors (a full queue, memory held by models in use, a model that failed to
 * load) are what another backend of the same deployment could answer instead, so they are marked as coming
 * from the `local` backend; routing then fails over as it does for a vendor's 429 or 5xx. Client errors and
 * cancellations pass through unchanged.
 */
export function asBackendError(error: unknown): GatewayError {
  const gatewayError = toGatewayError(error);
  if (gatewayError.upstream !== undefined) return gatewayError;
  if (gatewayError.status !== 429 && gatewayError.status < 500) return gatewayError;
  if (gatewayError.code === 'internal_error') return gatewayError;
  return new GatewayError(gatewayError.code, gatewayError.message, {
    param: gatewayError.param,
    retryAfterMs: gatewayError.retryAfterMs,
    shouldRetry: gatewayError.shouldRetry,
    upstream: { providerId: 'local', status: gatewayError.status },
    cause: gatewayError.cause ?? gatewayError,
  });
}
