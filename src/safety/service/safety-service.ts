import type { Kysely } from 'kysely';
import type { JsonObject } from '../../spec/index.js';
import { ContentFilterEventRepository, type SecretBox, type Tables } from '../../store/index.js';
import type { ResolvedPolicy } from '../policy/resolved-policy.js';
import { applyDeclaredSafety, type DeclaredSafety } from './apply-declared-safety.js';
import { createBlocklistAdmin, type BlocklistAdmin } from './blocklist-admin.js';
import { createEventWriter, type ContentFilterEvent } from './content-filter-event-writer.js';
import { renderContentFilterEvent, toStoredEvent, type StoredContentFilterEvent } from './content-filter-event-view.js';
import { loadSafetySnapshot } from './load-safety-snapshot.js';
import { createPolicyAdmin, findProject, type PolicyAdmin } from './policy-admin.js';
import { PolicyResolver, type AnalyzerFactory } from './policy-resolver.js';

/** How replicas tell each other that policies or blocklists changed; control's Redis change notices fit. */
export interface SafetyChangeNotices {
  publish(): Promise<void>;
  subscribe(onChange: () => void): Promise<void>;
}

export interface SafetyServiceOptions {
  db: Kysely<Tables>;
  /** Encrypts the Azure AI Content Safety keys of policies, as it does connection credentials. */
  secretBox: SecretBox;
  notices?: SafetyChangeNotices;
  /** Where a failed reload after another replica's notice is reported. */
  onReloadError?: (error: unknown) => void;
  /** Builds a policy's analyzer, on the first request that uses the policy after each reload. */
  analyzerFor: AnalyzerFactory;
  /** Where failed or dropped event writes are reported. */
  onEventError?: (error: unknown, what: string) => void;
  /** How often recorded events are written; 1 s by default. */
  eventFlushEveryMs?: number;
  now?: () => number;
}

export interface EventListing {
  /** 1 to 1000. */
  limit: number;
  /** Unix ms, exclusive. */
  before?: number;
}

/** The most events one listing returns. */
export const MAXIMUM_EVENT_LISTING = 1000;

/** Content-filter policies and blocklists: served to the request path from memory, managed through the admin API. */
export interface SafetyService {
  /**
   * The policy a deployment of the project applies, from memory: the project's own policy of that name, else the
   * platform's; no name means `default`; a name that no longer exists falls back to `default` (`fallback: true`).
   */
  policyFor(projectId: string, policyName: string | null): ResolvedPolicy;
  /** True when a deployment of the project may name the policy. */
  hasPolicy(projectId: string, name: string): boolean;
  /** Platform and project policies: every write reloads this replica and tells the others. */
  policies: PolicyAdmin;
  /** Project blocklists: every write reloads this replica and tells the others. */
  blocklists: BlocklistAdmin;
  /** Notes a filtered, redacted or annotated request; written off the request path, never throws. */
  recordEvent(event: ContentFilterEvent): void;
  /** The project's recent events, newest first (what is still buffered here is written first). */
  listEvents(projectId: string, listing: EventListing): Promise<StoredContentFilterEvent[]>;
  /** The same for the admin API, by project name. */
  listProjectEvents(projectName: string, listing: EventListing): Promise<JsonObject[]>;
  /** Upserts the config file's policies and blocklists by name; safe to run at every start. */
  applyDeclared(declared: DeclaredSafety): Promise<void>;
  /** Re-reads every policy and blocklist. */
  reload(): Promise<void>;
  /** Writes the events still buffered. The database and the notices belong to the caller. */
  close(): Promise<void>;
}

/** Loads every policy and blocklist before it answers, so the first request is filtered right. */
export async function createSafetyService(options: SafetyServiceOptions): Promise<SafetyService> {
  const { db, secretBox } = options;
  const now = options.now ?? Date.now;
  let resolver = new PolicyResolver(await loadSafetySnapshot(db, secretBox), options.analyzerFor);

  // Loads can overlap when changes come quickly; only the most recently started may win, as in the control plane.
  let startedLoads = 0;
  let appliedLoad = 0;
  const reload = async () => {
    const load = ++startedLoads;
    const snapshot = await loadSafetySnapshot(db, secretBox);
    if (load > appliedLoad) {
      appliedLoad = load;
      resolver = new PolicyResolver(snapshot, options.analyzerFor);
    }
  };
  const changed = async () => {
    await reload();
    await options.notices?.publish();
  };
  await options.notices?.subscribe(() => {
    reload().catch((error: unknown) => options.onReloadError?.(error));
  });

  const events = createEventWriter({
    db,
    now,
    ...(options.eventFlushEveryMs === undefined ? {} : { flushEveryMs: options.eventFlushEveryMs }),
    ...(options.onEventError === undefined ? {} : { onError: options.onEventError }),
  });
  const eventRepository = new ContentFilterEventRepository(db);
  const listEvents = async (projectId: string, listing: EventListing) => {
    await events.flush();
    const limit = Math.min(Math.max(Math.trunc(listing.limit), 1), MAXIMUM_EVENT_LISTING);
    const records = await eventRepository.list(projectId, {
      limit,
      ...(listing.before === undefined ? {} : { before: listing.before }),
    });
    return records.map(toStoredEvent);
  };

  const context = { db, secretBox, now, changed };
  return {
    policyFor: (projectId, policyName) => resolver.policyFor(projectId, policyName),
    hasPolicy: (projectId, name) => resolver.hasPolicy(projectId, name),
    policies: createPolicyAdmin(context),
    blocklists: createBlocklistAdmin(context),
    recordEvent: (event) => events.record(event),
    listEvents,
    async listProjectEvents(projectName, listing) {
      const project = await findProject(db, projectName);
      return (await listEvents(project.id, listing)).map((event) => renderContentFilterEvent(event, project.name));
    },
    async applyDeclared(declared) {
      if (await applyDeclaredSafety(db, secretBox, declared, now())) await changed();
    },
    reload,
    close: () => events.close(),
  };
}
