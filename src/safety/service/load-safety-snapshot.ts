import type { Kysely } from 'kysely';
import {
  ContentBlocklistRepository,
  ContentFilterPolicyRepository,
  type SecretBox,
  type Tables,
} from '../../store/index.js';
import { readStoredBlocklistItems } from '../blocklists/blocklist-wire.js';
import type { Blocklist, ContentFilterPolicy } from '../policy/content-filter-policy.js';
import { readStoredPolicy } from '../policy/read-stored-policy.js';

/** Every stored policy and blocklist, as the request path reads them: from memory, by name. */
export interface SafetySnapshot {
  /** Platform policies by name; a stored `default` replaces the built-in one. */
  platform: ReadonlyMap<string, ContentFilterPolicy>;
  /** Project id → the project's own policies by name. */
  projects: ReadonlyMap<string, ReadonlyMap<string, ContentFilterPolicy>>;
  /** Project id → the project's blocklists by name. */
  blocklists: ReadonlyMap<string, ReadonlyMap<string, Blocklist>>;
}

export async function loadSafetySnapshot(db: Kysely<Tables>, secretBox: SecretBox): Promise<SafetySnapshot> {
  const [policyRecords, blocklistRecords] = await Promise.all([
    new ContentFilterPolicyRepository(db).listAll(),
    new ContentBlocklistRepository(db).listAll(),
  ]);
  const platform = new Map<string, ContentFilterPolicy>();
  const projects = new Map<string, Map<string, ContentFilterPolicy>>();
  for (const record of policyRecords) {
    const policy = readStoredPolicy(record, secretBox);
    if (record.projectId === null) platform.set(record.name, policy);
    else inner(projects, record.projectId).set(record.name, policy);
  }
  const blocklists = new Map<string, Map<string, Blocklist>>();
  for (const record of blocklistRecords) {
    inner(blocklists, record.projectId).set(record.name, {
      projectId: record.projectId,
      name: record.name,
      description: record.description,
      items: readStoredBlocklistItems(record.items, `'${record.name}' of project ${record.projectId}`),
    });
  }
  return { platform, projects, blocklists };
}

function inner<Value>(outer: Map<string, Map<string, Value>>, key: string): Map<string, Value> {
  let found = outer.get(key);
  if (found === undefined) {
    found = new Map();
    outer.set(key, found);
  }
  return found;
}
