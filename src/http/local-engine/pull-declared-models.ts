import type { DeclaredModel } from '../../config/index.js';
import type { ModelStore, PullTracker } from '../../engine/index.js';
import type { Logger } from '../../telemetry/index.js';

/** Progress is logged at most this often per model, so a slow pull does not flood the log. */
const LOG_EVERY_MS = 5_000;

/**
 * Pulls the declared models that name a `source` and are not in the store yet, one after another, through
 * the engine's pull tracker so the admin API and the portal see them. It runs beside serving: Hangar listens
 * at once, and a request for a model still downloading gets `model_not_found` saying so. A failed pull is
 * logged and retried at the next start; the partial file is kept, so that pull resumes.
 */
export async function pullDeclaredModels(
  models: readonly DeclaredModel[],
  store: ModelStore,
  pulls: PullTracker,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  for (const model of models) {
    if (model.source === undefined || signal.aborted) continue;
    if ((await store.get(model.name)) !== undefined) continue;
    // Shutdown may have cancelled the running pulls while the store was read; start no new one after it.
    if (signal.aborted) return;
    logger.info({ model: model.name, source: model.source }, `pulling declared model ${model.name}`);
    const pull = pulls.start(model.source, {
      name: model.name,
      ...(model.sha256 === undefined ? {} : { sha256: model.sha256 }),
    });
    let lastLog = Date.now();
    const stopLogging = pull.subscribe((progress) => {
      const now = Date.now();
      if (progress.status !== 'downloading' || now - lastLog < LOG_EVERY_MS) return;
      lastLog = now;
      const { completedBytes: received, totalBytes: total } = progress;
      const percent = total === undefined ? undefined : Math.floor((received / total) * 100);
      logger.info({ model: model.name, received, total, percent }, `pulling ${model.name}`);
    });
    const outcome = await pull.settled;
    stopLogging();
    if (outcome.status === 'success' && outcome.result !== undefined) {
      logger.info(
        { model: model.name, bytes: outcome.result.model.sizeBytes, sha256Verified: outcome.result.sha256Verified },
        `pulled declared model ${model.name}`,
      );
    } else if (outcome.status === 'error') {
      logger.error({ model: model.name, err: outcome.error }, `could not pull declared model ${model.name}`);
    }
  }
}
