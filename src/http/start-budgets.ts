import type { Redis } from 'ioredis';
import type { HangarConfig } from '../config/index.js';
import { createRedisChangeNotices } from '../control/index.js';
import {
  createBudgets,
  createMemoryBudgetLimiter,
  createRedisBudgetLimiter,
  type Budgets,
  type Pricer,
  type WebhookTiming,
} from '../metering/index.js';
import { SecretBox, type HangarDatabase } from '../store/index.js';
import type { Logger } from '../telemetry/index.js';

/** Budget changes travel on their own channel, so they reload budgets and not the whole registry. */
export const BUDGET_CHANGE_CHANNEL = 'hangar:budgets:changed';

export interface StartBudgetsOptions {
  config: HangarConfig;
  database: HangarDatabase;
  secretKey: string;
  /** The connection deployment quotas count on, shared by replicas; absent: budgets count in this process. */
  redis: Redis | undefined;
  pricer: Pricer;
  logger: Logger;
  webhookTiming?: Partial<WebhookTiming>;
}

export interface RunningBudgets extends Budgets {
  /** Stops alerts and the limiter and the change notices; the Redis connection and database stay open. */
  close(): Promise<void>;
}

/**
 * Budgets for the server: counted on Redis when replicas share one (so a limit holds across all of them), in
 * process otherwise; held in memory and reloaded on every change, here and, through Redis, on the other replicas.
 */
export async function startBudgets(options: StartBudgetsOptions): Promise<RunningBudgets> {
  const { config, redis, logger } = options;
  const limiter =
    redis === undefined ? createMemoryBudgetLimiter() : createRedisBudgetLimiter({ redis, prefix: 'hangar:budget:' });
  const notices =
    config.redis.url === undefined
      ? undefined
      : await createRedisChangeNotices(config.redis.url, BUDGET_CHANGE_CHANNEL);
  const budgets = await createBudgets({
    db: options.database.db,
    secretBox: new SecretBox(
      options.secretKey,
      config.previousSecretKey === undefined ? [] : [config.previousSecretKey],
    ),
    limiter,
    pricer: options.pricer,
    ...(notices === undefined ? {} : { publishChange: () => notices.publish() }),
    ...(options.webhookTiming === undefined ? {} : { webhookTiming: options.webhookTiming }),
    onError: (error, what) => logger.error({ err: error }, what),
  });
  await notices?.subscribe(() => {
    budgets
      .reload()
      .catch((error: unknown) =>
        logger.error({ err: error }, "could not reload budgets after another replica's change"),
      );
  });
  return {
    ...budgets,
    async close() {
      await budgets.close();
      await limiter.close();
      await notices?.close();
    },
  };
}
