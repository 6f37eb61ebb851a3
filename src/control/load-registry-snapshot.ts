import { resolveRoutingPolicy, routingPolicyFromWire, type Connection } from '../spec/index.js';
import {
  ApiKeyRepository,
  ConnectionRepository,
  DeploymentRepository,
  ProjectRepository,
  type ConnectionRecord,
  type Tables,
  type SecretBox,
} from '../store/index.js';
import type { Kysely } from 'kysely';
import { storedRole } from './access/index.js';
import type { RegistrySnapshot } from './memory-registry.js';
import type { AuthenticatedCaller, ResolvedDeployment } from './registry-types.js';
import { sharedCapacityByConnection } from './shared-capacity.js';
import { byPriority, primaryBackend } from './primary-backend.js';

/** Reads keys and deployments (with decrypted connections) into the in-memory indexes. */
export async function loadRegistrySnapshot(db: Kysely<Tables>, secretBox: SecretBox): Promise<RegistrySnapshot> {
  const [projects, keys, connectionRecords, deployments] = await Promise.all([
    new ProjectRepository(db).list(),
    new ApiKeyRepository(db).listActive(),
    new ConnectionRepository(db).list(),
    new DeploymentRepository(db).list(),
  ]);

  const projectNames = new Map(projects.map((project) => [project.id, project.name]));
  const callersByKeyHash = new Map<string, AuthenticatedCaller>();
  for (const key of keys) {
    const projectName = projectNames.get(key.projectId);
    if (projectName === undefined) continue;
    callersByKeyHash.set(key.keyHash, {
      keyId: key.id,
      keyName: key.name,
      projectId: key.projectId,
      projectName,
      expiresAt: key.expiresAt,
      deployments: key.deployments === null ? null : new Set(key.deployments),
      scope: key.scope,
      role: key.scope === 'admin' ? storedRole(key.role) : null,
    });
  }

  const connections = new Map(connectionRecords.map((record) => [record.id, toConnection(record, secretBox)]));
  const deploymentsByProject = new Map<string, Map<string, ResolvedDeployment>>();
  const pools = sharedCapacityByConnection(connectionRecords, deployments);
  for (const deployment of deployments) {
    const primary = primaryBackend(deployment.backends);
    const byName = deploymentsByProject.get(deployment.projectId) ?? new Map<string, ResolvedDeployment>();
    byName.set(deployment.name.toLowerCase(), {
      id: deployment.id,
      projectId: deployment.projectId,
      name: deployment.name,
      model: deployment.model,
      createdAt: deployment.createdAt,
      type: deployment.type,
      contentFilter: deployment.contentFilter,
      routing: resolveRoutingPolicy(routingPolicyFromWire(deployment.routing ?? {})),
      sharedCapacity:
        deployment.type === 'provisioned' || primary === undefined ? null : (pools.get(primary.connectionId) ?? null),
      limits:
        deployment.tpm === null
          ? null
          : { tpm: deployment.tpm, ...(deployment.rpm === null ? {} : { rpm: deployment.rpm }) },
      backends: byPriority(deployment.backends).flatMap(({ backend, priority }) => {
        const connection = connections.get(backend.connectionId);
        // Each backend gets its own copy, so a caller filling in defaults cannot leak into another.
        return connection === undefined
          ? []
          : [{ connection: { ...connection }, model: backend.model, priority, weight: backend.weight }];
      }),
    });
    deploymentsByProject.set(deployment.projectId, byName);
  }
  return { callersByKeyHash, deploymentsByProject };
}

function toConnection(record: ConnectionRecord, secretBox: SecretBox): Connection {
  let apiKey: string | undefined;
  if (record.apiKeyEncrypted !== null) {
    try {
      apiKey = secretBox.decrypt(record.apiKeyEncrypted);
    } catch (error) {
      throw new Error(`Connection '${record.name}': ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
  return {
    name: record.name,
    provider: record.provider,
    // Empty means "the provider's default", which the provider layer fills in.
    baseUrl: record.baseUrl ?? '',
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(record.apiVersion === null ? {} : { apiVersion: record.apiVersion }),
    ...(record.headers === null ? {} : { headers: { ...record.headers } }),
    ...(record.timeoutMs === null ? {} : { timeoutMs: record.timeoutMs }),
  };
}
