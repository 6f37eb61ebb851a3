import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UsageEvent } from '../../metering/index.js';
import type { AuthenticatedCaller, ResolvedDeployment } from '../../control/registry-types.js';
import { modelNotFoundError, type DialectId } from '../../dialects/index.js';
import { GatewayError, type BackendTarget, type CallContext } from '../../spec/index.js';
import type { InferenceServices } from './inference-services.js';
import type { RequestTelemetry } from '../../telemetry/index.js';
import { openServiceLevelTicket, type ServiceLevelTicket } from './service-level-ticket.js';

export interface StartedCall {
  dialect: DialectId;
  caller: AuthenticatedCaller;
  deployment: ResolvedDeployment;
  context: CallContext;
  /** performance.now() at the start, for latencies. */
  startedAt: number;
  /** Date.now() at the start: the time the usage record is dated with. */
  startedAtUnixMs: number;
  /** Null when service levels are not tracked. */
  serviceLevel: ServiceLevelTicket | null;
  /** Metrics and trace spans of this request; null when telemetry is not wired (unit tests). */
  telemetry: RequestTelemetry | null;
  /** Stops the upstream call, as a client disconnect would: the content filter ended every choice. */
  cancelUpstream: () => void;
}

/**
 * Everything between parsing and dispatch: the deployment the caller named (case-insensitively, as
 * Azure routes), and a call context whose signal fires when the client disconnects before the answer
 * is complete — for a stream, at any point while it is still being written.
 */
export function startCall(
  dialect: DialectId,
  request: FastifyRequest,
  reply: FastifyReply,
  services: InferenceServices,
  model: string,
  unknownParameters: CallContext['unknownParameters'],
): StartedCall {
  const caller = request.caller;
  if (caller === null) throw new GatewayError('invalid_api_key', 'The request was not authenticated.');
  const deployment = services.registry.resolveDeployment(caller.projectId, model);
  if (deployment === undefined) {
    throw modelNotFoundError(model);
  }
  if (caller.deployments !== null && !caller.deployments.has(deployment.name.toLowerCase())) {
    throw new GatewayError(
      'permission_denied',
      `The API key '${caller.keyName}' may not call deployment '${deployment.name}'; it is limited to ` +
        `${[...caller.deployments].join(', ')}. Use a key whose scope includes it.`,
    );
  }
  const serviceLevel = openServiceLevelTicket(services.serviceLevels, deployment);
  request.serviceLevel = serviceLevel;
  const telemetry = request.inferenceTelemetry;
  telemetry?.deploymentResolved({
    id: deployment.id,
    name: deployment.name,
    projectName: caller.projectName,
    model: deployment.model,
  });
  const controller = new AbortController();
  const response = reply.raw;
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return {
    dialect,
    caller,
    deployment,
    startedAt: performance.now(),
    startedAtUnixMs: Date.now(),
    serviceLevel,
    telemetry,
    cancelUpstream: () => controller.abort(),
    context: {
      requestId: request.id,
      projectId: caller.projectId,
      signal: controller.signal,
      warnings: [],
      unknownParameters,
      upstreamObserver: telemetry ?? undefined,
    },
  };
}

export type CallOutcome = Pick<UsageEvent, 'operation' | 'streamed' | 'outcome' | 'usage' | 'timeToFirstTokenMs'>;

/** What the ledger names as the backend of a prompt the content filter refused: none was called. */
export const CONTENT_FILTER_BACKEND = 'content-filter';

/**
 * Reports a finished call to the meter; the backend is the one that answered, `attempt` its place in the order
 * tried. A null backend is a prompt the content filter refused before any backend was called.
 */
export function recordUsage(
  services: InferenceServices,
  call: StartedCall,
  answered: { backend: BackendTarget | null; attempt: number },
  outcome: CallOutcome,
): void {
  const { backend } = answered;
  if (backend !== null) call.telemetry?.answered(backend, outcome.outcome, outcome.usage, outcome.timeToFirstTokenMs);
  services.usage.record({
    requestId: call.context.requestId,
    attempt: answered.attempt,
    at: call.startedAtUnixMs,
    projectId: call.caller.projectId,
    keyId: call.caller.keyId,
    deploymentId: call.deployment.id,
    model: call.deployment.model,
    deploymentType: call.deployment.type,
    backend: backend === null ? CONTENT_FILTER_BACKEND : `${backend.connection.name}/${backend.model}`,
    dialect: call.dialect,
    latencyMs: performance.now() - call.startedAt,
    // Providers keep the vendor's usage object in `raw`; null means Hangar counted the tokens itself.
    estimated: outcome.usage.raw === null,
    ...outcome,
  });
}
