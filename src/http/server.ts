import { join } from 'node:path';
import type { HangarConfig } from '../config/index.js';
import {
  combineUsageRecorders,
  createLedger,
  createUsageReports,
  type Pricer,
  type UsageRecorder,
  type WebhookTiming,
} from '../metering/index.js';
import { createControlPlane, createRedisChangeNotices, resolveAdminKey } from '../control/index.js';
import { openDatabase, resolveSecretKey } from '../store/index.js';
import { createLogger } from '../telemetry/index.js';
import { registerAdminRoutes } from './admin/index.js';
import { Redis } from 'ioredis';
import { defaultCatalogDirectory, loadCatalog } from '../catalog/index.js';
import { createMemoryQuotaLimiter, createRedisQuotaLimiter } from '../quota/index.js';
import { buildApp } from './app.js';
import { warmAdmissionTokenizers } from './inference/estimate-request-tokens.js';
import { warmStreamTokenizers } from './inference/estimate-stream-usage.js';
import { startLocalEngine } from './local-engine/index.js';
import { startBudgets } from './start-budgets.js';
import { startBilling } from './start-billing.js';
import { startServiceLevels } from './start-service-levels.js';
import { startSafety } from './start-safety.js';
import { createAnalyzerFactory } from './content-safety-analyzers.js';
import { registerMetricsRoute } from './metrics-route.js';
import { startTelemetry } from './start-telemetry.js';
import { HealthProber, RoutingState } from '../routing/index.js';
import { breakerGauge } from './breaker-gauge.js';

/** How long the health prober reuses the project list; a new project's probes start within this. */
const PROJECT_LIST_TTL_MS = 10_000;

export interface RunningServer {
  url: string;
  adminKey: string;
  /** Where the admin key came from: HANGAR_ADMIN_KEY, the data dir's admin.key, or generated just now. */
  adminKeySource: 'env' | 'file' | 'generated';
  close(): Promise<void>;
}

export interface ServerOverrides {
  /** Where finished requests are reported; tests pass their own to observe metering. */
  usage?: UsageRecorder;
  /** Prices usage for the ledger and budgets; tests pass a fixed price. Absent: the catalog's, with overrides. */
  pricer?: Pricer;
  /** How budget alert webhooks are retried; tests shorten the waits. */
  budgetWebhookTiming?: Partial<WebhookTiming>;
}

