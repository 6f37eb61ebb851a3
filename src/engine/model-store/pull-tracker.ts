import { randomBytes } from 'node:crypto';
import { ModelStoreError } from './model-store-error.js';
import type { ModelStore, PullResult } from './open-model-store.js';

export type PullStatus = 'resolving' | 'downloading' | 'verifying' | 'success' | 'error' | 'cancelled';

/** Where one pull stands; what the admin API streams and lists. */
export interface PullProgress {
  id: string;
  source: string;
  /** The name asked for; undefined when the model is named after its file. */
  name: string | undefined;
  /** For a source naming a quantisation, the file it resolved to. */
  resolvedSource: string | undefined;
  status: PullStatus;
  completedBytes: number;
  /** Undefined until the server says how large the file is (and when it never does). */
  totalBytes: number | undefined;
  startedAt: string;
  /** Set when `status` is `success`. */
  result?: PullResult;
  /** Set when `status` is `error` or `cancelled`. */
  error?: Error;
}

export interface ModelPull {
  readonly id: string;
  progress(): PullProgress;
  /** Called when the status changes, and for bytes at most every `notifyEveryMs`; returns the unsubscribe. */
  subscribe(listener: (progress: PullProgress) => void): () => void;
  /** Settles when the pull ends; never rejects (the outcome is in the progress). */
  readonly settled: Promise<PullProgress>;
  cancel(): void;
}

export interface PullRequest {
  name?: string;
  sha256?: string;
}

export interface PullTracker {
  /** Starts a pull, or joins the one already running for the same name (or, unnamed, the same source). */
  start(source: string, request?: PullRequest): ModelPull;
  /** The pulls running now, oldest first. */
  list(): PullProgress[];
  get(id: string): ModelPull | undefined;
  /** Cancels every pull and waits for them to stop; their partial files stay, so a later pull resumes. */
  close(): Promise<void>;
}

export interface PullTrackerOptions {
  /** Byte progress reaches listeners at most this often (status changes always do); default 200 ms. */
  notifyEveryMs?: number;
}

/**
 * Pulls that outlive the request that started them: a portal page can be left and come back to a download
 * still running, and two admins pulling the same model share one download instead of racing on its partial
 * file. The store does the work; this keeps who is waiting and how far it got.
 */
export function createPullTracker(store: ModelStore, options: PullTrackerOptions = {}): PullTracker {
  const notifyEveryMs = options.notifyEveryMs ?? 200;
  const running = new Map<string, { key: string; pull: ModelPull }>();

  function start(source: string, request: PullRequest = {}): ModelPull {
    const key = request.name === undefined ? `source:${source}` : `name:${request.name}`;
    for (const entry of running.values()) if (entry.key === key) return entry.pull;

    const id = `pull_${randomBytes(8).toString('hex')}`;
    const controller = new AbortController();
    const listeners = new Set<(progress: PullProgress) => void>();
    const state: PullProgress = {
      id,
      source,
      name: request.name,
      resolvedSource: undefined,
      status: 'resolving',
      completedBytes: 0,
      totalBytes: undefined,
      startedAt: new Date().toISOString(),
    };
    let lastNotified = 0;
    const notify = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastNotified < notifyEveryMs) return;
      lastNotified = now;
      const snapshot = { ...state };
      for (const listener of listeners) listener(snapshot);
    };

    const settled = store
      .pull(source, {
        ...(request.name === undefined ? {} : { name: request.name }),
        ...(request.sha256 === undefined ? {} : { sha256: request.sha256 }),
        signal: controller.signal,
        onResolve(file) {
          state.resolvedSource = file.fileSource;
          if (file.sizeBytes !== undefined) state.totalBytes = file.sizeBytes;
          notify(true);
        },
        onProgress(received, total) {
          const first = state.status !== 'downloading';
          state.status = 'downloading';
          state.completedBytes = received;
          if (total !== undefined) state.totalBytes = total;
          notify(first || received === total);
        },
        onVerify() {
          state.status = 'verifying';
          notify(true);
        },
      })
      .then(
        (result) => {
          state.status = 'success';
          state.completedBytes = result.model.sizeBytes;
          state.totalBytes = result.model.sizeBytes;
          state.result = result;
        },
        (error: unknown) => {
          const cancelled = controller.signal.aborted;
          state.status = cancelled ? 'cancelled' : 'error';
          state.error = cancelled
            ? new ModelStoreError('aborted', `The pull of ${source} was cancelled; pulling it again resumes it.`)
            : error instanceof Error
              ? error
              : new Error(String(error));
        },
      )
      .then(() => {
        running.delete(id);
        notify(true);
        listeners.clear();
        return { ...state };
      });

    const pull: ModelPull = {
      id,
      progress: () => ({ ...state }),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      settled,
      cancel: () => controller.abort(),
    };
    running.set(id, { key, pull });
    return pull;
  }

  return {
    start,
    list: () => [...running.values()].map((entry) => entry.pull.progress()),
    get: (id) => running.get(id)?.pull,
    async close() {
      const pulls = [...running.values()].map((entry) => entry.pull);
      for (const pull of pulls) pull.cancel();
      await Promise.all(pulls.map((pull) => pull.settled));
    },
  };
}
