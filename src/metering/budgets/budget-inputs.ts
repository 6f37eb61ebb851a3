import { z } from 'zod';
import { describeZodIssue, formatPath } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';

/** The thresholds (percent of the limit) a budget gets when it names none. */
export const DEFAULT_ALERT_THRESHOLDS = [50, 80, 100];

const thresholds = z
  .array(z.number().int().min(1).max(1000))
  .max(10)
  // Ascending without repeats: alerts are checked in order and stop at the first one not reached.
  .transform((values) => [...new Set(values)].sort((left, right) => left - right));

const settings = {
  /** Integer micro-dollars (1 USD = 1,000,000), as the ledger counts; at most 10^15 ($1 billion). */
  monthly_limit_micro_usd: z.number().int().min(1).max(1e15),
  hard_limit: z.boolean(),
  alert_thresholds: thresholds,
  webhook_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable(),
  webhook_secret: z.string().min(16).max(512).nullable(),
};

export const budgetInputSchema = z
  .object({
    /** A key's name in the project; absent or null: the whole project. */
    key: z.string().min(1).max(64).nullish(),
    monthly_limit_micro_usd: settings.monthly_limit_micro_usd,
    hard_limit: settings.hard_limit.default(true),
    alert_thresholds: thresholds.default(DEFAULT_ALERT_THRESHOLDS),
    webhook_url: settings.webhook_url.optional(),
    webhook_secret: settings.webhook_secret.optional(),
  })
  .strict();

/** Every setting but what the budget covers; absent fields stay as they are, null clears the webhook. */
export const budgetUpdateSchema = z.object(settings).partial().strict();

export type BudgetInput = z.input<typeof budgetInputSchema>;
export type BudgetUpdate = z.input<typeof budgetUpdateSchema>;

const SECRET_FIELDS = new Set(['webhook_secret']);

/** Parses an admin body, or throws the 400 naming the field as the client spelled it. */
export function parseBudgetInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  const result = schema.safeParse(input, { error: (issue) => describeZodIssue(issue) });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined ? '' : formatPath(issue.path);
  const last = issue?.path.at(-1);
  const value = issue === undefined ? undefined : valueOf(input, issue.path);
  const quoted =
    typeof last === 'string' && SECRET_FIELDS.has(last)
      ? ''
      : typeof value === 'string' || typeof value === 'number'
        ? ` ${JSON.stringify(value)}`
        : '';
  const message = issue?.message ?? 'is invalid';
  throw new GatewayError(
    'invalid_request',
    field === '' ? `The request ${message}.` : `${field}${quoted} ${message}.`,
    {
      ...(field === '' ? {} : { param: field }),
    },
  );
}

function valueOf(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}
