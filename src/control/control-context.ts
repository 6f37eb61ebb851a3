import type { Kysely } from 'kysely';
import type { Catalog } from '../catalog/index.js';
import { GatewayError } from '../spec/index.js';
import {
  isUniqueViolation,
  ProjectRepository,
  type ProjectRecord,
  type SecretBox,
  type Tables,
} from '../store/index.js';

/** What every part of the control plane shares. */
export interface ControlContext {
  db: Kysely<Tables>;
  secretBox: SecretBox;
  /** Rebuilds the in-memory registry; called after every change so the next request sees it. */
  reload(): Promise<void>;
  /** The model catalog, for what deployments show of their model (its retirement date); absent: not shown. */
  catalog?: Pick<Catalog, 'models'>;
}

export async function requireProject(db: Kysely<Tables>, name: string): Promise<ProjectRecord> {
  const project = await new ProjectRepository(db).findByName(name);
  if (project === undefined) {
    throw new GatewayError('not_found', `Project '${name}' does not exist; create it first or check the name.`, {
      param: 'project',
    });
  }
  return project;
}

export function alreadyExists(message: string, param = 'name'): GatewayError {
  return new GatewayError('invalid_request', message, { param });
}

/**
 * Inserts a row whose name must be unique. The caller checks first for a friendly message; a concurrent
 * insert that wins the race still lands here, as the database's unique violation.
 */
export async function insertUnique(insert: () => Promise<unknown>, exists: () => GatewayError): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw exists();
    throw error;
  }
}

export function notFound(message: string, param = 'name'): GatewayError {
  return new GatewayError('not_found', message, { param });
}
