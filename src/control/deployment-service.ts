import type { Kysely } from 'kysely';
import { DEFAULT_DEPLOYMENT_TYPE, DEFAULT_VERSION_UPGRADE, GatewayError } from '../spec/index.js';
import {
  ConnectionRepository,
  DeploymentRepository,
  type ConnectionRecord,
  type DeploymentBackendRecord,
  type DeploymentChanges,
  type DeploymentRecord,
  type Tables,
} from '../store/index.js';
import { alreadyExists, insertUnique, notFound, requireProject, type ControlContext } from './control-context.js';
import {
  deploymentInputSchema,
  deploymentUpdateSchema,
  parseInput,
  type DeploymentInput,
  type DeploymentUpdate,
  type ParsedDeploymentInput,
} from './inputs.js';
import { modelRetiresAt } from './model-retirement.js';
import { newId } from './new-id.js';
import { checkProvisionedCapacity } from './provisioned-capacity.js';
import { checkQuotaGrant } from './quota-grants.js';
import { toDeploymentView, type DeploymentView } from './views.js';

export interface DeploymentService {
  create(input: DeploymentInput): Promise<DeploymentView>;
  list(project: string): Promise<DeploymentView[]>;
  /**
   * Changes the settings `changes` names (tpm, rpm, type, backends, content_filter, version_upgrade, routing) and keeps
   * the others, with the same checks as create; the next request sees the change. Matches the name ignoring case.
   */
  update(project: string, name: string, changes: DeploymentUpdate): Promise<DeploymentView>;
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
      const record: DeploymentRecord = {
        id: newId('dep'),
        projectId: project.id,
        createdAt: Date.now(),
        ...(await resolveDeploymentChanges(context.db, parsed)),
      };
      await insertUnique(
        () => repository.insert(record),
        () => exists(parsed.name),
      );
      await context.reload();
      return view(record, project.name, await connectionNames(context.db));
    },

    async list(projectName) {
      const project = await requireProject(context.db, projectName);
      const deployments = await new DeploymentRepository(context.db).list(project.id);
      const names = await connectionNames(context.db);
      return deployments.map((deployment) => view(deployment, project.name, names));
    },

    async update(projectName, name, changes) {
      const patch = parseInput(deploymentUpdateSchema, changes);
      const project = await requireProject(context.db, projectName);
      const repository = new DeploymentRepository(context.db);
      const existing = await repository.findByName(project.id, name);
      if (existing === undefined) throw notFound(`Deployment '${name}' does not exist in project '${project.name}'.`);
      const names = await connectionNames(context.db);
      // The merged deployment is checked as a whole, so a change cannot leave it in a state create would refuse.
      const merged = parseInput(deploymentInputSchema, {
        ...toDeploymentInput(existing, project.name, names),
        ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
      });
      await checkQuotaGrant(
        context.db,
        project,
        { name: existing.name, model: existing.model, tpm: merged.tpm ?? null },
        existing.id,
      );
      const updated: DeploymentRecord = {
        ...existing,
        ...(await resolveDeploymentChanges(context.db, merged, existing.id)),
      };
      await repository.update(existing.id, updated);
      await context.reload();
      return view(updated, project.name, names);
    },

    async remove(projectName, name) {
      const project = await requireProject(context.db, projectName);
      const removed = await new DeploymentRepository(context.db).deleteByName(project.id, name);
      if (!removed) throw notFound(`Deployment '${name}' does not exist in project '${project.name}'.`);
      await context.reload();
    },
  };

  function view(record: DeploymentRecord, projectName: string, names: ReadonlyMap<string, string>): DeploymentView {
    return toDeploymentView(record, projectName, names, modelRetiresAt(context.catalog, record.model));
  }
}

/**
 * A validated deployment → what is stored: backends resolved to connection ids, defaults filled in, and the rules
 * that need the database checked: a managed deployment runs only on the local engine, and a provisioned one must
 * fit in its primary connection's capacity. `replacing` is the deployment being changed, not counted twice.
 */
export async function resolveDeploymentChanges(
  db: Kysely<Tables>,
  input: ParsedDeploymentInput,
  replacing?: string,
): Promise<DeploymentChanges> {
  const connections = await new ConnectionRepository(db).list();
  const backends = resolveBackendRecords(connections, input.backends);
  const type = input.type ?? DEFAULT_DEPLOYMENT_TYPE;
  if (type === 'managed') checkManagedBackends(connections, input.backends);
  const tpm = input.tpm ?? null;
  if (type === 'provisioned' && tpm !== null) {
    await checkProvisionedCapacity(db, { name: input.name, tpm, backends }, connections, replacing);
  }
  return {
    name: input.name,
    model: input.model,
    tpm,
    rpm: input.rpm ?? null,
    type,
    contentFilter: input.content_filter ?? null,
    versionUpgrade: input.version_upgrade ?? DEFAULT_VERSION_UPGRADE,
    routing: input.routing ?? null,
    backends,
  };
}

/** A managed deployment is hosted by this Hangar's engine, so each backend must be a `local` connection. */
function checkManagedBackends(
  connections: readonly ConnectionRecord[],
  backends: ParsedDeploymentInput['backends'],
): void {
  backends.forEach((backend, index) => {
    const connection = connections.find((candidate) => candidate.name === backend.connection);
    if (connection === undefined || connection.provider === 'local') return;
    throw new GatewayError(
      'invalid_request',
      `backends[${index}].connection '${backend.connection}' has provider '${connection.provider}', but a managed ` +
        "deployment runs on this Hangar's engine: every backend needs a connection with provider 'local'. Use " +
        "a 'local' connection, or another type (global-standard, standard, provisioned).",
      { param: `backends[${index}].connection` },
    );
  });
}

/** A stored deployment in the admin API's input spelling, so a PATCH can be merged into it and checked whole. */
function toDeploymentInput(
  record: DeploymentRecord,
  projectName: string,
  connectionNamesById: ReadonlyMap<string, string>,
): DeploymentInput {
  return {
    project: projectName,
    name: record.name,
    model: record.model,
    type: record.type,
    backends: record.backends.map((backend) => ({
      connection: connectionNamesById.get(backend.connectionId) ?? backend.connectionId,
      model: backend.model,
      priority: backend.priority,
      weight: backend.weight,
    })),
    tpm: record.tpm,
    rpm: record.rpm,
    content_filter: record.contentFilter,
    version_upgrade: record.versionUpgrade,
    routing: record.routing,
  };
}

/** Connection names → ids; an unknown name is the client's mistake and names the backend at fault. */
export async function resolveBackends(
  db: Kysely<Tables>,
  backends: ParsedDeploymentInput['backends'],
): Promise<DeploymentBackendRecord[]> {
  return resolveBackendRecords(await new ConnectionRepository(db).list(), backends);
}

function resolveBackendRecords(
  connections: readonly ConnectionRecord[],
  backends: ParsedDeploymentInput['backends'],
): DeploymentBackendRecord[] {
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
    return { connectionId, model: backend.model, priority: backend.priority ?? null, weight: backend.weight ?? 1 };
  });
}

export async function connectionNames(db: Kysely<Tables>): Promise<Map<string, string>> {
  const connections = await new ConnectionRepository(db).list();
  return new Map(connections.map((connection) => [connection.id, connection.name]));
}
