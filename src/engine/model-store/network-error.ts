import { errors as undiciErrors } from 'undici';
import { ModelStoreError } from './model-store-error.js';

/** Failures to even reach the host: DNS, routing, refusal. */
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export interface NetworkErrorContext {
  /** The URL being fetched when it failed. */
  url: string;
  /** What was being done, for the message: `The download`, `Listing the files of owner/repo`. */
  what: string;
  /** Bytes already received (0 when nothing had arrived). */
  receivedBytes: number;
  signal: AbortSignal | undefined;
  /** Whether running the command again continues where it stopped (true for file downloads). */
  resumable: boolean;
}

/**
 * Every failure to move bytes becomes one message that says whether it looks like being offline. Being
 * offline is the common case on a laptop, so that message also says what still works without a network.
 */
export function networkError(error: unknown, context: NetworkErrorContext): ModelStoreError {
  if (error instanceof ModelStoreError) return error;
  const after = context.receivedBytes > 0 ? ` after ${megabytes(context.receivedBytes)}` : '';
  const again = context.resumable ? 'run the same command again to resume' : 'run the same command again';
  if (context.signal?.aborted === true) {
    return new ModelStoreError('aborted', `${context.what} was cancelled${after}; ${again}.`, { cause: error });
  }
  const host = new URL(context.url).host;
  const code = errorCode(error);
  if ((code !== undefined && UNREACHABLE.has(code)) || error instanceof undiciErrors.ConnectTimeoutError) {
    return new ModelStoreError(
      'offline',
      `Cannot reach ${host} (${code ?? 'connect timeout'}): this machine looks offline, or the host is down. ` +
        `Check the network and run the same command again${context.resumable ? '; the download resumes where it stopped' : ''}. ` +
        '`hangar models add FILE` works offline for a GGUF file already on this machine.',
      { cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ModelStoreError('network', `${context.what} from ${host} failed${after} (${code ?? reason}); ${again}.`, {
    cause: error,
  });
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
