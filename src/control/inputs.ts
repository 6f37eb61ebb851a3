import { z } from 'zod';
import { describeIssue, formatPath, MINIMUM_KEY_LENGTH, NAME_PATTERN, quoteValue, valueAt } from '../config/index.js';
import { GatewayError, PROVIDER_IDS } from '../spec/index.js';

/** Inputs use the admin API's snake_case, so a validation message names the field as the client sent it. */
const name = z.string().regex(NAME_PATTERN, {
  error: 'must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
});
const optionalText = (maximum: number) => z.string().trim().max(maximum).nullish();

export const connectionInputSchema = z
  .object({
    name,
    provider: z.enum(PROVIDER_IDS),
    base_url: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })]).nullish(),
    api_key: optionalText(4096),
    api_version: optionalText(64),
    headers: z.record(z.string().min(1), z.string()).nullish(),
    timeout_ms: z.number().int().positive().max(3_600_000).nullish(),
  })
  .strict();
export type ConnectionInput = z.input<typeof connectionInputSchema>;
export type ParsedConnectionInput = z.output<typeof connectionInputSchema>;

/** Any field of a connection but its name (deployments refer to it); an absent field stays as it is. */
export const connectionUpdateSchema = connectionInputSchema.omit({ name: true }).partial();
export type ConnectionUpdate = z.input<typeof connectionUpdateSchema>;
export type ParsedConnectionUpdate = z.output<typeof connectionUpdateSchema>;

export const projectInputSchema = z.object({ name }).strict();
export type ProjectInput = z.input<typeof projectInputSchema>;

/** When a key stops working: an ISO 8601 time, in the future. */
const expiry = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 time such as 2027-01-31T00:00:00Z' })
  .transform((value) => Date.parse(value))
  .refine((time) => time > Date.now(), { error: 'must be in the future' });

export const keyInputSchema = z
  .object({
    project: z.string().min(1),
    name,
    value: z
      .string()
      .min(MINIMUM_KEY_LENGTH, { error: `must be at least ${MINIMUM_KEY_LENGTH} characters long` })
      .max(512)
      .regex(/^\S+$/, { error: 'must not contain spaces' })
      .optional(),
    expires_at: expiry.nullish(),
    /** Deployment names the key may call; absent or null: every deployment of the project. */
    deployments: z
      .array(name)
      .min(1, { error: 'must name at least one deployment, or be left out' })
      .max(256)
      .nullish(),
  })
  .strict();
export type KeyInput = z.input<typeof keyInputSchema>;

export const deploymentInputSchema = z
  .object({
    project: z.string().min(1),
    name,
    model: z.string().trim().min(1).max(200),
    backends: z
      .array(z.object({ connection: z.string().min(1), model: z.string().trim().min(1).max(200) }).strict())
      .min(1)
      .max(16),
    /** Tokens per minute (Azure's quota unit); absent or null: not limited. */
    tpm: z.number().int().min(1).max(1_000_000_000).nullish(),
    /** Requests per minute; absent or null: 6 per 1,000 TPM, as Azure derives it. */
    rpm: z.number().int().min(1).max(100_000_000).nullish(),
  })
  .strict()
  .refine((input) => input.rpm === undefined || input.rpm === null || (input.tpm !== undefined && input.tpm !== null), {
    error: 'rpm needs a tpm: a deployment is limited by tokens first, as on Azure',
    path: ['rpm'],
  });
export type DeploymentInput = z.input<typeof deploymentInputSchema>;
export type ParsedDeploymentInput = z.output<typeof deploymentInputSchema>;

/** Never echoed back: they are credentials. */
const SECRET_FIELDS = new Set(['api_key', 'value', 'headers']);

/** Validates an input; the first problem becomes a 400 naming the field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  const result = schema.safeParse(input, { error: describeIssue });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue === undefined ? '' : formatPath(issue.path);
  const message = issue?.message ?? 'is invalid';
  const last = issue?.path.at(-1);
  const quoted =
    issue === undefined || (typeof last === 'string' && SECRET_FIELDS.has(last))
      ? ''
      : quoteValue(valueAt(input, issue.path));
  throw new GatewayError(
    'invalid_request',
    field === '' ? `The request ${message}.` : `${field}${quoted} ${message}.`,
    {
      ...(field === '' ? {} : { param: field }),
    },
  );
}
