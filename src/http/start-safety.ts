import type { HangarConfig } from '../config/index.js';
import { createRedisChangeNotices } from '../control/index.js';
import { createSafetyService, type AnalyzerFactory, type SafetyService } from '../safety/index.js';
import { SecretBox, type HangarDatabase } from '../store/index.js';
import type { Logger } from '../telemetry/index.js';

/** Policy and blocklist changes travel on their own channel, so they reload content safety and not the registry. */
export const SAFETY_CHANGE_CHANNEL = 'hangar:safety:changed';

export interface StartSafetyOptions {
  config: HangarConfig;
  database: HangarDatabase;
  /** Encrypts the Azure AI Content Safety keys of policies (HANGAR_SECRET_KEY, or the data dir's secret.key). */
  secretKey: string;
  logger: Logger;
  /** Builds each policy's analyzer (built-in, model-based or Azure AI Content Safety); the composition root owns it. */
  analyzerFor: AnalyzerFactory;
}

export interface RunningSafety {
  service: SafetyService;
  /** Writes the buffered filter events and stops hearing other replicas' changes; the database stays open. */
  close(): Promise<void>;
}

/**
 * Content-filter policies and blocklists for the server: read once here and again after every change, here and,
 * through Redis, on the other replicas, so choosing a request's policy never reads the database. The config file's
 * policies and blocklists are applied by the caller (`service.applyDeclared`), after the control plane's.
 */
export async function startSafety(options: StartSafetyOptions): Promise<RunningSafety> {
  const { config, logger } = options;
  const notices =
    config.redis.url === undefined
      ? undefined
      : await createRedisChangeNotices(config.redis.url, SAFETY_CHANGE_CHANNEL);
  try {
    const service = await createSafetyService({
      db: options.database.db,
      secretBox: new SecretBox(
        options.secretKey,
        config.previousSecretKey === undefined ? [] : [config.previousSecretKey],
      ),
      ...(notices === undefined ? {} : { notices }),
      analyzerFor: options.analyzerFor,
      onReloadError: (error) =>
        logger.error({ err: error }, "could not reload content-filter policies after another replica's change"),
      onEventError: (error, what) => logger.error({ err: error }, what),
    });
    return {
      service,
      async close() {
        await service.close();
        await notices?.close();
      },
    };
  } catch (error) {
    await notices?.close();
    throw error;
  }
}
