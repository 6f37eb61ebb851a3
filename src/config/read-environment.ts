import type { z } from 'zod';
import {
  byteSizeSchema,
  databaseUrlSchema,
  gpuSchema,
  keepAliveSchema,
  durationSchema,
  queueLengthSchema,
  huggingFaceUrlSchema,
  logLevelSchema,
  portSchema,
  positiveIntegerSchema,
  otlpEndpointSchema,
  switchSchema,
  traceExporterSchema,
  type SettingsInput,
} from './config-schema.js';
import { describeIssue } from './describe-issue.js';

type Environment = Record<string, string | undefined>;

/** Settings from HANGAR_* variables (and the conventional DATABASE_URL / REDIS_URL as fallbacks). */
export function readEnvironment(env: Environment, problems: string[]): SettingsInput {
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const checked = <T>(name: string, schema: z.ZodType<T>, secret = false): T | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const result = schema.safeParse(value, { error: describeIssue });
    if (result.success) return result.data;
    problems.push(`${name}${secret ? '' : ` '${value}'`} ${result.error.issues[0]?.message ?? 'is invalid'}`);
    return undefined;
  };

  const databaseVariable = text('HANGAR_DATABASE_URL') === undefined ? 'DATABASE_URL' : 'HANGAR_DATABASE_URL';
  return {
    server: {
      host: text('HANGAR_HOST'),
      port: checked('HANGAR_PORT', portSchema),
      bodyLimitBytes: checked('HANGAR_BODY_LIMIT_BYTES', positiveIntegerSchema),
      sessionTtlMs: checked('HANGAR_SESSION_TTL', durationSchema),
      metrics: checked('HANGAR_METRICS', switchSchema),
      shutdownGraceMs: checked('HANGAR_SHUTDOWN_GRACE', durationSchema),
    },
    metrics: { token: text('HANGAR_METRICS_TOKEN') },
    telemetry: {
      traces: checked('HANGAR_TRACES', traceExporterSchema),
      otlpEndpoint: checked('OTEL_EXPORTER_OTLP_ENDPOINT', otlpEndpointSchema),
    },
    logPrompts: checked('HANGAR_LOG_PROMPTS', switchSchema),
    dataDir: text('HANGAR_DATA_DIR'),
    database: { url: checked(databaseVariable, databaseUrlSchema, true) },
    redis: { url: text('HANGAR_REDIS_URL') ?? text('REDIS_URL') },
    adminKey: text('HANGAR_ADMIN_KEY'),
    secretKey: text('HANGAR_SECRET_KEY'),
    previousSecretKey: text('HANGAR_SECRET_KEY_PREVIOUS'),
    logLevel: checked('HANGAR_LOG_LEVEL', logLevelSchema),
    huggingFaceUrl: checked('HANGAR_HF_ENDPOINT', huggingFaceUrlSchema),
    ci: text('CI')?.toLowerCase() === 'true' ? true : undefined,
    engine: {
      threads: checked('HANGAR_ENGINE_THREADS', positiveIntegerSchema),
      gpu: checked('HANGAR_ENGINE_GPU', gpuSchema),
      memoryBudgetBytes: checked('HANGAR_ENGINE_MEMORY_BUDGET', byteSizeSchema),
      keepAliveMs: checked('HANGAR_ENGINE_KEEP_ALIVE', keepAliveSchema),
      contextSize: checked('HANGAR_ENGINE_CONTEXT_SIZE', positiveIntegerSchema),
      parallel: checked('HANGAR_ENGINE_PARALLEL', positiveIntegerSchema),
      maxQueue: checked('HANGAR_ENGINE_MAX_QUEUE', queueLengthSchema),
    },
  };
}
