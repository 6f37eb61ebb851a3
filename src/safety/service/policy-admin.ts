import type { Kysely } from 'kysely';
import { GatewayError, type JsonObject } from '../../spec/index.js';
import {
  ContentFilterPolicyRepository,
  ProjectRepository,
  type ContentFilterPolicyRecord,
  type ProjectRecord,
  type SecretBox,
  type Tables,
} from '../../store/index.js';
import { builtInDefaultPolicy, DEFAULT_POLICY_NAME } from '../policy/default-policy.js';
import { readStoredPolicy } from '../policy/read-stored-policy.js';
import { renderContentFilterPolicy } from '../policy/render-content-filter-policy.js';
import { writePolicy } from './write-policy.js';

/** What the admin side of content safety works with. */
export interface SafetyAdminContext {
  db: Kysely<Tables>;
  secretBox: SecretBox;
  now: () => number;
  /** After a write: reloads this replica's policies and tells the other replicas. */
  changed: () => Promise<void>;
}

/** Platform and project policies through the admin API; reads come from the database, as on the rest of it. */
export interface PolicyAdmin {
  listPlatform(): Promise<JsonObject[]>;
  getPlatform(name: string): Promise<JsonObject>;
  putPlatform(name: string, body: unknown): Promise<JsonObject>;
  deletePlatform(name: string): Promise<JsonObject>;
  /** The project's own policies and the platform's, each marked with its scope. */
  listProject(projectName: string): Promise<JsonObject[]>;
  /** The project's own policy of that name, else the platform's. */
  getProject(projectName: string, name: string): Promise<JsonObject>;
  putProject(projectName: string, name: string, body: unknown): Promise<JsonObject>;
  deleteProject(projectName: string, name: string): Promise<JsonObject>;
  /** Refuses (400, param content_filter) a deployment's policy name that neither the project nor the platform has. */
  checkDeploymentPolicy(projectName: string, policyName: string | null | undefined): Promise<void>;
}

export async function findProject(db: Kysely<Tables>, name: string): Promise<ProjectRecord> {
  const found = await new ProjectRepository(db).findByName(name);
  if (found === undefined) {
    throw new GatewayError('not_found', `Project '${name}' does not exist; check the name.`, { param: 'project' });
  }
  return found;
}

function storedView(record: ContentFilterPolicyRecord, projectName?: string): JsonObject {
  return renderContentFilterPolicy({
    policy: readStoredPolicy(record, null),
    ...(projectName === undefined ? {} : { projectName }),
    builtIn: false,
    apiKeySet: record.apiKeyCiphertext !== null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  });
}

function builtInView(): JsonObject {
  return renderContentFilterPolicy({
    policy: builtInDefaultPolicy(),
    builtIn: true,
    apiKeySet: false,
    createdAt: null,
    updatedAt: null,
  });
}

/** The platform's policies with the built-in default when no stored one replaces it, by name. */
async function platformViews(repository: ContentFilterPolicyRepository): Promise<JsonObject[]> {
  const stored = await repository.list(null);
  const views = stored.map((record) => ({ name: record.name, view: storedView(record) }));
  if (!stored.some((record) => record.name === DEFAULT_POLICY_NAME)) {
    views.push({ name: DEFAULT_POLICY_NAME, view: builtInView() });
  }
  return views.sort((left, right) => left.name.localeCompare(right.name)).map(({ view }) => view);
}

