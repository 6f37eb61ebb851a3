import type { ResolvedDeployment } from '../../control/registry-types.js';
import { classifyError, type ServiceLevelOutcome, type SloTracker } from '../../metering/index.js';
import type { ChatChoice, GatewayError, Usage } from '../../spec/index.js';
import type { StreamObservation } from './observe-stream.js';

/**
 * A request's one entry in its deployment's service level. Opened once the request names a deployment the caller
 * may use (before that nothing can be attributed); settled by the first outcome that reaches it: the handler's
 * success, the stream's end, or the error handler's answer. Later calls are ignored, so an error raised after a
 * request was counted does not count it twice. A class rather than closures: it is made on every request.
 */
export class ServiceLevelTicket {
  #settled = false;

  constructor(
    private readonly tracker: SloTracker,
    private readonly deployment: ResolvedDeployment,
  ) {}

  settle(outcome: ServiceLevelOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    const { deployment } = this;
    this.tracker.record(
      { projectId: deployment.projectId, deploymentId: deployment.id, deploymentType: deployment.type },
      outcome,
    );
  }

  settleError(error: GatewayError): void {
    this.settle(classifyError(error));
  }
}

export function openServiceLevelTicket(
  tracker: SloTracker | undefined,
  deployment: ResolvedDeployment,
): ServiceLevelTicket | null {
  return tracker === undefined ? null : new ServiceLevelTicket(tracker, deployment);
}

/** A request the backend answered: a success, or content filtering when the vendor's filter stopped a choice. */
export function answeredOutcome(
  latencyMs: number,
  usage: Usage,
  contentFiltered: boolean,
  timeToFirstTokenMs?: number,
): ServiceLevelOutcome {
  if (contentFiltered) return { kind: 'excluded', reason: 'content_filter' };
  return {
    kind: 'succeeded',
    latencyMs,
    outputTokens: usage.output + usage.reasoning,
    ...(timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs }),
  };
}

export function anyContentFiltered(choices: readonly ChatChoice[]): boolean {
  return choices.some((choice) => choice.finishReason.unified === 'content_filter');
}

/** How a stream ended: its upstream failed, it ran to its end, or the client left before it did. */
export function streamOutcome(
  observation: Pick<StreamObservation, 'error' | 'completed' | 'contentFiltered' | 'usage' | 'timeToFirstTokenMs'>,
  latencyMs: number,
): ServiceLevelOutcome {
  if (observation.error !== undefined) return classifyError(observation.error);
  if (!observation.completed) return { kind: 'excluded', reason: 'client_abort' };
  return answeredOutcome(latencyMs, observation.usage, observation.contentFiltered, observation.timeToFirstTokenMs);
}
