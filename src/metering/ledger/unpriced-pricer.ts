import type { Pricer } from '../pricing/pricer.js';

/** The price card version of records priced by UNPRICED: the reconciliation report lists them. */
export const UNPRICED_VERSION = 'unpriced';

/** Prices nothing: every record costs 0, marked `unpriced`. For tests, and for a Hangar started without prices. */
export const UNPRICED: Pricer = {
  price: () => ({ costMicroUsd: 0, priceCardVersion: UNPRICED_VERSION }),
};
