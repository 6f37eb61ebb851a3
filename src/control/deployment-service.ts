import type { Kysely } from 'kysely';
import { GatewayError } from '../spec/index.js';
import {
  ConnectionRepository,
  DeploymentRepository,
  type DeploymentBackendRecord,
  type Tables,
} from '../store/index.js';
import { alreadyExists, insertUnique, notFound, requireProject, type ControlContext } from './control-context.js';
import { deploymentInputSchema, parseInput, type DeploymentInput, type ParsedDeploymentInput } from './inputs.js';
import { newId } from './new-id.js';
import { checkQuotaGrant } from './quota-grants.js';
import { toDeploymentView, type DeploymentView } from './views.js';

export interface DeploymentService {
  create(input: DeploymentInput): Promise<DeploymentView>;
  list(project: string): Promise<DeploymentView[]>;
  /** Matches the name ignoring case. */
  remove(project: string, name: string): Promise<void>;
}

export function createDeploymentService(context: ControlContext): DeploymentService {
  return {
    async create(input) {
      const parsed = parseInput(deploymentInputSchema, input);
      const project = await requireProject(context.db, parsed.project);
      const repository = new DeploymentRepository(context.db);
      const existing = await repository.findByName(project.id, parsed.name);
      const exists = (spelling: string) =>
        alreadyExists(
          `Deployment '${parsed.name}' already exists in project '${project.name}'` +
            (spelling === parsed.name ? '' : ` as '${spelling}' (deployment names ignore case)`) +
            '; remove it first or pick another name.',
        );
      if (existing !== undefined) throw exists(existing.name);

      await checkQuotaGrant(context.db, project, { name: parsed.name, model: parsed.model, tpm: parsed.tpm ?? null });
      const record = {
        id: newId('dep'),
        projectId: project.id,
        name: parsed.name,
        model: parsed.model,
        createdAt: Date.now(),
        tpm: parsed.tpm ?? null,
        rpm: parsed.rpm ?? null,
        backends: await resolveBackends(context.db, parsed.backends),
      };
      await insertUnique(
        () => repository.insert(record),
        () => exists(parsed.name),
      );
      await context.reload();
      return toDeploymentView(record, project.name, await connectionNames(context.db));
    },

    async list(projectName) {
      const project = await requireProject(context.db, projectName);
      const deployments = await new DeploymentRepository(context.db).list(project.id);
      const names = await connectionNames(context.db);
      return deployments.map((deployment) => toDeploymentView(deployment, project.name, names));
    },

    async remove(projectName, name) {
      const project = await requireProject(context.db, projectName);
      const removed = await new DeploymentRepository(context.db).deleteByName(project.id, name);
      if (!removed) throw notFound(`Deployment '${name}' does not exist in project '${project.name}'.`);
      await context.reload();
    },
  };
}

/** Connection names → ids; an unknown name is the client's mistake and names the backend at fault. */
export async function resolveBackends(
  db: Kysely<Tables>,
  backends: ParsedDeploymentInput['backends'],
): Promise<DeploymentBackendRecord[]> {
  const connections = await new ConnectionRepository(db).list();
  const idsByName = new Map(connections.map((connection) => [connection.name, connection.id]));
  return backends.map((backend, index) => {
    const connectionId = idsByName.get(backend.connection);
    if (connectionId === undefined) {
      throw new GatewayError(
        'invalid_request',
        `backends[${index}].connection '${backend.connection}' names no connection; create it first ` +
          `(known: ${[...idsByName.keys()].join(', ') || 'none'}).`,
        { param: `backends[${index}].connection` },
      );
    }
    return { connectionId, model: backend.model };
  });
}

export async function connectionNames(db: Kysely<Tables>): Promise<Map<string, string>> {
  const connections = await new ConnectionRepository(db).list();
  return new Map(connections.map((connection) => [connection.id, connection.name]));
}
