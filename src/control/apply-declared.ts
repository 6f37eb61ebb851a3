import type { Kysely } from 'kysely';
import type { Declared, DeclaredConnection, DeclaredDeployment, DeclaredKey } from '../config/index.js';
import { GatewayError } from '../spec/index.js';
import {
  ApiKeyRepository,
  ConnectionRepository,
  DeploymentRepository,
  inTransaction,
  ProjectRepository,
  type ConnectionChanges,
  type ConnectionRecord,
  type ProjectRecord,
  type SecretBox,
  type Tables,
} from '../store/index.js';
import { apiKeyPrefix, hashApiKey } from './api-key-secret.js';
import { toConnectionChanges } from './connection-service.js';
import { resolveDeploymentChanges } from './deployment-service.js';
import { checkQuotaGrant } from './quota-grants.js';
import { connectionInputSchema, deploymentInputSchema, keyInputSchema, parseInput } from './inputs.js';
import { newId } from './new-id.js';

/**
 * Makes the database hold what the config file declares, matching by name. Run at every start, so it
 * changes only what differs: ids stay, and objects created through the admin API are left alone. The
 * file wins for what it names: a declared key revoked through the API is made valid again.
 */
export async function applyDeclared(
  db: Kysely<Tables>,
  secretBox: SecretBox,
  declared: Pick<Declared, 'connections' | 'projects'>,
): Promise<void> {
  await inTransaction(db, async (transaction) => {
    for (const connection of declared.connections) await upsertConnection(transaction, secretBox, connection);
    for (const project of declared.projects) {
      const record = await upsertProject(transaction, project.name);
      for (const key of project.keys) await upsertKey(transaction, record, key);
      for (const deployment of project.deployments) await upsertDeployment(transaction, record, deployment);
    }
  });
}

async function upsertConnection(db: Kysely<Tables>, secretBox: SecretBox, declared: DeclaredConnection): Promise<void> {
  const input = parseDeclared(`connection '${declared.name}'`, () =>
    parseInput(connectionInputSchema, {
      name: declared.name,
      provider: declared.provider,
      base_url: declared.baseUrl,
      api_key: declared.apiKey,
      api_version: declared.apiVersion,
      headers: declared.headers,
      timeout_ms: declared.timeoutMs,
      capacity_tpm: declared.capacityTpm,
    }),
  );
  const repository = new ConnectionRepository(db);
  const existing = await repository.findByName(input.name);
  const changes = toConnectionChanges(input, secretBox);
  if (existing === undefined) {
    await repository.insert({ id: newId('con'), name: input.name, createdAt: Date.now(), ...changes });
  } else if (!sameConnection(existing, changes, input.api_key ?? null, secretBox)) {
    await repository.update(existing.id, changes);
  }
}

/** Compares plaintext keys: the same key encrypts differently every time. */
function sameConnection(
  existing: ConnectionRecord,
  changes: ConnectionChanges,
  apiKey: string | null,
  secretBox: SecretBox,
): boolean {
  let existingKey: string | null = null;
  if (existing.apiKeyEncrypted !== null) {
    try {
      existingKey = secretBox.decrypt(existing.apiKeyEncrypted);
    } catch {
      return false; // Encrypted with a lost key: the file's value replaces it.
    }
  }
  return (
    existing.provider === changes.provider &&
    existing.baseUrl === changes.baseUrl &&
    existing.apiVersion === changes.apiVersion &&
    existing.timeoutMs === changes.timeoutMs &&
    existing.capacityTpm === changes.capacityTpm &&
    JSON.stringify(existing.headers) === JSON.stringify(changes.headers) &&
    existingKey === (apiKey === '' ? null : apiKey)
  );
}

async function upsertProject(db: Kysely<Tables>, name: string): Promise<ProjectRecord> {
  const repository = new ProjectRepository(db);
  const existing = await repository.findByName(name);
  if (existing !== undefined) return existing;
  const record = { id: newId('prj'), name, createdAt: Date.now() };
  await repository.insert(record);
  return record;
}

async function upsertKey(db: Kysely<Tables>, project: ProjectRecord, declared: DeclaredKey): Promise<void> {
  const input = parseDeclared(`key '${declared.name}' of project '${project.name}'`, () =>
    parseInput(keyInputSchema, { project: project.name, name: declared.name, value: declared.value }),
  );
  const value = input.value ?? declared.value;
  const keyHash = hashApiKey(value);
  const repository = new ApiKeyRepository(db);
  const holder = await repository.findByHash(keyHash);
  const existing = await repository.findByName(project.id, input.name);
  if (holder !== undefined && holder.id !== existing?.id) {
    throw new GatewayError(
      'invalid_request',
      `The value of key '${input.name}' in project '${project.name}' is already used by another key; every key must be unique.`,
      { param: 'value' },
    );
  }
  if (existing === undefined) {
    await repository.insert({
      id: newId('key'),
      projectId: project.id,
      name: input.name,
      keyHash,
      keyPrefix: apiKeyPrefix(value),
      createdAt: Date.now(),
      revokedAt: null,
      expiresAt: null,
      deployments: null,
      lastUsedAt: null,
      scope: 'inference',
      role: null,
    });
  } else if (existing.keyHash !== keyHash || existing.revokedAt !== null) {
    await repository.replaceSecret(existing.id, keyHash, apiKeyPrefix(value));
  }
}

async function upsertDeployment(
  db: Kysely<Tables>,
  project: ProjectRecord,
  declared: DeclaredDeployment,
): Promise<void> {
  const what = `deployment '${declared.name}' of project '${project.name}'`;
  const input = parseDeclared(what, () =>
    parseInput(deploymentInputSchema, {
      project: project.name,
      name: declared.name,
      model: declared.model,
      backends: declared.backends,
      tpm: declared.tpm,
      rpm: declared.rpm,
      type: declared.type,
      content_filter: declared.contentFilter,
      version_upgrade: declared.versionUpgrade,
      routing: declared.routing,
    }),
  );
  const repository = new DeploymentRepository(db);
  const existing = await repository.findByName(project.id, input.name);
  const changes = await parseDeclared(what, () => resolveDeploymentChanges(db, input, existing?.id));
  await parseDeclared(what, () =>
    checkQuotaGrant(db, project, { name: input.name, model: input.model, tpm: input.tpm ?? null }, existing?.id),
  );
  if (existing === undefined) {
    await repository.insert({ id: newId('dep'), projectId: project.id, createdAt: Date.now(), ...changes });
    return;
  }
  const same =
    existing.name === changes.name &&
    existing.model === changes.model &&
    existing.tpm === changes.tpm &&
    existing.rpm === changes.rpm &&
    existing.type === changes.type &&
    existing.contentFilter === changes.contentFilter &&
    existing.versionUpgrade === changes.versionUpgrade &&
    JSON.stringify(existing.routing ?? null) === JSON.stringify(changes.routing ?? null) &&
    JSON.stringify(existing.backends) === JSON.stringify(changes.backends);
  if (!same) await repository.update(existing.id, changes);
}

/** Says which declared object a validation message is about. */
function parseDeclared<T>(what: string, parse: () => T): T {
  try {
    const result = parse();
    return result instanceof Promise ? (result.catch((error: unknown) => describeDeclared(what, error)) as T) : result;
  } catch (error) {
    return describeDeclared(what, error);
  }
}

function describeDeclared(what: string, error: unknown): never {
  if (error instanceof GatewayError) {
    throw new GatewayError(error.code, `Declared ${what}: ${error.message}`, {
      ...(error.param === undefined ? {} : { param: error.param }),
    });
  }
  throw error;
}
