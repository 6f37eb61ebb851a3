import type { Catalog } from '../catalog/index.js';
import type { Declared } from '../config/index.js';
import { ApiKeyRepository, SecretBox, type HangarDatabase } from '../store/index.js';
import { applyDeclared } from './apply-declared.js';
import type { ChangeNotices } from './change-notices.js';
import { createConnectionService, type ConnectionService } from './connection-service.js';
import type { ControlContext } from './control-context.js';
import { createDeploymentService, type DeploymentService } from './deployment-service.js';
import { createKeyService, type KeyService } from './key-service.js';
import { loadRegistrySnapshot } from './load-registry-snapshot.js';
import { reencryptSecrets } from './reencrypt-secrets.js';
import { MemoryRegistry } from './memory-registry.js';
import { createProjectService, type ProjectService } from './project-service.js';
import { createQuotaGrantService, type QuotaGrantService } from './quota-grants.js';
import type { Registry } from './registry-types.js';
import {
  createMemberService,
  createSessionService,
  createUserService,
  type MemberService,
  type SessionService,
  type UserService,
} from './access/index.js';

export interface ControlPlane {
  /** Served from memory; rebuilt after every change made through this control plane. */
  registry: Registry;
  connections: ConnectionService;
  projects: ProjectService;
  keys: KeyService;
  deployments: DeploymentService;
  /** TPM granted to projects per model, which their deployments carve from. */
  quotas: QuotaGrantService;
  /** People who sign in to the admin API and portal. */
  users: UserService;
  /** Who holds which role on a project. */
  members: MemberService;
  sessions: SessionService;
  /** Upserts the config file's connections, projects, keys and deployments by name; safe to run at every start. */
  applyDeclared(declared: Pick<Declared, 'connections' | 'projects'>): Promise<void>;
  /** Re-reads the database, for changes made by another process (another replica, a migration script). */
  reload(): Promise<void>;
  /** Stops using the control plane. The database belongs to the caller, who closes it. */
  close(): Promise<void>;
}

/** How often keys' last-used times are written; a key's `last_used_at` lags by at most this. */
const LAST_USED_FLUSH_MS = 30_000;

export interface ControlPlaneOptions {
  database: HangarDatabase;
  /** Encrypts vendor credentials at rest; see resolveSecretKey. */
  secretKey: string;
  /** Tells other replicas about changes, and hears theirs; without it, only this process sees changes at once. */
  changeNotices?: ChangeNotices;
  /** Where a failed reload after another replica's notice is reported. */
  onReloadError?: (error: unknown) => void;
  /** The model catalog; deployments then show their model's retirement date. */
  catalog?: Pick<Catalog, 'models'>;
  /** Secret keys used before the current one (HANGAR_SECRET_KEY_PREVIOUS): they still decrypt, and what they
   * open is re-encrypted with the current key at start. */
  previousSecretKeys?: readonly string[];
  /** Told how many stored credentials were re-encrypted with the current key at start (only when some were). */
  onSecretsReencrypted?: (count: number) => void;
  /** How long a sign-in lasts; 12 hours when absent. */
  sessionTtlMs?: number;
}

const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

export async function createControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const { db } = options.database;
  const secretBox = new SecretBox(options.secretKey, options.previousSecretKeys);
  const reencrypted = await reencryptSecrets(db, secretBox);
  if (reencrypted > 0) options.onSecretsReencrypted?.(reencrypted);
  const registry = new MemoryRegistry();

  // Loads can overlap when changes come quickly; only the most recently started one may win, because
  // it is the only one sure to have read every change that finished before it.
  let startedLoads = 0;
  let appliedLoad = 0;
  const reload = async () => {
    const load = ++startedLoads;
    const snapshot = await loadRegistrySnapshot(db, secretBox);
    if (load > appliedLoad) {
      appliedLoad = load;
      registry.replace(snapshot);
    }
  };

  const notices = options.changeNotices;
  // A change made here reloads this registry, then tells the others; theirs reload this one.
  const reloadAndNotify = async () => {
    await reload();
    await notices?.publish();
  };
  const context: ControlContext = {
    db,
    secretBox,
    reload: reloadAndNotify,
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
  };
  await reload();
  await notices?.subscribe(() => {
    reload().catch((error: unknown) => options.onReloadError?.(error));
  });

  // Last-used times go to the database in one batch per interval, never from a request.
  const flushUses = async () => {
    const uses = registry.takeUses();
    if (uses.size > 0) await new ApiKeyRepository(db).touch(uses);
  };
  let flushing: Promise<void> = Promise.resolve();
  const flushTimer = setInterval(() => {
    flushing = flushing.then(flushUses).catch(() => undefined);
  }, LAST_USED_FLUSH_MS);
  flushTimer.unref();

  return {
    registry,
    connections: createConnectionService(context),
    projects: createProjectService(context),
    keys: createKeyService(context),
    deployments: createDeploymentService(context),
    quotas: createQuotaGrantService(context),
    users: createUserService(context),
    members: createMemberService(context),
    sessions: createSessionService(context, { sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS }),
    async applyDeclared(declared) {
      await applyDeclared(db, secretBox, declared);
      await reloadAndNotify();
    },
    reload,
    async close() {
      clearInterval(flushTimer);
      await flushing;
      await flushUses();
      await notices?.close();
    },
  };
}
