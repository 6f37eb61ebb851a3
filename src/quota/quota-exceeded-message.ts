import type { QuotaRefusal } from './quota-limiter.js';
import { retryAfterSeconds } from './rate-limit-headers.js';

const count = (value: number): string => value.toLocaleString('en-US');

function plural(value: number, unit: string): string {
  return `${count(value)} ${unit}${value === 1 ? '' : 's'}`;
}

function windowName(windowMs: number): string {
  if (windowMs === 60_000) return 'minute';
  if (windowMs === 1_000) return 'second';
  return plural(windowMs / 1000, 'second');
}

/**
 * The 429 body's message: which limit was hit, with the numbers, in the spirit of Azure's ("… have exceeded token
 * rate limit … Please retry after 6 seconds", api-contracts §5.4). The seconds are those of `retry-after`.
 */
export function quotaExceededMessage(result: QuotaRefusal, deploymentName: string): string {
  const deployment = `deployment '${deploymentName}'`;
  const { tpm, rpm } = result.limits;
  if (result.reason === 'never_fits') {
    if (result.limit === 'tokens') {
      return (
        `This request to ${deployment} is estimated at ${plural(result.requested.tokens, 'token')} (prompt plus ` +
        `max_tokens), more than its whole limit of ${count(tpm)} tokens per minute, so it can never be admitted. ` +
        'Lower max_tokens or shorten the prompt.'
      );
    }
    return (
      `This call to ${deployment} counts as ${plural(result.requested.requests, 'request')}, more than its limit of ` +
      `${count(result.windowLimit)} per ${windowName(result.windowMs)}, so it can never be admitted.`
    );
  }
  const retry = `Please retry after ${plural(retryAfterSeconds(result.retryAfterMs), 'second')}.`;
  if (result.limit === 'tokens') {
    return (
      `Requests to ${deployment} have exceeded its token rate limit of ${count(tpm)} tokens per minute: this ` +
      `request is estimated at ${plural(result.requested.tokens, 'token')} (prompt plus max_tokens) and ` +
      `${count(result.remaining.tokens)} remain in the current minute. ${retry}`
    );
  }
  return (
    `Requests to ${deployment} have exceeded its request rate limit of ${count(rpm)} requests per minute ` +
    `(${count(result.windowLimit)} per ${windowName(result.windowMs)}). ${retry}`
  );
}
