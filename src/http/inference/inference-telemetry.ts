import type { GatewayMetrics, RequestTracer } from '../../telemetry/index.js';
import type { InFlightRequests } from './in-flight-requests.js';

/** What the inference routes record about each request; see docs/operations.md. */
export interface InferenceTelemetry {
  /** Absent when `server.metrics` is false: nothing is recorded. */
  metrics: GatewayMetrics | undefined;
  /** Absent when `telemetry.traces` is off. */
  tracer: RequestTracer | undefined;
  inFlight: InFlightRequests;
  /** `log_prompts`: each inference request's body is logged with its request id. */
  logPrompts: boolean;
}
