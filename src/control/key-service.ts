import { ApiKeyRepository, isUniqueViolation } from '../store/index.js';
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

export interface KeyService {
  /** Generates a key, or takes `value` when the operator brings one. */
  create(input: KeyInput): Promise<CreatedKey>;
  list(project: string): Promise<KeyView[]>;
  /** Revoking twice is harmless; the first revocation time stays. */
  revoke(project: string, name: string): Promise<KeyView>;
}

export function createKeyService(context: ControlContext): KeyService {
  return {
    async create(input) {
      const parsed = parseInput(keyInputSchema, input);
      const project = await requireProject(context.db, parsed.project);
      const repository = new ApiKeyRepository(context.db);
      const nameTaken = () =>
        alreadyExists(
          `Key '${parsed.name}' already exists in project '${project.name}'; revoked keys keep their name, so pick another.`,
        );
      if ((await repository.findByName(project.id, parsed.name)) !== undefined) throw nameTaken();

      const key = parsed.value ?? generateApiKey();
      const keyHash = hashApiKey(key);
      const valueTaken = () =>
        alreadyExists('This key value is already in use; choose another or let Hangar generate one.', 'value');
      if ((await repository.findByHash(keyHash)) !== undefined) throw valueTaken();

      const record = {
        id: newId('key'),
        projectId: project.id,
        name: parsed.name,
        keyHash,
        keyPrefix: apiKeyPrefix(key),
        createdAt: Date.now(),
        revokedAt: null,
      };
      try {
        await repository.insert(record);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw (await repository.findByHash(keyHash)) === undefined ? nameTaken() : valueTaken();
      }
      await context.reload();
      return { key, view: toKeyView(record, project.name) };
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
  };
}
