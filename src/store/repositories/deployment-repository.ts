import type { Kysely } from 'kysely';
import {
  DEPLOYMENT_TYPE_OPTIONS,
  VERSION_UPGRADE_OPTIONS,
  isJsonObject,
  type DeploymentTypeOption,
  type RoutingPolicyWire,
  type VersionUpgradeOption,
} from '../../spec/index.js';
import { safeParseJson } from '../../kit/index.js';
import type { Tables } from '../tables.js';
import { inTransaction } from '../in-transaction.js';

export interface DeploymentBackendRecord {
  connectionId: string;
  /** The model name the upstream knows. */
  model: string;
  /** Lower is tried first; null: the backend's position. */
  priority: number | null;
  /** Share of traffic among backends of the same priority, 1 to 1000. */
  weight: number;
}

export interface DeploymentRecord {
  id: string;
  projectId: string;
  name: string;
  model: string;
  createdAt: number;
  /** Tokens per minute; null: not limited. */
  tpm: number | null;
  /** Requests per minute; null: derived from the TPM. */
  rpm: number | null;
  type: DeploymentTypeOption;
  /** A content-filter policy name; null: none. */
  contentFilter: string | null;
  versionUpgrade: VersionUpgradeOption;
  /** The routing settings as given (absent fields keep their defaults); null: all defaults. */
  routing?: RoutingPolicyWire | null;
  /** In the order they were given; `priority` and `weight` decide the order they are tried in. */
  backends: DeploymentBackendRecord[];
}

/** What an update rewrites: everything but the id, the project and the creation time. */
export type DeploymentChanges = Omit<DeploymentRecord, 'id' | 'projectId' | 'createdAt'>;

/** A deployment that uses a given connection, to explain why the connection cannot go. */
export interface DeploymentReference {
  projectName: string;
  deploymentName: string;
}

