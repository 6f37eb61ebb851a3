import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GatewayError } from '../../spec/index.js';
import {
  ContentBlocklistRepository,
  ContentFilterPolicyRepository,
  DeploymentRepository,
  ProjectRepository,
  type ContentFilterPolicyRecord,
  type SecretBox,
  type Tables,
} from '../../store/index.js';
import type { AnalyzerSpec, ContentFilterPolicy } from '../policy/content-filter-policy.js';
import { parsePolicyInput, policySettingsWire, type AnalyzerInput } from '../policy/content-filter-policy-wire.js';
import { NAME_PATTERN, NAME_RULE } from '../policy/parse-wire.js';
import { readStoredPolicy } from '../policy/read-stored-policy.js';

/** `GET …/content-filters/events` lists a project's filtered requests, so no policy may take that name. */
export const RESERVED_POLICY_NAMES: readonly string[] = ['events'];

/** Whose policy is written: the platform's (no project) or a project's own. */
export interface PolicyOwner {
  projectId: string | null;
  projectName?: string;
}

export interface WrittenPolicy {
  record: ContentFilterPolicyRecord;
  policy: ContentFilterPolicy;
  /** False when the stored policy already said exactly this (nothing was written). */
  changed: boolean;
}

/**
 * Checks a policy body against what it refers to, then stores it (replacing one of the same name). A model
 * analyzer must name an existing deployment (a project's policy only one of its own project); an Azure analyzer
 * needs its key, given now or kept from the stored policy when the endpoint stays; a project's policy may only name
 * blocklists the project has.
 */
export async function writePolicy(
  db: Kysely<Tables>,
  secretBox: SecretBox,
  owner: PolicyOwner,
  name: string,
  body: unknown,
  now: number,
): Promise<WrittenPolicy> {
  checkPolicyName(name);
  const parsed = parsePolicyInput(body);
  if (parsed.name !== undefined && parsed.name !== name) {
    throw new GatewayError(
      'invalid_request',
      `name '${parsed.name}' in the body differs from '${name}' in the path; leave it out or make them agree.`,
      { param: 'name' },
    );
  }
  const repository = new ContentFilterPolicyRepository(db);
  const existing = await repository.find(owner.projectId, name);
  const analyzer = await checkAnalyzer(db, secretBox, owner, parsed.analyzer, existing);
  if (owner.projectId !== null) {
    await checkBlocklists(db, owner.projectId, owner.projectName ?? '', 'prompt', parsed.prompt.blocklists);
    await checkBlocklists(db, owner.projectId, owner.projectName ?? '', 'completion', parsed.completion.blocklists);
  }
  const policy: ContentFilterPolicy = {
    name,
    projectId: owner.projectId,
    description: parsed.description ?? '',
    analyzer,
    prompt: parsed.prompt,
    completion: parsed.completion,
  };
  const definition = JSON.stringify(policySettingsWire(policy));
  if (existing !== undefined && sameAsStored(existing, policy, definition, secretBox)) {
    return { record: existing, policy, changed: false };
  }
  const record: ContentFilterPolicyRecord = {
    id: existing?.id ?? `cfp_${randomUUID().replaceAll('-', '')}`,
    projectId: owner.projectId,
    name,
    description: policy.description,
    definition,
    apiKeyCiphertext: analyzer.type === 'azure-content-safety' ? secretBox.encrypt(analyzer.apiKey) : null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await repository.upsert(record);
  return { record, policy, changed: true };
}

export function checkPolicyName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new GatewayError('invalid_request', `The policy name '${name}' ${NAME_RULE}.`, { param: 'name' });
  }
  if (RESERVED_POLICY_NAMES.includes(name)) {
    throw new GatewayError('invalid_request', `'${name}' is reserved (it is a path of the admin API); pick another.`, {
      param: 'name',
    });
  }
}

