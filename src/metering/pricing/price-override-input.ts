import { z } from 'zod';
import { parseUsdDecimal } from '../../catalog/index.js';
import { describeZodIssue, formatPath } from '../../kit/index.js';
import { DEPLOYMENT_TYPE_OPTIONS, GatewayError } from '../../spec/index.js';
import type { OverrideRates } from './price-override.js';

/** Dollars per 1M tokens, as the catalog writes them (`2.5`, `"0.075"`), as integer micro-dollars. */
const usd = z.union([z.number(), z.string()]).transform((value, context) => {
  const parsed = parseUsdDecimal(value);
  if (parsed.ok) return parsed.microUsd;
  context.addIssue({ code: 'custom', message: parsed.problem, input: value });
  return z.NEVER;
});

/** `2025-07-01` (00:00 UTC) or an ISO 8601 time with an offset, as unix ms. */
const time = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) || z.iso.datetime({ offset: true }).safeParse(value).success, {
    error: 'must be a date (2025-07-01, from 00:00 UTC) or an ISO 8601 time such as 2025-07-01T00:00:00Z',
  })
  .transform((value) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value))
  .refine((milliseconds) => Number.isFinite(milliseconds), { error: 'must be a real date' });

export const priceOverrideInputSchema = z
  .object({
    model: z.string().trim().min(1).max(128),
    deployment_type: z.enum(DEPLOYMENT_TYPE_OPTIONS).nullish(),
    usd_per_million_tokens: z
      .object({
        input: usd,
        cached_input: usd.nullish(),
        cache_write_input: usd.nullish(),
        output: usd,
        reasoning: usd.nullish(),
      })
      .strict()
      .optional(),
    discount_basis_points: z.number().int().min(1).max(10_000).optional(),
    effective_from: time.optional(),
    effective_to: time.nullish(),
  })
  .strict()
  .refine((input) => (input.usd_per_million_tokens === undefined) !== (input.discount_basis_points === undefined), {
    error: 'needs exactly one of usd_per_million_tokens (explicit prices) or discount_basis_points (off the catalog)',
    path: ['usd_per_million_tokens'],
  });

/** An override as the client asked for it, checked; the service adds the id, project and times. */
export interface ParsedPriceOverride {
  model: string;
  deploymentType: string | null;
  rates: OverrideRates | null;
  discountBasisPoints: number | null;
  effectiveFrom: number | undefined;
  effectiveTo: number | null;
}

/** The body of `POST /admin/projects/{project}/prices`; a mistake is a 400 naming the field. */
export function parsePriceOverrideInput(body: unknown): ParsedPriceOverride {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  const result = priceOverrideInputSchema.safeParse(body, { error: (issue) => describeZodIssue(issue) });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue === undefined ? '' : formatPath(issue.path);
    throw new GatewayError('invalid_request', `${field || 'The request'} ${issue?.message ?? 'is invalid'}.`, {
      ...(field === '' ? {} : { param: field }),
    });
  }
  const input = result.data;
  const prices = input.usd_per_million_tokens;
  return {
    model: input.model,
    deploymentType: input.deployment_type ?? null,
    rates:
      prices === undefined
        ? null
        : {
            input: prices.input,
            cachedInput: prices.cached_input ?? null,
            cacheWriteInput: prices.cache_write_input ?? null,
            output: prices.output,
            reasoning: prices.reasoning ?? null,
          },
    discountBasisPoints: input.discount_basis_points ?? null,
    effectiveFrom: input.effective_from,
    effectiveTo: input.effective_to ?? null,
  };
}
