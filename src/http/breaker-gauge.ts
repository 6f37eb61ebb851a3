import type { BreakerState, RoutingState } from '../routing/index.js';
import type { GaugeDefinition, GaugeSample } from '../telemetry/index.js';

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * `hangar_backend_breaker_state`: each deployment backend's circuit on this replica, read at scrape time from
 * routing's own state (nothing is recorded on the request path). Labelled by deployment id, not name: names can
 * be reused after a removal, ids cannot, and the health route maps one to the other.
 */
export function breakerGauge(routing: RoutingState): GaugeDefinition {
  return {
    name: 'hangar_backend_breaker_state',
    help: 'Circuit breaker of each deployment backend on this replica: 0 closed, 1 half-open, 2 open.',
    *collect(): Iterable<GaugeSample> {
      for (const deploymentId of routing.deploymentIds()) {
        for (const backend of routing.peek(deploymentId)?.backends() ?? []) {
          const snapshot = backend.snapshot();
          yield {
            labels: { deployment_id: deploymentId, connection: snapshot.connection, model: snapshot.model },
            value: STATE_VALUE[snapshot.breaker.state],
          };
        }
      }
    },
  };
}
