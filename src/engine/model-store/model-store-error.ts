/** Why a model store operation failed; the CLI and, later, the admin API map these to their own answers. */
export type ModelStoreErrorCode =
  | 'invalid_name'
  | 'invalid_source'
  | 'invalid_sha256'
  | 'not_found'
  | 'duplicate'
  | 'invalid_gguf'
  | 'invalid_manifest'
  | 'checksum_mismatch'
  | 'download_failed'
  | 'network'
  | 'offline'
  | 'aborted';

/** A model store failure; the message says what to do about it. */
export class ModelStoreError extends Error {
  readonly code: ModelStoreErrorCode;

  constructor(code: ModelStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelStoreError';
    this.code = code;
  }
}
