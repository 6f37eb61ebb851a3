import { z } from 'zod';
import { parseByteSize, parseKeepAliveMs } from '../kit/index.js';
import { DEPLOYMENT_TYPE_OPTIONS, PROVIDER_IDS, VERSION_UPGRADE_OPTIONS } from '../spec/index.js';
import type { DeploymentTypeOption, ProviderId, RoutingPolicyWire, VersionUpgradeOption } from '../spec/index.js';
import { routingSchema } from './routing-schema.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Names appear in URLs and CLI arguments, so they stay plain. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Short keys are guessable, and the first 8 characters are shown in listings. */
export const MINIMUM_KEY_LENGTH = 16;

const name = z.string().regex(NAME_PATTERN, {
  error: 'must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
});
/** `${PORT}` substitutes to a string, so numeric settings accept digit strings too. */
const integer = (minimum: number, maximum: number, message: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
    z
      .number({ error: message })
      .int({ error: message })
      .min(minimum, { error: message })
      .max(maximum, { error: message }),
  );
export const portSchema = integer(0, 65535, 'must be an integer 0-65535');
export const positiveIntegerSchema = integer(1, Number.MAX_SAFE_INTEGER, 'must be a positive integer');
export const logLevelSchema = z.enum(LOG_LEVELS);
export const databaseUrlSchema = z.string().regex(/^postgres(ql)?:\/\//, {
  error: 'must start with postgres:// or postgresql:// (leave it out to use SQLite in the data dir)',
});
/** Where `hf:` model sources download from; a mirror, or a loopback server in tests. */
export const huggingFaceUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** The accelerator for local models; `false` (also spelled `cpu`, `off`, `none`) keeps them on the CPU. */
export const GPU_CHOICES = ['auto', 'cuda', 'vulkan', 'metal'] as const;
export const gpuSchema = z.preprocess(
  (value) =>
    typeof value === 'string' && ['false', 'cpu', 'off', 'none'].includes(value.trim().toLowerCase()) ? false : value,
  z.union([z.literal(false), z.enum(GPU_CHOICES)], { error: 'must be auto, false (cpu), cuda, vulkan or metal' }),
);
/** Milliseconds after parsing; -1 means "forever". */
export const keepAliveSchema = z.preprocess(
  (value) => parseKeepAliveMs(value) ?? value,
  z.number({ error: 'must be a duration such as "5m", "1h" or "30s", a number of seconds, 0, or -1 for forever' }),
);
/** A positive duration ("12h", "30m", or seconds), in milliseconds after parsing. */
export const durationSchema = z.preprocess(
  (value) => parseKeepAliveMs(value) ?? value,
  z.number({ error: 'must be a duration such as "12h", "30m" or a number of seconds' }).int().positive({
    error: 'must be a positive duration such as "12h"',
  }),
);
export const byteSizeSchema = z.preprocess(
  (value) => parseByteSize(value) ?? value,
  z.number({ error: 'must be a size such as "8GiB" or "512MB", or a positive number of bytes' }).int().positive(),
);
export const queueLengthSchema = integer(0, 1_000_000, 'must be an integer 0-1000000');
/** A percentage such as 99.9; `${TARGET}` substitutes to a string, so numeric strings are accepted too. */
export const percentSchema = z.preprocess(
  (value) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value),
  z
    .number({ error: 'must be a percentage 0-100, such as 99.9' })
    .min(0, { error: 'must be a percentage 0-100, such as 99.9' })
    .max(100, { error: 'must be a percentage 0-100, such as 99.9' }),
);
/** The service-credit ladder of SLA reports (see docs/operations.md, Service levels). */
export const DEFAULT_CREDIT_LADDER = [
  { belowPercent: 99.9, creditPercent: 10 },
  { belowPercent: 99, creditPercent: 25 },
  { belowPercent: 95, creditPercent: 100 },
] as const;
const SHA256 = /^[0-9a-f]{64}$/i;
/** `true`/`false`, also as the strings `${VAR}` substitutes to (and `1`/`0`, `yes`/`no`, `on`/`off`). */
export const switchSchema = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(text)) return true;
    if (['false', '0', 'no', 'off'].includes(text)) return false;
    return value;
  },
  z.boolean({ error: 'must be true or false' }),
);
/** Where spans go: nowhere (the SDK is never loaded), an OTLP/HTTP collector, or standard output. */
export const TRACE_EXPORTERS = ['off', 'otlp', 'console'] as const;
export const traceExporterSchema = z.enum(TRACE_EXPORTERS, { error: 'must be off, otlp or console' });
export const otlpEndpointSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Empty means "not set": `${AZURE_KEY:-}` in a file must not become an empty credential. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

