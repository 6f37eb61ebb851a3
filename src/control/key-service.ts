import type { Kysely } from 'kysely';
import { GatewayError } from '../spec/index.js';
import {
  ApiKeyRepository,
  DeploymentRepository,
  isUniqueViolation,
  type ProjectRecord,
  type Tables,
} from '../store/index.js';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret.js';
import { alreadyExists, notFound, requireProject, type ControlContext } from './control-context.js';
import { keyInputSchema, parseInput, type KeyInput } from './inputs.js';
import { newId } from './new-id.js';
import { toKeyView, type KeyView } from './views.js';

export interface CreatedKey {
  /** The plaintext key. Shown once: only its hash is stored. */
  key: string;
  view: KeyView;
}

/** The two keys every project created through the API gets, rotated one at a time as on Azure. */
export const KEY_PAIR = ['key1', 'key2'] as const;

export interface KeyService {
  /** Generates a key, or takes `value` when the operator brings one; optionally with an expiry and a scope. */
  create(input: KeyInput): Promise<CreatedKey>;
  list(project: string): Promise<KeyView[]>;
  /** Revoking twice is harmless; the first revocation time stays. */
  revoke(project: string, name: string): Promise<KeyView>;
  /**
   * Gives a key a new secret: the old one stops working at once, the key keeps its name, scope and expiry.
   * Rotating key1 while clients use key2 (then the other way round) changes keys without downtime.
   */
  regenerate(project: string, name: string): Promise<CreatedKey>;
}

export function createKeyService(context: ControlContext): KeyService {
  return {
    async create(input) {
      const parsed = parseInput(keyInputSchema, input);
      const project = await requireProject(context.db, parsed.project);
      const deployments = parsed.deployments ?? null;
      if (deployments !== null) await requireDeployments(context.db, project, deployments);
      const created = await insertKey(context.db, project, {
        name: parsed.name,
        value: parsed.value,
        expiresAt: parsed.expires_at ?? null,
        deployments: deployments === null ? null : [...new Set(deployments.map((item) => item.toLowerCase()))],
        scope: parsed.scope ?? 'inference',
        role: parsed.role ?? null,
      });
      await context.reload();
      return created;
    },

    async list(projectName) {
      const project = await requireProject(context.db, projectName);
      const keys = await new ApiKeyRepository(context.db).listByProject(project.id);
      return keys.map((key) => toKeyView(key, project.name));
    },

    async revoke(projectName, name) {
      const project = await requireProject(context.db, projectName);
      const repository = new ApiKeyRepository(context.db);
      const key = await repository.findByName(project.id, name);
      if (key === undefined) throw notFound(`Key '${name}' does not exist in project '${project.name}'.`);
      if (key.revokedAt !== null) return toKeyView(key, project.name);
      const revokedAt = Date.now();
      await repository.revoke(key.id, revokedAt);
      await context.reload();
      return toKeyView({ ...key, revokedAt }, project.name);
    },

    async regenerate(projectName, name) {
      const project = await requireProject(context.db, projectName);
      const repository = new ApiKeyRepository(context.db);
      const key = await repository.findByName(project.id, name);
      if (key === undefined) throw notFound(`Key '${name}' does not exist in project '${project.name}'.`);
      const value = generateApiKey();
      const keyHash = hashApiKey(value);
      // A revoked key comes back to life with its new secret, as Azure's regenerate does for a key slot.
      await repository.replaceSecret(key.id, keyHash, apiKeyPrefix(value));
      await context.reload();
      return {
        key: value,
        view: toKeyView({ ...key, keyHash, keyPrefix: apiKeyPrefix(value), revokedAt: null }, project.name),
      };
    },
  };
}

/** Creates key1 and key2 for a new project; their secrets are returned once. */
export async function createKeyPair(db: Kysely<Tables>, project: ProjectRecord): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const name of KEY_PAIR) {
    keys[name] = (
      await insertKey(db, project, {
        name,
        value: undefined,
        expiresAt: null,
        deployments: null,
        scope: 'inference',
        role: null,
      })
    ).key;
  }
  return keys;
}

interface NewKey {
  name: string;
  value: string | undefined;
  expiresAt: number | null;
  deployments: string[] | null;
  scope: 'inference' | 'admin';
  role: string | null;
}

async function insertKey(db: Kysely<Tables>, project: ProjectRecord, input: NewKey): Promise<CreatedKey> {
  const repository = new ApiKeyRepository(db);
  const nameTaken = () =>
    alreadyExists(
      `Key '${input.name}' already exists in project '${project.name}'; revoked keys keep their name, so pick another.`,
    );
  if ((await repository.findByName(project.id, input.name)) !== undefined) throw nameTaken();

  const key = input.value ?? generateApiKey();
  const keyHash = hashApiKey(key);
  const valueTaken = () =>
    alreadyExists('This key value is already in use; choose another or let Hangar generate one.', 'value');
  if ((await repository.findByHash(keyHash)) !== undefined) throw valueTaken();

  const record = {
    id: newId('key'),
    projectId: project.id,
    name: input.name,
    keyHash,
    keyPrefix: apiKeyPrefix(key),
    createdAt: Date.now(),
    revokedAt: null,
    expiresAt: input.expiresAt,
    deployments: input.deployments,
    lastUsedAt: null,
    scope: input.scope,
    role: input.role,
  };
  try {
    await repository.insert(record);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw (await repository.findByHash(keyHash)) === undefined ? nameTaken() : valueTaken();
  }
  return { key, view: toKeyView(record, project.name) };
}

/** A scope may only name deployments the project has, so a typo does not make a key that can call nothing. */
async function requireDeployments(db: Kysely<Tables>, project: ProjectRecord, names: readonly string[]): Promise<void> {
  const known = new Set(
    (await new DeploymentRepository(db).list(project.id)).map((deployment) => deployment.name.toLowerCase()),
  );
  const missing = names.filter((name) => !known.has(name.toLowerCase()));
  if (missing.length > 0) {
    throw new GatewayError(
      'invalid_request',
      `deployments names ${missing.map((name) => `'${name}'`).join(', ')}, which project '${project.name}' does not ` +
        `have (it has: ${[...known].join(', ') || 'none'}). Create the deployment first or fix the name.`,
      { param: 'deployments' },
    );
  }
}
