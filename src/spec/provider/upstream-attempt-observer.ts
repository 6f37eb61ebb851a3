import type { GatewayError } from '../errors/gateway-error.js';
import type { BackendTarget } from './backend-target.js';

/**
 * Told about every call routing makes to a backend, so the http layer can count upstream errors and open a trace
 * span per attempt without routing knowing about telemetry. Routing calls `attemptStarted` before an attempt and
 * `attemptEnded` once it answered (for a stream: once the upstream accepted it) or failed.
 */
export interface UpstreamAttemptObserver {
  attemptStarted(backend: BackendTarget, attempt: number): void;
  attemptEnded(backend: BackendTarget, attempt: number, error: GatewayError | undefined): void;
}
