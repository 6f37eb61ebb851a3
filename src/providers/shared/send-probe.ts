import { sendUpstream } from '../../kit/index.js';
import type { BackendTarget } from '../../spec/index.js';
import { lowerCaseKeys } from './create-upstream-request.js';

/** A probe waits this long for headers when the connection names no timeout (routing always sets one). */
const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

export interface SendProbeOptions {
  providerId: string;
  /** A cheap GET on the upstream, usually its model listing. */
  url: string;
  target: BackendTarget;
  signal: AbortSignal;
  authHeaders: Record<string, string>;
  vendorHeaders?: Record<string, string>;
}

/**
 * One health probe: a GET with the connection's credentials and headers. Resolves on a 2xx, throws the
 * upstream's status as a GatewayError otherwise (sendUpstream); the listing itself is not read.
 */
export async function sendProbe(options: SendProbeOptions): Promise<void> {
  const { connection } = options.target;
  const response = await sendUpstream({
    providerId: options.providerId,
    url: options.url,
    method: 'GET',
    headers: {
      accept: 'application/json',
      ...lowerCaseKeys(options.vendorHeaders ?? {}),
      ...lowerCaseKeys(options.authHeaders),
      ...lowerCaseKeys(connection.headers ?? {}),
    },
    signal: options.signal,
    timeoutMs: connection.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    connectTimeoutMs: connection.connectTimeoutMs,
    idleTimeoutMs: connection.idleTimeoutMs,
    secrets: connection.apiKey === undefined ? [] : [connection.apiKey],
  });
  // Drained rather than destroyed, so the keep-alive connection goes back to the pool.
  await response.body.text();
}
