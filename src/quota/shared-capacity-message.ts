import type { QuotaRefusal } from './quota-limiter.js';
import { retryAfterSeconds } from './rate-limit-headers.js';

/** A connection's capacity that non-provisioned deployments share, as the 429 describes it. */
export interface SharedCapacityDescription {
  connectionName: string;
  /** The connection's capacity_tpm. */
  capacityTpm: number;
  /** What provisioned deployments reserve of it. */
  provisionedTpm: number;
}

const count = (value: number): string => value.toLocaleString('en-US');

function plural(value: number, unit: string): string {
  return `${count(value)} ${unit}${value === 1 ? '' : 's'}`;
}

/**
 * The 429 message when a request fits its own deployment's quota but not the capacity its connection shares among
 * non-provisioned deployments. `result` is the pool's refusal; null when provisioned deployments reserve it all.
 */
export function sharedCapacityExceededMessage(
  result: QuotaRefusal | null,
  capacity: SharedCapacityDescription,
): string {
  const shared = `the shared capacity of connection '${capacity.connectionName}'`;
  const split =
    `its capacity_tpm of ${count(capacity.capacityTpm)} minus ${count(capacity.provisionedTpm)} reserved by ` +
    'provisioned deployments';
  if (result === null) {
    return (
      `There is no room left in ${shared}: provisioned deployments reserve all ${count(capacity.capacityTpm)} of its ` +
      'tokens per minute. Use a provisioned deployment, or have the admin raise the capacity or lower the reservations.'
    );
  }
  const { tpm, rpm } = result.limits;
  if (result.reason === 'never_fits') {
    if (result.limit === 'tokens') {
      return (
        `This request is estimated at ${plural(result.requested.tokens, 'token')} (prompt plus max_tokens), more ` +
        `than all of ${shared}: ${count(tpm)} tokens per minute (${split}), so it can never be admitted. Lower ` +
        'max_tokens or shorten the prompt.'
      );
    }
    return `This call counts as ${plural(result.requested.requests, 'request')}, more than ${shared} admits.`;
  }
  const retry = `Please retry after ${plural(retryAfterSeconds(result.retryAfterMs), 'second')}.`;
  if (result.limit === 'tokens') {
    return (
      `Requests have exceeded ${shared}: ${count(tpm)} tokens per minute (${split}). This request is estimated at ` +
      `${plural(result.requested.tokens, 'token')} (prompt plus max_tokens) and ${count(result.remaining.tokens)} ` +
      `remain in the current minute. ${retry}`
    );
  }
  return (
    `Requests have exceeded ${shared}: ${count(rpm)} requests per minute, derived from its ${count(tpm)} tokens ` +
    `per minute (${split}). ${retry}`
  );
}
