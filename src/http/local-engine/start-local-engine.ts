import { totalmem } from 'node:os';
import type { HangarConfig } from '../../config/index.js';
import {
  createModelHost,
  createPullTracker,
  DEFAULT_CHAT_MODEL,
  openLlamaRuntime,
  openModelStore,
  physicalCores,
  type ModelHost,
  type ModelStore,
  type PullTracker,
} from '../../engine/index.js';
import { createLocalProvider } from '../../providers/local/index.js';
import type { ProviderAdapter } from '../../spec/index.js';
import type { Logger } from '../../telemetry/index.js';
import { pullDeclaredModels } from './pull-declared-models.js';
import { createLocalModelResolver } from './resolve-local-model.js';

export interface LocalEngine {
  host: ModelHost;
  store: ModelStore;
  /** Pulls running now, from the admin API or the config's declared models. */
  pulls: PullTracker;
  provider: ProviderAdapter;
  /** What the engine runs with, for the admin API and the start-up log. */
  settings: { threads: number; gpu: HangarConfig['engine']['gpu']; memoryBudgetBytes: number };
  /** The accelerator in use (`cpu`, `cuda`, …) once llama.cpp has started; null before. */
  accelerator(): string | null;
  close(): Promise<void>;
}

/** Without a stated budget, local models may hold three quarters of the machine's memory. */
const DEFAULT_BUDGET_SHARE = 0.75;

/**
 * The in-process engine: a model store, a host that loads models on first use, and the `local` provider.
 * llama.cpp itself is loaded only when the first local model is, so a gateway serving vendors alone never
 * pays for it.
 */
export async function startLocalEngine(config: HangarConfig, logger: Logger): Promise<LocalEngine> {
  const store = openModelStore(config.dataDir, { huggingFaceUrl: config.huggingFaceUrl });
  // Threads are always explicit: llama.cpp's default oversubscribes small machines a thousandfold. One core is
  // left to the event loop and the HTTP work: on 2 cores, 2 math threads generate ~30× slower than 1.
  const threads = config.engine.threads ?? (config.ci ? 1 : Math.max(1, physicalCores() - 1));
  const memoryBudgetBytes = config.engine.memoryBudgetBytes ?? Math.floor(totalmem() * DEFAULT_BUDGET_SHARE);
  let accelerator: string | null = null;
  const resolveModel = createLocalModelResolver(config, store);
  const host = createModelHost({
    openRuntime: async () => {
      const runtime = await openLlamaRuntime({ threads, gpu: config.engine.gpu });
      accelerator = runtime.gpu === false ? 'cpu' : runtime.gpu;
      logger.info({ threads, accelerator }, `local engine ready: ${accelerator}, ${threads} threads`);
      return runtime;
    },
    resolve: resolveModel,
    memoryBudgetBytes,
  });

  const stored = await store.list();
  if (stored.length === 0 && config.declared.models.length === 0) {
    logger.info(
      { suggestion: DEFAULT_CHAT_MODEL.source },
      `No local model yet. To host one, pull a small chat model (${DEFAULT_CHAT_MODEL.licence}, about ` +
        `${Math.round(DEFAULT_CHAT_MODEL.approxSizeBytes / 1e6)} MB): ${DEFAULT_CHAT_MODEL.pullCommand}`,
    );
  }

  // With local models configured, llama.cpp starts now, beside listening, so the accelerator is known and
  // logged at start and a broken GPU setting shows before the first request.
  const servesLocally =
    config.declared.models.length > 0 ||
    config.declared.connections.some((connection) => connection.provider === 'local');
  if (servesLocally) {
    host.runtime().catch((error: unknown) => logger.error({ err: error }, 'the local engine could not start'));
  }

  const pulls = createPullTracker(store);
  const stopping = new AbortController();
  const pulling = pullDeclaredModels(config.declared.models, store, pulls, logger, stopping.signal);

  return {
    host,
    store,
    pulls,
    provider: createLocalProvider(host, async (name) => (await resolveModel(name)) !== undefined),
    settings: { threads, gpu: config.engine.gpu, memoryBudgetBytes },
    accelerator: () => accelerator,
    async close() {
      stopping.abort();
      await pulls.close();
      await pulling;
      await host.close();
    },
  };
}
