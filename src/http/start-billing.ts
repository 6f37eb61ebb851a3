import type { Catalog } from '../catalog/index.js';
import type { HangarConfig } from '../config/index.js';
import { createRedisChangeNotices } from '../control/index.js';
import {
  createCatalogPricer,
  createInvoiceService,
  createPriceOverrideService,
  type CatalogPricer,
  type InvoiceService,
  type PriceOverrideService,
} from '../metering/index.js';
import type { HangarDatabase } from '../store/index.js';
import type { Logger } from '../telemetry/index.js';

/** Price override changes travel on their own channel, so they reload prices and not the whole registry. */
export const PRICE_CHANGE_CHANNEL = 'hangar:prices:changed';

export interface StartBillingOptions {
  config: HangarConfig;
  database: HangarDatabase;
  catalog: Pick<Catalog, 'models'>;
  logger: Logger;
}

export interface RunningBilling {
  /** The catalog's price cards with every project's overrides, in memory: what the ledger and budgets price with. */
  pricer: CatalogPricer;
  prices: PriceOverrideService;
  invoices: InvoiceService;
  /** Stops hearing other replicas' changes; the database stays open. */
  close(): Promise<void>;
}

/**
 * Prices and invoices for the server. Overrides are read once here and again after every change, here and,
 * through Redis, on the other replicas, so pricing a request never reads the database.
 */
export async function startBilling(options: StartBillingOptions): Promise<RunningBilling> {
  const { config, logger } = options;
  const pricer = createCatalogPricer(options.catalog);
  const notices =
    config.redis.url === undefined ? undefined : await createRedisChangeNotices(config.redis.url, PRICE_CHANGE_CHANNEL);
  const prices = await createPriceOverrideService({
    db: options.database.db,
    pricer,
    ...(notices === undefined ? {} : { notices }),
    onReloadError: (error) =>
      logger.error({ err: error }, "could not reload price overrides after another replica's change"),
  });
  // Taxes are off: a rate (in basis points) is a createInvoiceService option, not yet a setting.
  const invoices = createInvoiceService({ db: options.database.db, pricer });
  return {
    pricer,
    prices,
    invoices,
    async close() {
      await notices?.close();
    },
  };
}
