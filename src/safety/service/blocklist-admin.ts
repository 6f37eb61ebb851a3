import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GatewayError, type JsonObject } from '../../spec/index.js';
import {
  ContentBlocklistRepository,
  ContentFilterPolicyRepository,
  type ContentBlocklistRecord,
  type Tables,
} from '../../store/index.js';
import {
  parseBlocklistInput,
  readStoredBlocklistItems,
  renderBlocklist,
  storedBlocklistItems,
} from '../blocklists/blocklist-wire.js';
import { NAME_PATTERN, NAME_RULE } from '../policy/parse-wire.js';
import { readStoredPolicy } from '../policy/read-stored-policy.js';
import { findProject, type SafetyAdminContext } from './policy-admin.js';

/** A project's blocklists through the admin API. */
export interface BlocklistAdmin {
  list(projectName: string): Promise<JsonObject[]>;
  get(projectName: string, name: string): Promise<JsonObject>;
  put(projectName: string, name: string, body: unknown): Promise<JsonObject>;
  /** Refused while a policy of the project names the list. */
  delete(projectName: string, name: string): Promise<JsonObject>;
}

export interface WrittenBlocklist {
  record: ContentBlocklistRecord;
  changed: boolean;
}

/** Stores a blocklist body (replacing the project's list of that name); unchanged lists are not written. */
export async function writeBlocklist(
  db: Kysely<Tables>,
  projectId: string,
  name: string,
  body: unknown,
  now: number,
): Promise<WrittenBlocklist> {
  if (!NAME_PATTERN.test(name)) {
    throw new GatewayError('invalid_request', `The blocklist name '${name}' ${NAME_RULE}.`, { param: 'name' });
  }
  const parsed = parseBlocklistInput(body);
  if (parsed.name !== undefined && parsed.name !== name) {
    throw new GatewayError(
      'invalid_request',
      `name '${parsed.name}' in the body differs from '${name}' in the path; leave it out or make them agree.`,
      { param: 'name' },
    );
  }
  const repository = new ContentBlocklistRepository(db);
  const existing = await repository.find(projectId, name);
  const description = parsed.description ?? '';
  const items = storedBlocklistItems(parsed.items);
  if (existing !== undefined && existing.items === items && existing.description === description) {
    return { record: existing, changed: false };
  }
  const record: ContentBlocklistRecord = {
    id: existing?.id ?? `cbl_${randomUUID().replaceAll('-', '')}`,
    projectId,
    name,
    description,
    items,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await repository.upsert(record);
  return { record, changed: true };
}

function view(record: ContentBlocklistRecord, projectName: string): JsonObject {
  return renderBlocklist(
    {
      projectId: record.projectId,
      name: record.name,
      description: record.description,
      items: readStoredBlocklistItems(record.items, `'${record.name}' of project '${projectName}'`),
    },
    projectName,
    record,
  );
}

export function createBlocklistAdmin(context: SafetyAdminContext): BlocklistAdmin {
  const { db } = context;
  const repository = new ContentBlocklistRepository(db);

  const existing = async (projectName: string, name: string) => {
    const project = await findProject(db, projectName);
    const record = await repository.find(project.id, name);
    if (record === undefined) {
      throw new GatewayError(
        'not_found',
        `Project '${project.name}' has no blocklist '${name}'; GET /admin/projects/${project.name}/blocklists ` +
          'lists them.',
        { param: 'name' },
      );
    }
    return { project, record };
  };

  return {
    async list(projectName) {
      const project = await findProject(db, projectName);
      return (await repository.list(project.id)).map((record) => view(record, project.name));
    },

    async get(projectName, name) {
      const { project, record } = await existing(projectName, name);
      return view(record, project.name);
    },

    async put(projectName, name, body) {
      const project = await findProject(db, projectName);
      const written = await writeBlocklist(db, project.id, name, body, context.now());
      if (written.changed) await context.changed();
      return view(written.record, project.name);
    },

    async delete(projectName, name) {
      const { project } = await existing(projectName, name);
      // A policy naming a list that is gone would quietly stop refusing what the list held.
      const naming = (await new ContentFilterPolicyRepository(db).list(project.id)).filter((record) => {
        const policy = readStoredPolicy(record, null);
        return policy.prompt.blocklists.includes(name) || policy.completion.blocklists.includes(name);
      });
      if (naming.length > 0) {
        throw new GatewayError(
          'invalid_request',
          `Blocklist '${name}' is named by the project's content-filter polic${naming.length === 1 ? 'y' : 'ies'} ` +
            `${naming.map((record) => `'${record.name}'`).join(', ')}; take it out of them first.`,
          { param: 'name' },
        );
      }
      await repository.remove(project.id, name);
      await context.changed();
      return { object: 'content_blocklist', project: project.name, name, deleted: true };
    },
  };
}
