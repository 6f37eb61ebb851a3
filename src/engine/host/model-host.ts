import type { LlamaContextSequence, LlamaEmbeddingContext } from 'node-llama-cpp';
import { GatewayError } from '../../spec/index.js';
import type { LlamaRuntime } from '../runtime/index.js';
import { createSlotScheduler, type AcquireOptions } from '../scheduler/index.js';
import { chooseEvictions, type EvictionCandidate } from './choose-evictions.js';
import { estimateModelMemory } from './estimate-model-memory.js';
import { heldBytes, loadModel, unloadModel, type LoadedModel } from './loaded-model.js';
import type { LocalModelSpec } from './local-model-spec.js';

export interface ModelHostOptions {
  /** Opened on the first load, so a Hangar that serves only vendor models never loads llama.cpp. */
  openRuntime: () => Promise<LlamaRuntime>;
  /** The model a name stands for, or undefined when there is none. */
  resolve: (name: string) => Promise<LocalModelSpec | undefined>;
  /** Memory all loaded models may hold together, as estimated from their GGUF headers. */
  memoryBudgetBytes: number;
  now?: () => number;
}

export interface SequenceLease {
  sequence: LlamaContextSequence;
  slot: number;
  waitedMs: number;
  release(): void;
}

export interface EmbeddingLease {
  context: LlamaEmbeddingContext;
  /** Tokens one input may have. */
  maxInputTokens: number;
  waitedMs: number;
  release(): void;
}

/** A loaded model held for one request; it cannot be unloaded until the handle is closed. */
export interface ModelHandle {
  readonly loaded: LoadedModel;
  acquireSlot(options: AcquireOptions): Promise<SequenceLease>;
  acquireEmbedding(options: AcquireOptions): Promise<EmbeddingLease>;
  /** `keepAliveMs` replaces the model's keep-alive from now on, as Ollama's per-request `keep_alive` does. */
  close(options?: { keepAliveMs?: number }): void;
}

export interface LoadedModelView {
  name: string;
  path: string;
  /** Estimated bytes held: weights, every slot's context, and the embedding context once created. */
  memoryBytes: number;
  contextSize: number;
  slots: number;
  busySlots: number;
  queued: number;
  /** Requests holding the model right now. */
  inUse: number;
  loadedAt: string;
  loadDurationMs: number;
  /** The chat wrapper serving it: `JinjaTemplate` for the GGUF's own template, else the fallback's name. */
  chatTemplate: string;
  /** When it unloads if nothing uses it; null while in use or when kept loaded for good. */
  expiresAt: string | null;
  keepAliveMs: number;
}

export interface ModelHost {
  readonly memoryBudgetBytes: number;
  /** llama.cpp, started on first use (or here, ahead of it); tells which accelerator is in use. */
  runtime(): Promise<LlamaRuntime>;
  /** Loads the model on first use (concurrent callers share one load). */
  open(name: string): Promise<ModelHandle>;
  /** Loads a model ahead of traffic; it then stays for its keep-alive. */
  load(name: string): Promise<LoadedModelView>;
  /** Unloads an idle model at once; one in use unloads when its last request ends. Resolves whether it was loaded. */
  unload(name: string): Promise<boolean>;
  list(): LoadedModelView[];
  close(): Promise<void>;
}

interface Entry {
  loaded: LoadedModel;
  inUse: number;
  lastUsedAt: number;
  keepAliveMs: number;
  expiry: NodeJS.Timeout | undefined;
  expiresAt: number | undefined;
  embeddingCreation: Promise<void> | undefined;
}

/**
 * The engine's model manager: load on first use, keep-alive after the last request, and least-recently-used
 * unloading when a new model would exceed the memory budget. The budget is checked against an estimate made
 * from the GGUF before anything is loaded, so an overcommitted machine refuses instead of swapping.
 */
