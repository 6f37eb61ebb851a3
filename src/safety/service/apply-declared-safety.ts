import type { Kysely } from 'kysely';
import { GatewayError } from '../../spec/index.js';
import {
  ContentFilterPolicyRepository,
  inTransaction,
  ProjectRepository,
  type SecretBox,
  type Tables,
} from '../../store/index.js';
import { DEFAULT_POLICY_NAME } from '../policy/default-policy.js';
import { writeBlocklist } from './blocklist-admin.js';
import { writePolicy } from './write-policy.js';

/** A policy of the config file: its name and its settings in the admin API's spelling. */
export interface DeclaredPolicyInput {
  name: string;
  definition: Readonly<Record<string, unknown>>;
}

export interface DeclaredBlocklistInput {
  name: string;
  description?: string;
  items: readonly { pattern: string; regex?: boolean }[];
}

/** What content safety reads of the config file (the config layer's `Declared` fits). */
export interface DeclaredSafety {
  contentFilters?: readonly DeclaredPolicyInput[];
  projects: readonly {
    name: string;
    contentFilters?: readonly DeclaredPolicyInput[];
    blocklists?: readonly DeclaredBlocklistInput[];
    deployments: readonly { name: string; contentFilter?: string }[];
  }[];
}

/**
 * Makes the database hold the file's policies and blocklists, by name, in one transaction: platform policies,
 * then each project's blocklists and policies (which may name those lists). Checked by the admin API's rules; then
 * every declared deployment's `content_filter` must name a policy that exists. Returns whether anything changed.
 */
export async function applyDeclaredSafety(
  db: Kysely<Tables>,
  secretBox: SecretBox,
  declared: DeclaredSafety,
  now: number,
): Promise<boolean> {
  return inTransaction(db, async (transaction) => {
    let changed = false;
    for (const policy of declared.contentFilters ?? []) {
      const written = await declaredStep(`content filter '${policy.name}'`, () =>
        writePolicy(transaction, secretBox, { projectId: null }, policy.name, policy.definition, now),
      );
      changed ||= written.changed;
    }
    const projects = new ProjectRepository(transaction);
    const policies = new ContentFilterPolicyRepository(transaction);
    for (const declaredProject of declared.projects) {
      const project = await projects.findByName(declaredProject.name);
      if (project === undefined) throw new Error(`Declared project '${declaredProject.name}' was not created.`);
      const where = `of project '${project.name}'`;
      for (const blocklist of declaredProject.blocklists ?? []) {
        const written = await declaredStep(`blocklist '${blocklist.name}' ${where}`, () =>
          writeBlocklist(
            transaction,
            project.id,
            blocklist.name,
            { description: blocklist.description, items: blocklist.items },
            now,
          ),
        );
        changed ||= written.changed;
      }
      for (const policy of declaredProject.contentFilters ?? []) {
        const owner = { projectId: project.id, projectName: project.name };
        const written = await declaredStep(`content filter '${policy.name}' ${where}`, () =>
          writePolicy(transaction, secretBox, owner, policy.name, policy.definition, now),
        );
        changed ||= written.changed;
      }
      for (const deployment of declaredProject.deployments) {
        const name = deployment.contentFilter;
        if (name === undefined || name === DEFAULT_POLICY_NAME) continue;
        const found = (await policies.find(project.id, name)) ?? (await policies.find(null, name));
        if (found === undefined) {
          throw new GatewayError(
            'invalid_request',
            `Declared deployment '${deployment.name}' ${where}: content_filter '${name}' is not a policy of the ` +
              'project or of the platform; declare it under content_filters (or create it through the admin API).',
            { param: 'content_filter' },
          );
        }
      }
    }
    return changed;
  });
}

/** Says which declared object a failure belongs to, as the control plane's declared objects do. */
async function declaredStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof GatewayError) {
      throw new GatewayError(error.code, `Declared ${what}: ${error.message}`, {
        ...(error.param === undefined ? {} : { param: error.param }),
      });
    }
    throw error;
  }
}
