import type { FastifyInstance } from 'fastify';
import type { ControlPlane } from '../../control/index.js';
import { unknownBackendSnapshot, type BackendHealthSnapshot, type RoutingState } from '../../routing/index.js';
import { GatewayError, type JsonObject } from '../../spec/index.js';

/**
 * What this replica knows of a deployment's backends: circuit state, latency and load.
 * Breakers live in memory per replica, so another replica may answer differently.
 */
export function registerDeploymentHealthRoutes(
  admin: FastifyInstance,
  control: ControlPlane,
  routing: RoutingState,
): void {
  admin.get<{ Params: { project: string; name: string } }>(
    '/projects/:project/deployments/:name/health',
    async (request) => {
      const { project, name } = request.params;
      const deployment = (await control.deployments.list(project)).find(
        (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
      );
      if (deployment === undefined) {
        throw new GatewayError(
          'not_found',
          `Project '${project}' has no deployment '${name}'; list them with GET /admin/projects/${project}/deployments.`,
          { param: 'name' },
        );
      }
      const health = routing.peek(deployment.id);
      return {
        object: 'deployment_health',
        project: deployment.project,
        deployment: deployment.name,
        strategy: deployment.routing.strategy,
        backends: deployment.backends.map((backend) => ({
          priority: backend.priority,
          weight: backend.weight,
          ...renderBackend(
            health?.find(backend.connection, backend.model)?.snapshot() ??
              unknownBackendSnapshot(backend.connection, backend.model),
          ),
        })),
      };
    },
  );
}

function renderBackend(snapshot: BackendHealthSnapshot): JsonObject {
  const { breaker } = snapshot;
  return {
    connection: snapshot.connection,
    model: snapshot.model,
    breaker: {
      state: breaker.state,
      consecutive_failures: breaker.consecutiveFailures,
      window_calls: breaker.windowCalls,
      window_failures: breaker.windowFailures,
      opened_at: breaker.openedAt === null ? null : new Date(breaker.openedAt).toISOString(),
      half_open_at: breaker.halfOpenAt === null ? null : new Date(breaker.halfOpenAt).toISOString(),
    },
    latency_ewma_ms: snapshot.latencyEwmaMs,
    in_flight: snapshot.inFlight,
    last_probe:
      snapshot.lastProbe === null
        ? null
        : {
            at: new Date(snapshot.lastProbe.at).toISOString(),
            ok: snapshot.lastProbe.ok,
            error: snapshot.lastProbe.error,
          },
  };
}
