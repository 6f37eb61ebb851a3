import type { BackendTarget, RoutingStrategy } from '../spec/index.js';
import type { DeploymentHealth } from './backend-health.js';
import { orderBackends, type BackendOrder } from './order-backends.js';

/**
 * The order one request tries the backends in, by the deployment's strategy (see ROUTING_STRATEGIES). Without
 * health (no state kept), the latency and load strategies fall back to priority.
 */
export function orderForStrategy<Backend extends BackendTarget & BackendOrder>(
  backends: readonly Backend[],
  strategy: RoutingStrategy,
  health: DeploymentHealth | undefined,
  random: () => number = Math.random,
): readonly Backend[] {
  switch (strategy) {
    case 'priority':
      return orderBackends(backends, random);
    case 'weighted':
      return orderBackends(
        backends.map((backend) => ({ backend, priority: 0, weight: backend.weight })),
        random,
      ).map((entry) => entry.backend);
    case 'least-latency':
      if (health === undefined) return orderBackends(backends, random);
      // Unmeasured backends sort first (as 0 ms) so each gets measured rather than never tried.
      return sortedBy(backends, (backend) => health.of(backend).latencyEwmaMs ?? 0);
    case 'least-busy':
      if (health === undefined) return orderBackends(backends, random);
      return sortedBy(backends, (backend) => health.of(backend).inFlight);
  }
}

function sortedBy<Backend extends BackendOrder>(
  backends: readonly Backend[],
  score: (backend: Backend) => number,
): Backend[] {
  return backends
    .map((backend, position) => ({ backend, position, score: score(backend) }))
    .sort(
      (left, right) =>
        left.score - right.score ||
        (left.backend.priority ?? left.position) - (right.backend.priority ?? right.position) ||
        left.position - right.position,
    )
    .map((entry) => entry.backend);
}
