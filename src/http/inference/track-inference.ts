import type { FastifyRequest } from 'fastify';
import type { DialectId } from '../../dialects/index.js';
import { toGatewayError } from '../../spec/index.js';
import { RequestTelemetry, type Operation } from '../../telemetry/index.js';
import type { InferenceServices } from './inference-services.js';

/**
 * Runs an inference handler inside its telemetry: counts it in flight, opens its metrics and trace span (finished
 * by `recordUsage` when it is answered, or here when it fails), and logs its body when `log_prompts` is on.
 */
export async function trackInference<T>(
  services: InferenceServices,
  request: FastifyRequest,
  dialect: DialectId,
  operation: Operation,
  handle: () => Promise<T>,
): Promise<T> {
  const telemetry = services.telemetry;
  if (telemetry === undefined) return handle();
  telemetry.inFlight.started();
  const traceparent = request.headers.traceparent;
  const tracked = new RequestTelemetry(
    telemetry.metrics,
    telemetry.tracer,
    dialect,
    operation,
    performance.now(),
    request.id,
    typeof traceparent === 'string' ? traceparent : undefined,
  );
  request.inferenceTelemetry = tracked;
  // Off by default: prompts are customer data. The logger redacts message fields otherwise (createLogger).
  if (telemetry.logPrompts) request.log.info({ requestId: request.id, prompt: request.body }, 'inference request');
  try {
    return await handle();
  } catch (error) {
    tracked.failed(toGatewayError(error));
    throw error;
  } finally {
    tracked.close();
    telemetry.inFlight.ended();
  }
}