/** Starts Hangar from a loaded config: database, control plane, HTTP. Logs where it listens. */
export async function startServer(config: HangarConfig, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, { logPrompts: config.logPrompts });
  const database = await openDatabase({ url: config.database.url, sqlitePath: join(config.dataDir, 'hangar.db') });
  const secretKey = resolveSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir });
  // With Redis, admin changes made on any replica reach every replica's in-memory registry at once.
  const changeNotices = config.redis.url === undefined ? undefined : await createRedisChangeNotices(config.redis.url);
  // Loaded first: deployments show their model's retirement date from it.
  const catalog = await loadCatalog(defaultCatalogDirectory());
  const control = await createControlPlane({
    database,
    secretKey,
    catalog,
    changeNotices,
    sessionTtlMs: config.server.sessionTtlMs,
    previousSecretKeys: config.previousSecretKey === undefined ? [] : [config.previousSecretKey],
    onSecretsReencrypted: (count) =>
      logger.info(
        { count },
        'vendor credentials re-encrypted with the current secret key; HANGAR_SECRET_KEY_PREVIOUS can go',
      ),
    onReloadError: (error) => logger.error({ err: error }, "could not reload after another replica's change"),
  });
  await control.applyDeclared(config.declared);
  const admin = resolveAdminKey({ adminKey: config.adminKey, dataDir: config.dataDir });
  const engine = await startLocalEngine(config, logger);
  // Modules with state worth a gauge (routing's breakers, …) register it on telemetry.metrics (a GaugeRegistry).
  const telemetry = await startTelemetry(config, engine.host);

  const outputCaps = new Map(catalog.models.map((model) => [model.id, model.maxOutputTokens ?? undefined]));
  const families = new Map(catalog.models.map((model) => [model.id, model.family]));
  const modelFamily = (model: string) => families.get(model);
  // Limited deployments count prompts with a tokenizer at admission, and building one holds the event loop for most
  // of a second: done now, in the background, rather than by their first request.
  void control.projects
    .list()
    .then(async (projects) => {
      const deployments = projects.flatMap((project) => control.registry.listDeployments(project.id));
      await warmAdmissionTokenizers({ modelFamily }, deployments);
      // Streams cut short are billed by counting their text; load those tokenizers before such a stream ends.
      await warmStreamTokenizers({ modelFamily }, deployments);
    })
    .catch((error: unknown) => logger.warn({ err: error }, 'could not load the tokenizers of limited deployments'));
  // Deployment quotas are counted in Redis when replicas share one, so a limit holds across all of them.
  const quotaRedis =
    config.redis.url === undefined ? undefined : new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
  quotaRedis?.on('error', (error: unknown) => logger.error({ err: error }, 'quota Redis connection failed'));
  const quota =
    quotaRedis === undefined
      ? createMemoryQuotaLimiter()
      : createRedisQuotaLimiter({ redis: quotaRedis, prefix: 'hangar:quota:' });

  // The request path only buffers usage; batches reach the database every second and at shutdown. Prices come from
  // the catalog's cards and each project's overrides, held in memory (see start-billing.ts); a model without any
  // price is stored at cost 0 under 'unpriced:<model>', which the reconciliation report lists.
  const billing = await startBilling({ config, database, catalog, logger });
  const pricer = overrides.pricer ?? billing.pricer;
  const ledger = createLedger({
    db: database.db,
    pricer,
    onError: (message, problem) => logger.error(problem, message),
  });
  // Each answered inference request counts for its deployment's service level, per minute in memory; minutes that
  // ended are written every few seconds and at shutdown (see src/metering/slo/).
  const serviceLevels = startServiceLevels({
    config,
    database,
    registry: control.registry,
    invoices: billing.invoices,
    logger,
  });
  const budgets = await startBudgets({
    config,
    database,
    secretKey,
    redis: quotaRedis,
    pricer,
    logger,
    ...(overrides.budgetWebhookTiming === undefined ? {} : { webhookTiming: overrides.budgetWebhookTiming }),
  });
  // Breakers, latencies and in-flight counts per deployment backend, in memory on this replica.
  const routing = new RoutingState();
  telemetry.metrics?.register(breakerGauge(routing));
  // Content-filter policies and blocklists, held in memory like the registry; the file's are applied once its
  // projects and deployments exist, and every deployment's content_filter must then name a policy.
  const safety = await startSafety({
    config,
    database,
    secretKey,
    logger,
    analyzerFor: createAnalyzerFactory({
      registry: control.registry,
      projectIdByName: async (name) => (await control.projects.list()).find((project) => project.name === name)?.id,
      services: { upstreamTimeoutMs: config.server.upstreamTimeoutMs, localProvider: engine.provider, routing },
    }),
  });
  await safety.service.applyDeclared(config.declared);
  // Deployments with routing.health_probe have their backends probed on a timer, feeding the same breakers. The
  // deployments come from the in-memory registry; only the project list is read from the database, at most every
  // PROJECT_LIST_TTL_MS rather than on every one-second tick.
  let projectIds: { ids: string[]; readAt: number } | undefined;
  const prober = new HealthProber({
    routing,
    listDeployments: async () => {
      if (projectIds === undefined || Date.now() - projectIds.readAt >= PROJECT_LIST_TTL_MS) {
        projectIds = { ids: (await control.projects.list()).map((project) => project.id), readAt: Date.now() };
      }
      return projectIds.ids.flatMap((projectId) => control.registry.listDeployments(projectId));
    },
    localProvider: engine.provider,
    onError: (error) => logger.warn({ err: error }, 'could not list the deployments to probe'),
  });
  prober.start();
  const app = buildApp({
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    upstreamTimeoutMs: config.server.upstreamTimeoutMs,
    streamCoalesceMs: config.server.streamCoalesceMs,
    registry: control.registry,
    usage: overrides.usage === undefined ? ledger : combineUsageRecorders(ledger, overrides.usage),
    localProvider: engine.provider,
    quota,
    budgets: budgets.guard,
    outputCap: (model) => outputCaps.get(model),
    modelFamily,
    serviceLevels: serviceLevels.tracker,
    telemetry: telemetry.inference,
    routing,
    contentSafety: {
      policyFor: (projectId, policyName) => safety.service.policyFor(projectId, policyName),
      recordEvent: (event) => safety.service.recordEvent(event),
      streamWindow: {
        windowChars: config.contentSafety.streamWindowChars,
        maxDelayMs: config.contentSafety.streamMaxDelayMs,
      },
    },
  });
  registerAdminRoutes(app, {
    control,
    engine,
    catalog,
    adminKey: admin.key,
    usage: createUsageReports(database.db),
    budgets: budgets.admin,
    billing: { prices: billing.prices, invoices: billing.invoices },
    serviceLevels: serviceLevels.admin,
    routing,
    safety: safety.service,
  });
  if (telemetry.metrics !== undefined) registerMetricsRoute(app, telemetry.metrics, config.metrics.token);
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  const url = address.replace('[::1]', 'localhost');
  logger.info({ url, database: database.dialect, adminKeySource: admin.source }, `Hangar is listening on ${url}`);

  return {
    url,
    adminKey: admin.key,
    adminKeySource: admin.source,
    async close() {
      // Stop accepting, then let in-flight requests finish within server.shutdown_grace; a client that keeps a
      // connection open past it (an abandoned stream on a pooled socket) must not hold shutdown hostage until its
      // keep-alive timeout. Streams cut at the deadline abort their upstream and are billed for what was sent.
      const graceMs = config.server.shutdownGraceMs;
      const force = setTimeout(() => app.server.closeAllConnections(), graceMs);
      force.unref();
      // A keep-alive connection whose response ends during the drain turns idle, and Node closes only the idle
      // connections of the moment close() was called: without this sweep, every drain would last the full grace.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      sweep.unref();
      await Promise.all([app.close(), prober.stop()]);
      clearTimeout(force);
      clearInterval(sweep);
      // A cut stream's handler records its usage just after its connection closed; wait for that (briefly).
      await telemetry.inference.inFlight.idle(1_000);
      // Every answered request has been recorded by now; what the ledger still holds is written before the
      // database closes, so a SIGTERM loses no usage.
      await ledger.close();
      await serviceLevels.close();
      // Filter events of the last requests are written before the database closes.
      await safety.close();
      // Settlements of the last requests, and alerts being written, finish before Redis and the database close.
      await budgets.close();
      await billing.close();
      await engine.close();
      await quota.close();
      quotaRedis?.disconnect();
      await control.close();
      await database.close();
      await telemetry.close();
    },
  };
}
