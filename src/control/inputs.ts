import { z } from 'zod';
import { PROJECT_ROLES } from './access/project-role.js';
import {
  describeIssue,
  formatPath,
  MINIMUM_KEY_LENGTH,
  NAME_PATTERN,
  quoteValue,
  routingSchema,
  valueAt,
} from '../config/index.js';
import {
  DEPLOYMENT_TYPE_OPTIONS,
  GatewayError,
  MAXIMUM_BACKEND_WEIGHT,
  MINIMUM_BACKEND_WEIGHT,
  PROVIDER_IDS,
  VERSION_UPGRADE_OPTIONS,
} from '../spec/index.js';

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
    /** Tokens per minute the account can serve; provisioned deployments reserve from it. */
    capacity_tpm: z.number().int().min(1).max(1_000_000_000).nullish(),
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
    /** `inference` (default) calls models; `admin` also acts on the project's admin API with `role`. */
    scope: z.enum(['inference', 'admin'], { error: 'must be inference or admin' }).optional(),
    role: z.enum(PROJECT_ROLES, { error: `must be one of ${PROJECT_ROLES.join(', ')}` }).optional(),
  })
  .strict()
  .refine((input) => input.scope === 'admin' || input.role === undefined, {
    error: 'is only for keys with scope admin; an inference key has no admin role',
    path: ['role'],
  })
  .refine((input) => input.scope !== 'admin' || input.role !== undefined, {
    error: 'is needed for a key with scope admin: reader, contributor or owner',
    path: ['role'],
  });
export type KeyInput = z.input<typeof keyInputSchema>;

const backendInputSchema = z
  .object({
    connection: z.string().min(1),
    model: z.string().trim().min(1).max(200),
    /** Lower is tried first; absent or null: the backend's position in the list. */
    priority: z.number().int().min(0).max(1_000_000).nullish(),
    /** Share of traffic among backends of the same priority; absent or null: 1. */
    weight: z.number().int().min(MINIMUM_BACKEND_WEIGHT).max(MAXIMUM_BACKEND_WEIGHT).nullish(),
  })
  .strict();

/** What a deployment's PATCH may change: everything but its project, name and model. */
const deploymentSettings = {
  /** Absent: `global-standard`, Azure's default. */
  type: z.enum(DEPLOYMENT_TYPE_OPTIONS).optional(),
  backends: z.array(backendInputSchema).min(1).max(16),
  /** Tokens per minute (Azure's quota unit); absent or null: not limited. */
  tpm: z.number().int().min(1).max(1_000_000_000).nullish(),
  /** Requests per minute; absent or null: 6 per 1,000 TPM, as Azure derives it. */
  rpm: z.number().int().min(1).max(100_000_000).nullish(),
  /** A content-filter policy name: stored and shown; enforced once content safety lands. */
  content_filter: name.nullish(),
  /** Absent: `on-new-default`, Azure's default. */
  version_upgrade: z.enum(VERSION_UPGRADE_OPTIONS).optional(),
  /** Strategy, retries, timeouts, breaker, probes; absent or null: the defaults. Replaced whole by a PATCH. */
  routing: routingSchema.nullish(),
};

const hasValue = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

export const deploymentInputSchema = z
  .object({ project: z.string().min(1), name, model: z.string().trim().min(1).max(200), ...deploymentSettings })
  .strict()
  .refine((input) => !hasValue(input.rpm) || hasValue(input.tpm), {
    error: 'rpm needs a tpm: a deployment is limited by tokens first, as on Azure',
    path: ['rpm'],
  })
  .refine((input) => input.type !== 'provisioned' || hasValue(input.tpm), {
    error:
      "is required for a provisioned deployment: it reserves that many tokens per minute of its primary connection's capacity",
    path: ['tpm'],
  });
export type DeploymentInput = z.input<typeof deploymentInputSchema>;
export type ParsedDeploymentInput = z.output<typeof deploymentInputSchema>;

/** Any setting of a deployment; an absent field stays as it is, `null` clears tpm, rpm or content_filter. */
export const deploymentUpdateSchema = z.object(deploymentSettings).partial().strict();
export type DeploymentUpdate = z.input<typeof deploymentUpdateSchema>;

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