export function createModelHost(options: ModelHostOptions): ModelHost {
  const now = options.now ?? Date.now;
  const budget = options.memoryBudgetBytes;
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Entry>>();
  /** Bytes promised to loads in progress, so two loads cannot both claim the same free memory. */
  const reservations = new Map<string, number>();
  let runtime: Promise<LlamaRuntime> | undefined;
  let closed = false;
  /** Orders uses for the LRU; a clock would tie on uses within the same millisecond. */
  let useCount = 0;

  function getRuntime(): Promise<LlamaRuntime> {
    runtime ??= options.openRuntime().catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
    return runtime;
  }

  async function makeRoom(name: string, needBytes: number): Promise<void> {
    const candidates: EvictionCandidate[] = [...entries.entries()].map(([entryName, entry]) => ({
      name: entryName,
      bytes: heldBytes(entry.loaded),
      // A model kept loaded for good (keep-alive < 0) is never unloaded to make room, like one in use.
      inUse: entry.keepAliveMs < 0 ? entry.inUse + 1 : entry.inUse,
      lastUsedAt: entry.lastUsedAt,
    }));
    for (const [reserved, bytes] of reservations) {
      candidates.push({ name: reserved, bytes, inUse: 1, lastUsedAt: Number.POSITIVE_INFINITY });
    }
    const plan = chooseEvictions(candidates, needBytes, budget);
    if (!plan.fits && plan.reason === 'never') {
      throw new GatewayError(
        'insufficient_memory',
        `The local model '${name}' needs about ${mebibytes(needBytes)} (weights and context for every slot), ` +
          `more than the engine's whole memory budget of ${mebibytes(budget)}. Lower its context_size or ` +
          'parallel, or raise engine.memory_budget.',
        { shouldRetry: false },
      );
    }
    if (!plan.fits) {
      throw new GatewayError(
        'upstream_unavailable',
        `The local model '${name}' cannot be loaded now: models in use or kept loaded (keep_alive < 0) hold ` +
          `the engine's memory budget (${mebibytes(budget)}). Retry when they finish.`,
        { retryAfterMs: 1000 },
      );
    }
    await Promise.all(plan.evict.map((evicted) => unloadEntry(evicted)));
  }

  async function unloadEntry(name: string): Promise<void> {
    const entry = entries.get(name);
    if (entry === undefined) return;
    entries.delete(name);
    clearTimeout(entry.expiry);
    await unloadModel(entry.loaded);
  }

  async function startLoad(name: string): Promise<Entry> {
    const spec = await options.resolve(name);
    if (spec === undefined) {
      // A backend's model is missing on this server, not the client's deployment: the next backend may serve.
      throw new GatewayError(
        'upstream_unavailable',
        `The local model '${name}' is not in the model store. Add it with \`hangar models pull\` or ` +
          '`hangar models add`, or declare it under models: in the config file.',
      );
    }
    const llamaRuntime = await getRuntime();
    const estimate = await estimateModelMemory(llamaRuntime, spec.path, spec).catch((error: unknown) => {
      throw loadFailure(name, error);
    });
    await makeRoom(name, estimate.totalBytes);
    reservations.set(name, estimate.totalBytes);
    try {
      const loaded = await loadModel(llamaRuntime, spec, estimate, now).catch((error: unknown) => {
        throw loadFailure(name, error);
      });
      if (closed) {
        await unloadModel(loaded);
        throw new GatewayError('upstream_unavailable', 'The engine is shutting down.');
      }
      const entry: Entry = {
        loaded,
        inUse: 0,
        lastUsedAt: ++useCount,
        keepAliveMs: spec.keepAliveMs,
        expiry: undefined,
        expiresAt: undefined,
        embeddingCreation: undefined,
      };
      entries.set(name, entry);
      return entry;
    } finally {
      reservations.delete(name);
    }
  }

  async function entryFor(name: string): Promise<Entry> {
    if (closed) throw new GatewayError('upstream_unavailable', 'The engine is shutting down.');
    const existing = entries.get(name);
    if (existing !== undefined) return existing;
    let pending = loading.get(name);
    if (pending === undefined) {
      pending = startLoad(name).finally(() => loading.delete(name));
      loading.set(name, pending);
    }
    return pending;
  }

  function scheduleExpiry(name: string, entry: Entry): void {
    clearTimeout(entry.expiry);
    entry.expiry = undefined;
    entry.expiresAt = undefined;
    if (entry.inUse > 0 || entry.keepAliveMs < 0) return;
    const expire = () => {
      if (entries.get(name) === entry && entry.inUse === 0) void unloadEntry(name);
    };
    if (entry.keepAliveMs === 0) {
      expire();
      return;
    }
    entry.expiresAt = now() + entry.keepAliveMs;
    entry.expiry = setTimeout(expire, entry.keepAliveMs);
    entry.expiry.unref();
  }

  async function ensureEmbedding(name: string, entry: Entry): Promise<void> {
    const loaded = entry.loaded;
    if (loaded.embedding !== undefined) return;
    entry.embeddingCreation ??= (async () => {
      const contextSize = Math.min(loaded.spec.contextSize, loaded.model.trainContextSize);
      const info = await loaded.runtime.lib.GgufInsights.from(loaded.model.fileInfo, loaded.runtime.llama);
      const estimate = await info.estimateContextResourceRequirementsV2({
        contextSize,
        modelGpuLayers: loaded.runtime.gpu === false ? 0 : info.totalLayers,
        sequences: 1,
        isEmbeddingContext: true,
      });
      const bytes = estimate.cpuRam + estimate.gpuVram;
      await makeRoom(name, bytes);
      const context = await loaded.model.createEmbeddingContext({ contextSize, threads: loaded.runtime.threads });
      loaded.embedding = {
        context,
        bytes,
        scheduler: createSlotScheduler({ slots: 1, maxQueue: loaded.spec.maxQueue }),
      };
    })().finally(() => {
      entry.embeddingCreation = undefined;
    });
    await entry.embeddingCreation;
  }

  function handleFor(name: string, entry: Entry): ModelHandle {
    let closedHandle = false;
    return {
      loaded: entry.loaded,
      async acquireSlot(acquireOptions) {
        const lease = await entry.loaded.scheduler.acquire(acquireOptions);
        const sequence = entry.loaded.sequences[lease.slot];
        if (sequence === undefined) throw new Error(`No sequence for slot ${lease.slot}.`);
        return { sequence, slot: lease.slot, waitedMs: lease.waitedMs, release: () => lease.release() };
      },
      async acquireEmbedding(acquireOptions) {
        await ensureEmbedding(name, entry);
        const embedding = entry.loaded.embedding;
        if (embedding === undefined) throw new Error('The embedding context was not created.');
        const lease = await embedding.scheduler.acquire(acquireOptions);
        return {
          context: embedding.context,
          maxInputTokens:
            embedding.context.model.trainContextSize > 0
              ? Math.min(entry.loaded.spec.contextSize, embedding.context.model.trainContextSize)
              : entry.loaded.spec.contextSize,
          waitedMs: lease.waitedMs,
          release: () => lease.release(),
        };
      },
      close(closeOptions = {}) {
        if (closedHandle) return;
        closedHandle = true;
        entry.inUse -= 1;
        entry.lastUsedAt = ++useCount;
        if (closeOptions.keepAliveMs !== undefined) entry.keepAliveMs = closeOptions.keepAliveMs;
        scheduleExpiry(name, entry);
      },
    };
  }

  async function open(name: string): Promise<ModelHandle> {
    const entry = await entryFor(name);
    entry.inUse += 1;
    entry.lastUsedAt = ++useCount;
    scheduleExpiry(name, entry);
    return handleFor(name, entry);
  }

  function view(name: string, entry: Entry): LoadedModelView {
    const stats = entry.loaded.scheduler.stats();
    return {
      name,
      path: entry.loaded.spec.path,
      memoryBytes: heldBytes(entry.loaded),
      contextSize: entry.loaded.context.contextSize,
      slots: stats.slots,
      busySlots: stats.busy,
      queued: stats.queued,
      inUse: entry.inUse,
      loadedAt: new Date(entry.loaded.loadedAt).toISOString(),
      loadDurationMs: Math.round(entry.loaded.loadDurationMs * 10) / 10,
      chatTemplate: entry.loaded.chatWrapperName,
      expiresAt: entry.expiresAt === undefined ? null : new Date(entry.expiresAt).toISOString(),
      keepAliveMs: entry.keepAliveMs,
    };
  }

  return {
    memoryBudgetBytes: budget,
    runtime: getRuntime,
    open,
    async load(name) {
      const handle = await open(name);
      // Seen before the handle closes: a model whose keep-alive is 0 unloads again at once.
      const loadedView = view(name, entryOfHandle(entries, name));
      handle.close();
      return loadedView;
    },
    async unload(name) {
      const entry = entries.get(name);
      if (entry === undefined) return false;
      entry.keepAliveMs = 0;
      if (entry.inUse === 0) await unloadEntry(name);
      return true;
    },
    list() {
      return [...entries.entries()]
        .map(([name, entry]) => view(name, entry))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async close() {
      closed = true;
      await Promise.allSettled([...loading.values()]);
      await Promise.all([...entries.keys()].map((name) => unloadEntry(name)));
      const opened = runtime;
      runtime = undefined;
      if (opened !== undefined) await (await opened).close();
    },
  };
}

/** The entry a just-opened handle holds; it cannot have been unloaded while held. */
function entryOfHandle<T>(entries: Map<string, T>, name: string): T {
  const entry = entries.get(name);
  if (entry === undefined) throw new Error(`The model '${name}' is held but not loaded.`);
  return entry;
}

function loadFailure(name: string, error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new GatewayError('upstream_error', `The local model '${name}' could not be loaded: ${detail}`, {
    cause: error,
  });
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
