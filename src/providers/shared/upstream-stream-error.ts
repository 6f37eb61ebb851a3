import { GatewayError } from '../../spec/index.js';
import type { ErrorCode } from '../../spec/index.js';

export interface UpstreamStreamErrorOptions {
  providerId: string;
  message: string | undefined;
  vendorCode?: string;
  code?: ErrorCode;
  secrets: readonly string[];
}

/** An error the upstream reported inside a stream that had already begun. */
export function upstreamStreamError(options: UpstreamStreamErrorOptions): GatewayError {
  const detail = options.message === undefined ? '' : `: ${scrub(options.message, options.secrets)}`;
  return new GatewayError(
    options.code ?? 'upstream_error',
    `The upstream (${options.providerId}) failed during the stream${detail}`,
    { upstream: { providerId: options.providerId, vendorCode: options.vendorCode } },
  );
}

/** A stream that stopped without the vendor's end marker was cut, whatever the transport said. */
export function truncatedStreamError(providerId: string, detail: string): GatewayError {
  return new GatewayError('upstream_error', `The upstream (${providerId}) stream ended early: ${detail}.`, {
    upstream: { providerId },
  });
}

function scrub(text: string, secrets: readonly string[]): string {
  let result = text.length > 500 ? `${text.slice(0, 500)}…` : text;
  for (const secret of secrets) if (secret.length >= 6) result = result.split(secret).join('[redacted]');
  return result;
}