// ---- The file (snake_case, as operators write YAML) --------------------------------------------------

const fileConnectionSchema = z
  .object({
    name,
    provider: z.enum(PROVIDER_IDS),
    base_url: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    api_key: optionalText,
    api_version: optionalText,
    headers: z.record(z.string(), z.string()).optional(),
    timeout_ms: positiveIntegerSchema.optional(),
    capacity_tpm: positiveIntegerSchema.optional(),
  })
  .strict();

const fileBackendSchema = z
  .object({
    connection: name,
    model: z.string().min(1),
    priority: integer(0, 1_000_000, 'must be an integer 0-1000000').optional(),
    weight: integer(1, 1000, 'must be an integer 1-1000').optional(),
  })
  .strict();

const fileDeploymentSchema = z
  .object({
    name,
    model: z.string().min(1),
    type: z.enum(DEPLOYMENT_TYPE_OPTIONS).optional(),
    backends: z.array(fileBackendSchema).min(1),
    tpm: positiveIntegerSchema.optional(),
    rpm: positiveIntegerSchema.optional(),
    content_filter: name.optional(),
    version_upgrade: z.enum(VERSION_UPGRADE_OPTIONS).optional(),
    routing: routingSchema.optional(),
  })
  .strict();

const fileEngineSchema = z
  .object({
    threads: positiveIntegerSchema.optional(),
    gpu: gpuSchema.optional(),
    memory_budget: byteSizeSchema.optional(),
    keep_alive: keepAliveSchema.optional(),
    context_size: positiveIntegerSchema.optional(),
    parallel: positiveIntegerSchema.optional(),
    max_queue: queueLengthSchema.optional(),
  })
  .strict();

const fileModelSchema = z
  .object({
    name,
    file: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    sha256: z.string().regex(SHA256, { error: 'must be 64 hexadecimal characters' }).optional(),
    context_size: positiveIntegerSchema.optional(),
    parallel: positiveIntegerSchema.optional(),
    max_queue: queueLengthSchema.optional(),
    keep_alive: keepAliveSchema.optional(),
  })
  .strict()
  .refine((model) => (model.file === undefined) !== (model.source === undefined), {
    error: 'needs exactly one of file (a GGUF on this machine) or source (hf:… or https://… to pull)',
  });

const fileKeySchema = z
  .object({
    name,
    value: z.string().min(MINIMUM_KEY_LENGTH, { error: `must be at least ${MINIMUM_KEY_LENGTH} characters long` }),
  })
  .strict();

/**
 * A content-filter policy in the admin API's spelling, without its name (the key it sits under). Only its shape is
 * checked here; content safety checks every field when it applies the file at start, with the admin API's rules.
 */
const fileContentFilterSchema = z.record(z.string(), z.unknown(), { error: 'must be a mapping of policy settings' });
const fileContentFiltersSchema = z.record(name, fileContentFilterSchema);

const fileBlocklistSchema = z
  .object({
    description: z.string().optional(),
    items: z.array(z.object({ pattern: z.string().min(1), regex: switchSchema.optional() }).strict()).default([]),
  })
  .strict();

const fileProjectSchema = z
  .object({
    name,
    keys: z.array(fileKeySchema).default([]),
    deployments: z.array(fileDeploymentSchema).default([]),
    content_filters: fileContentFiltersSchema.optional(),
    blocklists: z.record(name, fileBlocklistSchema).optional(),
  })
  .strict();

