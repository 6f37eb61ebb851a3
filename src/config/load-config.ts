import { ConfigError } from './config-error.js';
import { portSchema, settingsSchema, type Declared, type HangarConfig, type SettingsInput } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { describeIssue, formatPath } from './describe-issue.js';
import { readConfigFile } from './read-config-file.js';
import { readEnvironment } from './read-environment.js';

/** Command-line flags; they win over everything else. */
export interface ConfigFlags {
  port?: number;
  host?: string;
  dataDir?: string;
}

export interface LoadConfigOptions {
  /** A YAML file (`hangar.yaml`); `${NAME}` references in it read `env`. */
  configFile?: string;
  flags?: ConfigFlags;
  /** Defaults to the process environment; tests pass their own. */
  env?: Record<string, string | undefined>;
}

/**
 * Builds the configuration from defaults ← file ← environment ← flags. Every problem found is reported
 * at once in one ConfigError, each naming its source and the fix.
 */
export function loadConfig(options: LoadConfigOptions = {}): HangarConfig {
  const env = options.env ?? process.env;
  const problems: string[] = [];

  const file = options.configFile === undefined ? undefined : readConfigFile(options.configFile, env, problems);
  const fromEnvironment = readEnvironment(env, problems);
  const fromFlags = readFlags(options.flags ?? {}, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const merged = mergeSettings([file?.settings ?? {}, fromEnvironment, fromFlags]);
  const settings = settingsSchema.safeParse(merged, { error: describeIssue });
  if (!settings.success) {
    throw new ConfigError(settings.error.issues.map((issue) => `${formatPath(issue.path)} ${issue.message}`));
  }
  const declared: Declared = file?.declared ?? { models: [], connections: [], projects: [] };
  return deepFreeze({ ...settings.data, declared });
}

function readFlags(flags: ConfigFlags, problems: string[]): SettingsInput {
  let port: number | undefined;
  if (flags.port !== undefined) {
    const result = portSchema.safeParse(flags.port, { error: describeIssue });
    if (result.success) port = result.data;
    else problems.push(`--port ${String(flags.port)} ${result.error.issues[0]?.message ?? 'is invalid'}`);
  }
  if (flags.host !== undefined && flags.host.trim() === '') problems.push('--host must not be empty');
  if (flags.dataDir !== undefined && flags.dataDir.trim() === '') problems.push('--data-dir must not be empty');
  return { server: { host: flags.host, port }, dataDir: flags.dataDir };
}

/** Later sources win key by key; an unset (undefined) key never hides an earlier value. */
function mergeSettings(sources: SettingsInput[]): SettingsInput {
  const section = <K extends 'server' | 'database' | 'redis' | 'engine' | 'metrics' | 'telemetry'>(
    key: K,
  ): SettingsInput[K] =>
    Object.assign({}, ...sources.map((source) => withoutUndefined(source[key] ?? {}))) as SettingsInput[K];
  const top = Object.assign({}, ...sources.map((source) => withoutUndefined(source))) as SettingsInput;
  return {
    ...top,
    server: section('server'),
    database: section('database'),
    redis: section('redis'),
    engine: section('engine'),
    metrics: section('metrics'),
    telemetry: section('telemetry'),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
