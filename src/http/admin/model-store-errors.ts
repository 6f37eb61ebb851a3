import { ModelStoreError, type ModelStoreErrorCode } from '../../engine/index.js';
import { GatewayError, toGatewayError, type ErrorCode } from '../../spec/index.js';

/** How each store failure is answered: a bad source or name is the caller's to fix; a failing server is not. */
const ANSWER_BY_STORE_CODE: Record<ModelStoreErrorCode, { code: ErrorCode; param?: string }> = {
  invalid_name: { code: 'invalid_request', param: 'name' },
  duplicate: { code: 'invalid_request', param: 'name' },
  invalid_source: { code: 'invalid_request', param: 'source' },
  invalid_gguf: { code: 'invalid_request', param: 'source' },
  invalid_sha256: { code: 'invalid_request', param: 'sha256' },
  checksum_mismatch: { code: 'invalid_request', param: 'sha256' },
  not_found: { code: 'not_found', param: 'source' },
  invalid_manifest: { code: 'internal_error' },
  download_failed: { code: 'upstream_error' },
  network: { code: 'upstream_unavailable' },
  offline: { code: 'upstream_unavailable' },
  aborted: { code: 'client_closed_request' },
};

/** A model store failure as the admin API answers it; the store's message already says what to do. */
export function fromModelStoreError(error: unknown): GatewayError {
  if (!(error instanceof ModelStoreError)) return toGatewayError(error);
  const answer = ANSWER_BY_STORE_CODE[error.code];
  return new GatewayError(answer.code, error.message, {
    ...(answer.param === undefined ? {} : { param: answer.param }),
    cause: error,
  });
}