export const configFileSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).optional(),
        port: portSchema.optional(),
        body_limit_bytes: positiveIntegerSchema.optional(),
        upstream_timeout_ms: positiveIntegerSchema.optional(),
        stream_coalesce_ms: integer(0, 1000, 'must be an integer 0-1000').optional(),
        session_ttl: durationSchema.optional(),
        metrics: switchSchema.optional(),
        shutdown_grace: durationSchema.optional(),
      })
      .strict()
      .optional(),
    metrics: z.object({ token: optionalText }).strict().optional(),
    telemetry: z
      .object({
        traces: traceExporterSchema.optional(),
        otlp_endpoint: optionalText.pipe(otlpEndpointSchema.optional()),
      })
      .strict()
      .optional(),
    log_prompts: switchSchema.optional(),
    data_dir: z.string().min(1).optional(),
    database: z
      .object({ url: optionalText.pipe(databaseUrlSchema.optional()) })
      .strict()
      .optional(),
    redis: z.object({ url: optionalText }).strict().optional(),
    log_level: logLevelSchema.optional(),
    engine: fileEngineSchema.optional(),
    sla: z
      .object({
        default_target: percentSchema.optional(),
        targets: z.partialRecord(z.enum(DEPLOYMENT_TYPE_OPTIONS), percentSchema).optional(),
        downtime_error_rate_percent: percentSchema.optional(),
        credits: z.array(z.object({ below: percentSchema, credit_percent: percentSchema }).strict()).optional(),
      })
      .strict()
      .optional(),
    content_safety: z
      .object({
        stream_window_chars: integer(100, 10_000, 'must be an integer 100-10000').optional(),
        stream_max_delay_ms: integer(10, 10_000, 'must be an integer 10-10000').optional(),
      })
      .strict()
      .optional(),
    models: z.array(fileModelSchema).default([]),
    connections: z.array(fileConnectionSchema).default([]),
    projects: z.array(fileProjectSchema).default([]),
    content_filters: fileContentFiltersSchema.optional(),
  })
  .strict();
export type ConfigFile = z.output<typeof configFileSchema>;

// ---- The resolved configuration (defaults live here) -------------------------------------------------

export const settingsSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: portSchema.default(4000),
        bodyLimitBytes: positiveIntegerSchema.default(10 * 1024 * 1024), // 10 MiB
        upstreamTimeoutMs: positiveIntegerSchema.default(600_000), // 10 min, the OpenAI SDK's own timeout
        streamCoalesceMs: integer(0, 1000, 'must be an integer 0-1000').default(10), // SSE frames per socket write
        sessionTtlMs: positiveIntegerSchema.default(12 * 60 * 60_000), // a working day, as the Azure portal's
        metrics: z.boolean().default(true), // GET /metrics
        // In-flight requests get this long at shutdown; within Kubernetes' default 30 s grace, so the ledger
        // flush that follows still runs before SIGKILL.
        shutdownGraceMs: positiveIntegerSchema.default(25_000),
      })
      .strict()
      .prefault({}),
    dataDir: z.string().min(1).default('./data'),
    database: z.object({ url: databaseUrlSchema.optional() }).strict().prefault({}), // absent → SQLite file
    redis: z
      .object({ url: z.string().min(1).optional() })
      .strict()
      .prefault({}), // absent → in-process counters
    adminKey: z.string().min(1).optional(),
    secretKey: z.string().min(1).optional(), // absent → <dataDir>/secret.key
    previousSecretKey: z.string().min(1).optional(), // still decrypts; what it opens is re-encrypted at start
    huggingFaceUrl: huggingFaceUrlSchema.optional(), // absent → https://huggingface.co
    engine: z
      .object({
        threads: positiveIntegerSchema.optional(), // absent → physical cores (1 when CI=true)
        gpu: gpuSchema.default('auto'),
        memoryBudgetBytes: positiveIntegerSchema.optional(), // absent → 75 % of the machine's memory
        keepAliveMs: z.number().int().min(-1).default(300_000), // 5 minutes, as Ollama
        contextSize: positiveIntegerSchema.default(2048), // per slot
        parallel: positiveIntegerSchema.default(4),
        maxQueue: queueLengthSchema.default(64),
      })
      .strict()
      .prefault({}),
    sla: z
      .object({
        defaultTargetPercent: percentSchema.default(99.9), // Azure OpenAI's
        targetsByType: z.partialRecord(z.enum(DEPLOYMENT_TYPE_OPTIONS), percentSchema).default({}),
        downtimeErrorRatePercent: percentSchema.default(5), // a minute is down above this error rate
        creditLadder: z
          .array(z.object({ belowPercent: percentSchema, creditPercent: percentSchema }).strict())
          .default(DEFAULT_CREDIT_LADDER.map((rung) => ({ ...rung }))),
      })
      .strict()
      .prefault({}),
    contentSafety: z
      .object({
        // Generated text held per choice before it is graded and released: about two sentences, so a harmful
        // phrase is judged with some context while the reader waits well under a second at typical speeds.
        streamWindowChars: integer(100, 10_000, 'must be an integer 100-10000').default(200),
        // However slow the model, held text goes out (graded) after this long.
        streamMaxDelayMs: integer(10, 10_000, 'must be an integer 10-10000').default(250),
      })
      .strict()
      .prefault({}),
    logLevel: logLevelSchema.default('info'),
    /** Prompt and message text in the log (one line per inference request); off: it never reaches a log line. */
    logPrompts: z.boolean().default(false),
    metrics: z
      .object({ token: z.string().min(1).optional() }) // absent → /metrics needs no token
      .strict()
      .prefault({}),
    telemetry: z
      .object({
        traces: traceExporterSchema.default('off'),
        otlpEndpoint: otlpEndpointSchema.optional(), // absent → the exporter's http://localhost:4318
      })
      .strict()
      .prefault({}),
    /** `CI=true` in the environment: defaults that suit a shared test machine (one engine thread). */
    ci: z.boolean().default(false),
  })
  .strict();
