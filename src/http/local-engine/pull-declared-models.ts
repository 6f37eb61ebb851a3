import type { DeclaredModel } from '../../config/index.js';
import type { ModelStore } from '../../engine/index.js';
import type { Logger } from '../../telemetry/index.js';

/** Progress is logged at most this often per model, so a slow pull does not flood the log. */
const LOG_EVERY_MS = 5_000;

/**
 * Pulls the declared models that name a `source` and are not in the store yet. It runs beside serving:
 * Hangar listens at once, and a request for a model still downloading gets `model_not_found` saying so.
 * A failed pull is logged and retried at the next start; the partial file is kept, so that pull resumes.
 */
export async function pullDeclaredModels(
  models: readonly DeclaredModel[],
  store: ModelStore,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  for (const model of models) {
    if (model.source === undefined || signal.aborted) continue;
    if ((await store.get(model.name)) !== undefined) continue;
    logger.info({ model: model.name, source: model.source }, `pulling declared model ${model.name}`);
    let lastLog = 0;
    try {
      const result = await store.pull(model.source, {
        name: model.name,
        ...(model.sha256 === undefined ? {} : { sha256: model.sha256 }),
        signal,
        onProgress(received, total) {
          const now = Date.now();
          if (now - lastLog < LOG_EVERY_MS) return;
          lastLog = now;
          const percent = total === undefined ? undefined : Math.floor((received / total) * 100);
          logger.info({ model: model.name, received, total, percent }, `pulling ${model.name}`);
        },
      });
      logger.info(
        { model: model.name, bytes: result.model.sizeBytes, sha256Verified: result.sha256Verified },
        `pulled declared model ${model.name}`,
      );
    } catch (error) {
      if (signal.aborted) return;
      logger.error({ model: model.name, err: error }, `could not pull declared model ${model.name}`);
    }
  }
}