async function checkAnalyzer(
  db: Kysely<Tables>,
  secretBox: SecretBox,
  owner: PolicyOwner,
  analyzer: AnalyzerInput,
  existing: ContentFilterPolicyRecord | undefined,
): Promise<AnalyzerSpec> {
  switch (analyzer.type) {
    case 'builtin':
      return analyzer;
    case 'model': {
      const projectName = analyzer.project ?? owner.projectName;
      if (owner.projectId !== null && projectName !== owner.projectName) {
        throw new GatewayError(
          'invalid_request',
          `A project's policy may only ask a deployment of its own project ('${owner.projectName ?? ''}'); leave ` +
            'analyzer.project out.',
          { param: 'analyzer.project' },
        );
      }
      if (projectName === undefined) {
        throw new GatewayError(
          'invalid_request',
          'analyzer.project is required for a platform policy: the project whose deployment grades the texts.',
          { param: 'analyzer.project' },
        );
      }
      const project = await new ProjectRepository(db).findByName(projectName);
      const deployment =
        project === undefined
          ? undefined
          : await new DeploymentRepository(db).findByName(project.id, analyzer.deployment);
      if (deployment === undefined) {
        throw new GatewayError(
          'invalid_request',
          `analyzer.deployment '${analyzer.deployment}' is not a deployment of project '${projectName}'; deploy the ` +
            'classifier model first (GET /admin/projects/{project}/deployments lists them).',
          { param: 'analyzer.deployment' },
        );
      }
      return analyzer;
    }
    case 'azure-content-safety': {
      let apiKey = analyzer.apiKey;
      if (apiKey === undefined && existing !== undefined && existing.apiKeyCiphertext !== null) {
        const stored = readStoredPolicy(existing, null).analyzer;
        // A kept key goes only to the endpoint it was given for: moving the endpoint needs the key again.
        if (stored.type === 'azure-content-safety' && stored.endpoint === analyzer.endpoint) {
          apiKey = secretBox.decrypt(existing.apiKeyCiphertext);
        }
      }
      if (apiKey === undefined) {
        throw new GatewayError(
          'invalid_request',
          'analyzer.api_key is required for azure-content-safety (it may be left out only to keep the stored key ' +
            'for the same endpoint).',
          { param: 'analyzer.api_key' },
        );
      }
      return {
        type: 'azure-content-safety',
        endpoint: analyzer.endpoint,
        apiKey,
        ...(analyzer.apiVersion === undefined ? {} : { apiVersion: analyzer.apiVersion }),
      };
    }
  }
}

async function checkBlocklists(
  db: Kysely<Tables>,
  projectId: string,
  projectName: string,
  side: 'prompt' | 'completion',
  names: readonly string[],
): Promise<void> {
  if (names.length === 0) return;
  const known = (await new ContentBlocklistRepository(db).list(projectId)).map((list) => list.name);
  const missing = names.filter((name) => !known.includes(name));
  if (missing.length > 0) {
    throw new GatewayError(
      'invalid_request',
      `${side}.blocklists names ${missing.map((name) => `'${name}'`).join(', ')}, which project '${projectName}' ` +
        `does not have (it has: ${known.join(', ') || 'none'}); create the blocklist first.`,
      { param: `${side}.blocklists` },
    );
  }
}

/** Compares the Azure key in plaintext: the same key encrypts differently every time. */
function sameAsStored(
  existing: ContentFilterPolicyRecord,
  policy: ContentFilterPolicy,
  definition: string,
  secretBox: SecretBox,
): boolean {
  if (existing.definition !== definition || existing.description !== policy.description) return false;
  const key = policy.analyzer.type === 'azure-content-safety' ? policy.analyzer.apiKey : null;
  if (existing.apiKeyCiphertext === null || key === null) return existing.apiKeyCiphertext === null && key === null;
  try {
    return secretBox.decrypt(existing.apiKeyCiphertext) === key && secretBox.isCurrent(existing.apiKeyCiphertext);
  } catch {
    return false;
  }
}