export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

/** A vendor account declared in the file; upserted by name at every start. */
export interface DeclaredConnection {
  name: string;
  provider: ProviderId;
  /** Absent → the provider's default base URL. */
  baseUrl?: string;
  apiKey?: string;
  apiVersion?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Tokens per minute the account can serve; provisioned deployments reserve from it. */
  capacityTpm?: number;
}

export interface DeclaredBackend {
  /** A connection name. */
  connection: string;
  /** The model name the upstream knows. */
  model: string;
  /** Lower is tried first; absent: the backend's position. */
  priority?: number;
  /** Share of traffic among backends of the same priority; absent: 1. */
  weight?: number;
}

export interface DeclaredDeployment {
  name: string;
  /** Catalog model id. */
  model: string;
  backends: DeclaredBackend[];
  /** Tokens per minute; absent: not limited. */
  tpm?: number;
  /** Requests per minute; absent: derived from the TPM. */
  rpm?: number;
  /** Absent: `global-standard`. */
  type?: DeploymentTypeOption;
  /** A content-filter policy of the project or the platform; absent: the default policy. */
  contentFilter?: string;
  /** Absent: `on-new-default`. */
  versionUpgrade?: VersionUpgradeOption;
  /** Strategy, retries, timeouts, breaker and probes, as the YAML file spells them; absent: the defaults. */
  routing?: RoutingPolicyWire;
}

export interface DeclaredKey {
  name: string;
  /** The plaintext key clients present; only its hash is stored. */
  value: string;
}

export interface DeclaredProject {
  name: string;
  keys: DeclaredKey[];
  deployments: DeclaredDeployment[];
  /** The project's own content-filter policies; absent: none declared. */
  contentFilters?: DeclaredContentFilter[];
  /** The project's blocklists; absent: none declared. */
  blocklists?: DeclaredBlocklist[];
}

/** A content-filter policy declared in the file; upserted by name at every start. */
export interface DeclaredContentFilter {
  name: string;
  /** The policy's settings as the admin API spells them (`analyzer`, `prompt`, …), checked when applied. */
  definition: Record<string, unknown>;
}

/** A project's blocklist declared in the file; upserted by name at every start. */
export interface DeclaredBlocklist {
  name: string;
  description?: string;
  items: { pattern: string; regex?: boolean }[];
}

/** A local model declared in the file: a GGUF on disk, or a source pulled into the model store at start. */
export interface DeclaredModel {
  name: string;
  /** Absolute path (a relative `file` is taken from the config file's folder). */
  file?: string;
  source?: string;
  sha256?: string;
  contextSize?: number;
  parallel?: number;
  maxQueue?: number;
  keepAliveMs?: number;
}

export interface Declared {
  models: DeclaredModel[];
  connections: DeclaredConnection[];
  projects: DeclaredProject[];
  /** Platform content-filter policies; absent: none declared. */
  contentFilters?: DeclaredContentFilter[];
}

/** Everything Hangar reads at start, merged from defaults ← file ← environment ← flags, deep-frozen. */
export interface HangarConfig extends Settings {
  declared: Declared;
}
