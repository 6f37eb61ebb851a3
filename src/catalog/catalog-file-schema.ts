import { z } from 'zod';
import {
  CAPABILITIES,
  DEPLOYMENT_TYPES,
  INPUT_MODALITIES,
  LOCAL_VENDOR_ID,
  OUTPUT_MODALITIES,
  SELLERS,
} from './catalog-types.js';
import { checkModelCard } from './check-model-card.js';
import { parseUsdDecimal } from './usd-decimal.js';

/** Ids are what users type in deployments and URLs: lower case, digits, dots and dashes. */
const ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const id = z.string({ error: 'must be an id' }).regex(ID_PATTERN, {
  error: 'must be 1-64 lower-case letters, digits, dots or dashes, starting with a letter or digit',
});
const text = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });

/** `2025-04-14`; YAML keeps it a string, and the calendar must have the day. */
export const isoDateSchema = z.string({ error: 'must be a date written YYYY-MM-DD' }).refine(isCalendarDate, {
  error: 'must be a real date written YYYY-MM-DD',
});

const httpsUrl = (what: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `is required: ${what}` : `must be an https URL: ${what}`),
    })
    .refine(isHttpsUrl, { error: `must be an https URL: ${what}` });

/** Dollars per 1M tokens in the file, integer micro-dollars once parsed. */
const usd = z.unknown().transform((value, context) => {
  if (value === undefined) {
    context.addIssue({ code: 'custom', message: 'is required', input: value });
    return z.NEVER;
  }
  const parsed = parseUsdDecimal(value);
  if (!parsed.ok) {
    context.addIssue({ code: 'custom', message: parsed.problem, input: value });
    return z.NEVER;
  }
  return parsed.microUsd;
});
const optionalUsd = z
  .unknown()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === null) return null;
    const parsed = parseUsdDecimal(value);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', message: parsed.problem, input: value });
      return z.NEVER;
    }
    return parsed.microUsd;
  });

const priceSchema = z.strictObject({
  deployment_type: z.enum(DEPLOYMENT_TYPES),
  sold_by: z.enum(SELLERS, {
    error: `must be one of ${SELLERS.join(', ')} (self-hosted prices belong to the engine's local models only)`,
  }),
  prompt_tokens_above: z
    .number({ error: 'must be a whole number of tokens' })
    .int()
    .positive({ error: 'must be more than 0' })
    .optional(),
  input: usd,
  cached_input: optionalUsd,
  cache_write_input: optionalUsd,
  output: optionalUsd,
  source: httpsUrl("the vendor's or Azure's pricing page this price was read from"),
  as_of: isoDateSchema,
  note: text.optional(),
});

const parameterSchema = z.strictObject({
  values: z.array(text).min(1),
  default: text.optional(),
});

const positiveInteger = z
  .number({ error: 'must be a whole number of tokens' })
  .int()
  .positive({ error: 'must be more than 0' });

const modelCardShape = z.strictObject({
  id,
  name: text,
  family: text,
  description: text,
  modalities_in: z.array(z.enum(INPUT_MODALITIES)).min(1),
  modalities_out: z.array(z.enum(OUTPUT_MODALITIES)).min(1),
  context_window: positiveInteger,
  max_output_tokens: positiveInteger.nullable(),
  capabilities: z.array(z.enum(CAPABILITIES)),
  parameters: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), parameterSchema).optional(),
  licence: text,
  released: isoDateSchema,
  retires: isoDateSchema.nullable(),
  deployment_types: z.array(z.enum(DEPLOYMENT_TYPES)).min(1),
  prices: z.array(priceSchema).min(1, { error: 'must list at least one price' }),
});

export type ModelCardInput = z.output<typeof modelCardShape>;
export type PriceInput = ModelCardInput['prices'][number];

export const modelCardSchema = modelCardShape.superRefine(checkModelCard);

/** `catalog/models/<vendor>.yaml` */
export const modelFileSchema = z.strictObject({
  vendor: id.refine((value) => value !== LOCAL_VENDOR_ID, {
    error: `'${LOCAL_VENDOR_ID}' is reserved for the models the engine hosts; it cannot have a catalog file`,
  }),
  models: z.array(modelCardSchema).min(1),
});

/** `catalog/vendors.yaml` */
export const vendorFileSchema = z.strictObject({
  vendors: z
    .array(
      z.strictObject({
        id: id.refine((value) => value !== LOCAL_VENDOR_ID, {
          error: `'${LOCAL_VENDOR_ID}' is reserved for the models the engine hosts`,
        }),
        name: text,
        website: httpsUrl("the vendor's home page"),
      }),
    )
    .min(1),
});

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}