export function createPolicyAdmin(context: SafetyAdminContext): PolicyAdmin {
  const { db } = context;
  const repository = new ContentFilterPolicyRepository(db);

  const noPolicy = (name: string, where: string, listing: string) =>
    new GatewayError('not_found', `${where} has no content-filter policy '${name}'; ${listing} lists them.`, {
      param: 'name',
    });

  /** Deployments that would be left naming no policy once this one is removed. */
  const orphans = async (projectId: string | null, name: string): Promise<string[]> => {
    if (name === DEFAULT_POLICY_NAME) return []; // The built-in default takes over.
    if (projectId !== null && (await repository.find(null, name)) !== undefined) return []; // The platform's does.
    const users = await repository.listDeploymentsNaming(name, projectId);
    const shadowing =
      projectId === null
        ? new Set((await repository.listAll()).flatMap((record) => (record.name === name ? [record.projectId] : [])))
        : new Set<string>();
    return users
      .filter((user) => !shadowing.has(user.projectId))
      .map((user) => `${user.projectName}/${user.deploymentName}`);
  };

  const remove = async (projectId: string | null, name: string): Promise<void> => {
    const users = await orphans(projectId, name);
    if (users.length > 0) {
      throw new GatewayError(
        'invalid_request',
        `Content-filter policy '${name}' is used by deployment(s) ${users.join(', ')}; give them another ` +
          'content_filter (or none, for the default) first.',
        { param: 'name' },
      );
    }
    await repository.remove(projectId, name);
    await context.changed();
  };

  return {
    listPlatform: () => platformViews(repository),

    async getPlatform(name) {
      const record = await repository.find(null, name);
      if (record !== undefined) return storedView(record);
      if (name === DEFAULT_POLICY_NAME) return builtInView();
      throw noPolicy(name, 'The platform', 'GET /admin/content-filters');
    },

    async putPlatform(name, body) {
      const written = await writePolicy(context.db, context.secretBox, { projectId: null }, name, body, context.now());
      if (written.changed) await context.changed();
      return storedView(written.record);
    },

    async deletePlatform(name) {
      if ((await repository.find(null, name)) === undefined) {
        if (name === DEFAULT_POLICY_NAME) {
          throw new GatewayError('not_found', 'The default policy is the built-in one already; nothing to remove.', {
            param: 'name',
          });
        }
        throw noPolicy(name, 'The platform', 'GET /admin/content-filters');
      }
      await remove(null, name);
      return { object: 'content_filter_policy', name, deleted: true };
    },

    async listProject(projectName) {
      const project = await findProject(db, projectName);
      const own = (await repository.list(project.id)).map((record) => storedView(record, project.name));
      return [...own, ...(await platformViews(repository))];
    },

    async getProject(projectName, name) {
      const project = await findProject(db, projectName);
      const own = await repository.find(project.id, name);
      if (own !== undefined) return storedView(own, project.name);
      const platform = await repository.find(null, name);
      if (platform !== undefined) return storedView(platform);
      if (name === DEFAULT_POLICY_NAME) return builtInView();
      throw noPolicy(name, `Project '${project.name}'`, `GET /admin/projects/${project.name}/content-filters`);
    },

    async putProject(projectName, name, body) {
      const project = await findProject(db, projectName);
      const owner = { projectId: project.id, projectName: project.name };
      const written = await writePolicy(context.db, context.secretBox, owner, name, body, context.now());
      if (written.changed) await context.changed();
      return storedView(written.record, project.name);
    },

    async deleteProject(projectName, name) {
      const project = await findProject(db, projectName);
      if ((await repository.find(project.id, name)) === undefined) {
        const platform = (await repository.find(null, name)) !== undefined || name === DEFAULT_POLICY_NAME;
        throw new GatewayError(
          'not_found',
          `Project '${project.name}' has no policy '${name}' of its own` +
            (platform ? ' (the platform has one; platform admins change it under /admin/content-filters).' : '.'),
          { param: 'name' },
        );
      }
      await remove(project.id, name);
      return { object: 'content_filter_policy', project: project.name, name, deleted: true };
    },

    async checkDeploymentPolicy(projectName, policyName) {
      if (policyName === null || policyName === undefined || policyName === DEFAULT_POLICY_NAME) return;
      const project = await findProject(db, projectName);
      if ((await repository.find(project.id, policyName)) !== undefined) return;
      if ((await repository.find(null, policyName)) !== undefined) return;
      const known = new Set([
        DEFAULT_POLICY_NAME,
        ...(await repository.list(project.id)).map((record) => record.name),
        ...(await repository.list(null)).map((record) => record.name),
      ]);
      throw new GatewayError(
        'invalid_request',
        `content_filter '${policyName}' is not a content-filter policy of project '${project.name}' or of the ` +
          `platform; known: ${[...known].sort().join(', ')}.`,
        { param: 'content_filter' },
      );
    },
  };
}
