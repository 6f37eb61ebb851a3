import type { HangarConfig } from '../config/index.js';
import type { ModelHost } from '../engine/index.js';
import { createGatewayMetrics, startTracing, type GatewayMetrics, type RequestTracer } from '../telemetry/index.js';
import { InFlightRequests } from './inference/in-flight-requests.js';
import type { InferenceTelemetry } from './inference/inference-telemetry.js';

export interface StartedTelemetry {
  inference: InferenceTelemetry;
  /** Absent when `server.metrics` is false. Other modules register their gauges here (`register`). */
  metrics: GatewayMetrics | undefined;
  /** Exports the spans still buffered; after the requests have drained. */
  close(): Promise<void>;
}

/**
 * Metrics, traces and the in-flight count of the inference routes. Traces load the OpenTelemetry SDK only when
 * `telemetry.traces` is not `off`. The local engine's queues are read when `/metrics` is scraped.
 */
export async function startTelemetry(config: HangarConfig, host: ModelHost): Promise<StartedTelemetry> {
  const metrics = config.server.metrics ? createGatewayMetrics() : undefined;
  const tracer: RequestTracer | undefined =
    config.telemetry.traces === 'off'
      ? undefined
      : await startTracing({
          exporter: config.telemetry.traces,
          ...(config.telemetry.otlpEndpoint === undefined ? {} : { otlpEndpoint: config.telemetry.otlpEndpoint }),
        });
  const inFlight = new InFlightRequests();
  if (metrics !== undefined) {
    metrics.register({
      name: 'hangar_requests_in_flight',
      help: 'Inference requests being handled (streams until their last frame).',
      collect: () => [{ labels: {}, value: inFlight.count }],
    });
    // vLLM's names for the same two gauges are vllm:num_requests_waiting and vllm:num_requests_running.
    metrics.register({
      name: 'hangar_local_requests_waiting',
      help: 'Requests queued for a slot of a locally hosted model.',
      collect: () => host.list().map((model) => ({ labels: { model: model.name }, value: model.queued })),
    });
    metrics.register({
      name: 'hangar_local_requests_running',
      help: 'Busy slots of a locally hosted model (requests generating).',
      collect: () => host.list().map((model) => ({ labels: { model: model.name }, value: model.busySlots })),
    });
    metrics.register({
      name: 'hangar_local_slots',
      help: 'Slots (parallel sequences) of a locally hosted model.',
      collect: () => host.list().map((model) => ({ labels: { model: model.name }, value: model.slots })),
    });
  }
  return {
    inference: { metrics, tracer, inFlight, logPrompts: config.logPrompts },
    metrics,
    close: async () => {
      await tracer?.shutdown();
    },
  };
}
