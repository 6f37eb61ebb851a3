// The closed sets some labels take. Their values index plain arrays, so recording never builds a label string.

export const OPERATIONS = ['chat', 'embeddings'] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * How an inference request ended. `client_error`: a 4xx of the client's making (bad body, unknown deployment);
 * `quota_rejected` / `budget_rejected`: refused at admission by a deployment's TPM/RPM or a spent budget;
 * `upstream_error`: every backend tried failed, or a stream failed mid-way; `client_abort`: the client went away;
 * `content_filtered`: the content filter refused the prompt or ended the completion; `server_error`: Hangar itself
 * failed.
 */
export const REQUEST_OUTCOMES = [
  'ok',
  'client_abort',
  'upstream_error',
  'client_error',
  'quota_rejected',
  'budget_rejected',
  'content_filtered',
  'server_error',
] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export const STATUS_CLASSES = ['2xx', '4xx', '5xx'] as const;

/** The usage buckets of `Usage`, in the spelling of the `kind` label. */
export const TOKEN_KINDS = ['input', 'cached_input', 'cache_write_input', 'output', 'reasoning'] as const;

export const ADMISSION_REJECTIONS = ['quota', 'budget'] as const;

export function operationIndex(operation: Operation): number {
  return operation === 'chat' ? 0 : 1;
}

export function outcomeIndex(outcome: RequestOutcome): number {
  return REQUEST_OUTCOMES.indexOf(outcome);
}

/** 2xx, 4xx or 5xx; anything else (never sent on inference routes) counts as 5xx. */
export function statusClassIndex(status: number): number {
  if (status >= 200 && status < 300) return 0;
  if (status >= 400 && status < 500) return 1;
  return 2;
}