export class DeploymentRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** All deployments, or one project's, ordered by name, with their backends. */
  async list(projectId?: string): Promise<DeploymentRecord[]> {
    let query = this.db.selectFrom('deployments').selectAll().orderBy('name_key');
    if (projectId !== undefined) query = query.where('project_id', '=', projectId);
    const rows = await query.execute();
    if (rows.length === 0) return [];

    let backendQuery = this.db
      .selectFrom('deployment_backends')
      .innerJoin('deployments', 'deployments.id', 'deployment_backends.deployment_id')
      .select([
        'deployment_backends.deployment_id',
        'deployment_backends.connection_id',
        'deployment_backends.model',
        'deployment_backends.position',
        'deployment_backends.priority',
        'deployment_backends.weight',
      ])
      .orderBy('deployment_backends.deployment_id')
      .orderBy('deployment_backends.position');
    if (projectId !== undefined) backendQuery = backendQuery.where('deployments.project_id', '=', projectId);
    const backendRows = await backendQuery.execute();

    const backendsByDeployment = new Map<string, DeploymentBackendRecord[]>();
    for (const row of backendRows) {
      const backends = backendsByDeployment.get(row.deployment_id) ?? [];
      backends.push({
        connectionId: row.connection_id,
        model: row.model,
        priority: row.priority === null ? null : Number(row.priority),
        weight: Number(row.weight),
      });
      backendsByDeployment.set(row.deployment_id, backends);
    }
    return rows.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      name: row.name,
      model: row.model,
      createdAt: Number(row.created_at),
      tpm: row.tpm === null ? null : Number(row.tpm),
      rpm: row.rpm === null ? null : Number(row.rpm),
      type: knownOption(DEPLOYMENT_TYPE_OPTIONS, row.type, `Deployment '${row.name}' has type`),
      contentFilter: row.content_filter,
      versionUpgrade: knownOption(
        VERSION_UPGRADE_OPTIONS,
        row.version_upgrade,
        `Deployment '${row.name}' has version_upgrade`,
      ),
      routing: readRouting(row.routing),
      backends: backendsByDeployment.get(row.id) ?? [],
    }));
  }

  /** Finds a deployment by name, ignoring case. */
  async findByName(projectId: string, name: string): Promise<DeploymentRecord | undefined> {
    const row = await this.db
      .selectFrom('deployments')
      .select('id')
      .where('project_id', '=', projectId)
      .where('name_key', '=', toNameKey(name))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const all = await this.list(projectId);
    return all.find((deployment) => deployment.id === row.id);
  }

  async insert(record: DeploymentRecord): Promise<void> {
    await inTransaction(this.db, async (transaction) => {
      await transaction
        .insertInto('deployments')
        .values({
          id: record.id,
          project_id: record.projectId,
          name: record.name,
          name_key: toNameKey(record.name),
          model: record.model,
          created_at: record.createdAt,
          tpm: record.tpm,
          rpm: record.rpm,
          type: record.type,
          content_filter: record.contentFilter,
          version_upgrade: record.versionUpgrade,
          routing: writeRouting(record.routing),
        })
        .execute();
      await insertBackends(transaction, record.id, record.backends);
    });
  }

  /** Rewrites a deployment's spelling, model, limits and backends in one step. */
  async update(id: string, changes: DeploymentChanges): Promise<void> {
    await inTransaction(this.db, async (transaction) => {
      await transaction
        .updateTable('deployments')
        .set({
          name: changes.name,
          name_key: toNameKey(changes.name),
          model: changes.model,
          tpm: changes.tpm,
          rpm: changes.rpm,
          type: changes.type,
          content_filter: changes.contentFilter,
          version_upgrade: changes.versionUpgrade,
          routing: writeRouting(changes.routing),
        })
        .where('id', '=', id)
        .execute();
      await transaction.deleteFrom('deployment_backends').where('deployment_id', '=', id).execute();
      await insertBackends(transaction, id, changes.backends);
    });
  }

  /** Removes a deployment by name, ignoring case; returns whether one was removed. */
  async deleteByName(projectId: string, name: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('deployments')
      .where('project_id', '=', projectId)
      .where('name_key', '=', toNameKey(name))
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listUsingConnection(connectionId: string): Promise<DeploymentReference[]> {
    const rows = await this.db
      .selectFrom('deployment_backends')
      .innerJoin('deployments', 'deployments.id', 'deployment_backends.deployment_id')
      .innerJoin('projects', 'projects.id', 'deployments.project_id')
      .select(['projects.name as projectName', 'deployments.name as deploymentName'])
      .where('deployment_backends.connection_id', '=', connectionId)
      .distinct()
      .orderBy('projects.name')
      .orderBy('deployments.name')
      .execute();
    return rows;
  }
}

export function toNameKey(name: string): string {
  return name.toLowerCase();
}

/** A stored option this version knows; another one means the database is newer than the code. */
function knownOption<Option extends string>(options: readonly Option[], value: string, what: string): Option {
  const known = options.find((option) => option === value);
  if (known === undefined) throw new Error(`${what} '${value}', which this Hangar version does not know.`);
  return known;
}

async function insertBackends(
  db: Kysely<Tables>,
  deploymentId: string,
  backends: DeploymentBackendRecord[],
): Promise<void> {
  if (backends.length === 0) return;
  await db
    .insertInto('deployment_backends')
    .values(
      backends.map((backend, position) => ({
        deployment_id: deploymentId,
        position,
        connection_id: backend.connectionId,
        model: backend.model,
        priority: backend.priority,
        weight: backend.weight,
      })),
    )
    .execute();
}

// Written only from validated input, so reading trusts the shape; a value that is not an object reads as defaults.
function readRouting(text: string | null): RoutingPolicyWire | null {
  if (text === null) return null;
  const parsed = safeParseJson(text);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : null;
}

function writeRouting(routing: RoutingPolicyWire | null | undefined): string | null {
  return routing === null || routing === undefined ? null : JSON.stringify(routing);
}
