import type { Kysely } from 'kysely';
import { GatewayError } from '../spec/index.js';
import {
  DeploymentRepository,
  type ConnectionRecord,
  type DeploymentBackendRecord,
  type DeploymentRecord,
  type Tables,
} from '../store/index.js';
import { primaryBackend } from './primary-backend.js';

/**
 * Provisioned deployments reserve their TPM on their primary backend's connection, Azure's PTU in spirit: the
 * reservations on one connection may not add up to more than its `capacity_tpm`. A connection without a capacity
 * is not counted. Deployments of every project count, since the connection is shared by the platform.
 */
export function provisionedTpmByConnection(
  deployments: readonly DeploymentRecord[],
  excluding?: string,
): Map<string, number> {
  const reserved = new Map<string, number>();
  for (const deployment of deployments) {
    if (deployment.type !== 'provisioned' || deployment.tpm === null || deployment.id === excluding) continue;
    const primary = primaryBackend(deployment.backends);
    if (primary === undefined) continue;
    reserved.set(primary.connectionId, (reserved.get(primary.connectionId) ?? 0) + deployment.tpm);
  }
  return reserved;
}

/** Refuses a provisioned deployment whose TPM does not fit in what its primary connection has left. */
export async function checkProvisionedCapacity(
  db: Kysely<Tables>,
  deployment: { name: string; tpm: number; backends: readonly DeploymentBackendRecord[] },
  connections: readonly ConnectionRecord[],
  replacing?: string,
): Promise<void> {
  const primary = primaryBackend(deployment.backends);
  const connection = connections.find((candidate) => candidate.id === primary?.connectionId);
  if (connection === undefined || connection.capacityTpm === null) return;
  const all = await new DeploymentRepository(db).list();
  const reserved = provisionedTpmByConnection(all, replacing).get(connection.id) ?? 0;
  const capacity = connection.capacityTpm;
  if (reserved + deployment.tpm <= capacity) return;
  throw new GatewayError(
    'invalid_request',
    `Provisioned deployment '${deployment.name}' asks for ${deployment.tpm} TPM on connection '${connection.name}', ` +
      `but only ${Math.max(0, capacity - reserved)} TPM of its ${capacity} TPM capacity is left (${reserved} reserved ` +
      "by other provisioned deployments). Ask for less, or raise the connection's capacity_tpm.",
    { param: 'tpm' },
  );
}

/** Refuses a connection capacity that would not cover the provisioned deployments already reserving from it. */
export async function checkCapacityCoversReservations(
  db: Kysely<Tables>,
  connection: { id: string; name: string },
  capacityTpm: number | null,
): Promise<void> {
  if (capacityTpm === null) return;
  const reserved = provisionedTpmByConnection(await new DeploymentRepository(db).list()).get(connection.id) ?? 0;
  if (reserved <= capacityTpm) return;
  throw new GatewayError(
    'invalid_request',
    `Connection '${connection.name}' has provisioned deployments reserving ${reserved} TPM; a capacity_tpm of ` +
      `${capacityTpm} would not cover them. Lower their tpm first, or set a capacity_tpm of at least ${reserved}.`,
    { param: 'capacity_tpm' },
  );
}
