import type { ResolvedDeployment } from '../../control/registry-types.js';
import type { DeploymentHealth } from '../../routing/index.js';
import { DEFAULT_ROUTING_POLICY, type RoutingPolicy } from '../../spec/index.js';
import type { InferenceServices } from './inference-services.js';

/** The deployment's routing policy and this replica's breakers for it, for dispatch. */
export function routingOptions(
  services: Pick<InferenceServices, 'routing'>,
  deployment: ResolvedDeployment,
): { policy: RoutingPolicy; health: DeploymentHealth | undefined } {
  const policy = deployment.routing ?? DEFAULT_ROUTING_POLICY;
  return { policy, health: services.routing?.deployment(deployment.id, policy) };
}
