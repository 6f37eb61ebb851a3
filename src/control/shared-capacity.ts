import type { ConnectionRecord, DeploymentRecord } from '../store/index.js';
import { provisionedTpmByConnection } from './provisioned-capacity.js';
import type { SharedCapacity } from './registry-types.js';

/** Quota keys of capacity pools; deployment ids (`dep_…`) are the other keys, so they cannot collide. */
const POOL_KEY_PREFIX = 'capacity:';

/** The pool of each connection that has a capacity: what provisioned deployments leave to the others. */
export function sharedCapacityByConnection(
  connections: readonly ConnectionRecord[],
  deployments: readonly DeploymentRecord[],
): Map<string, SharedCapacity> {
  const provisioned = provisionedTpmByConnection(deployments);
  const pools = new Map<string, SharedCapacity>();
  for (const connection of connections) {
    if (connection.capacityTpm === null) continue;
    const provisionedTpm = provisioned.get(connection.id) ?? 0;
    pools.set(connection.id, {
      key: `${POOL_KEY_PREFIX}${connection.id}`,
      connectionName: connection.name,
      capacityTpm: connection.capacityTpm,
      provisionedTpm,
      tpm: Math.max(0, connection.capacityTpm - provisionedTpm),
    });
  }
  return pools;
}
