import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import {
  configFileSchema,
  type ConfigFile,
  type Declared,
  type DeclaredContentFilter,
  type SettingsInput,
} from './config-schema.js';
import { describeIssue, formatPath, quoteValue, valueAt } from './describe-issue.js';
import { substituteEnvironment } from './substitute-environment.js';

/** Fields whose values are never quoted back in messages. */
const SECRET_FIELDS = new Set(['api_key', 'value', 'headers']);

export interface ConfigFileContents {
  settings: SettingsInput;
  declared: Declared;
}

/** Reads, substitutes and validates the YAML file; problems are appended, not thrown. */
export function readConfigFile(
  path: string,
  env: Record<string, string | undefined>,
  problems: string[],
): ConfigFileContents | undefined {
  if (!existsSync(path)) {
    problems.push(`config file ${path} does not exist; check the --config path`);
    return undefined;
  }
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    const detail = error instanceof YAMLParseError || error instanceof Error ? error.message : String(error);
    problems.push(`${path} is not valid YAML: ${detail}`);
    return undefined;
  }

  const { value: substituted, missing } = substituteEnvironment(document, env);
  for (const variable of missing) {
    problems.push(
      `\${${variable.name}} in ${path} is not set in the environment (used at ${variable.path}); ` +
        `set ${variable.name} or write \${${variable.name}:-default}`,
    );
  }
  if (missing.length > 0) return undefined;

  const parsed = configFileSchema.safeParse(substituted, { error: describeIssue });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.at(-1);
      const quoted =
        typeof field === 'string' && SECRET_FIELDS.has(field) ? '' : quoteValue(valueAt(substituted, issue.path));
      const where = issue.path.length === 0 ? '' : `${formatPath(issue.path)}${quoted} in `;
      problems.push(`${where}${path} ${issue.message}`);
    }
    return undefined;
  }

  const before = problems.length;
  checkReferences(parsed.data, path, problems);
  if (problems.length > before) return undefined;
  return { settings: toSettings(parsed.data), declared: toDeclared(parsed.data, dirname(resolve(path))) };
}

/** Names must be unique where the store makes them unique, and backends must name a declared connection. */
function checkReferences(file: ConfigFile, path: string, problems: string[]): void {
  const modelNames = new Set<string>();
  file.models.forEach((model, index) => {
    if (modelNames.has(model.name)) {
      problems.push(`models[${index}].name '${model.name}' in ${path} is declared twice; names must be unique`);
    }
    modelNames.add(model.name);
  });
  const connectionNames = new Set<string>();
  file.connections.forEach((connection, index) => {
    if (connectionNames.has(connection.name)) {
      problems.push(
        `connections[${index}].name '${connection.name}' in ${path} is declared twice; names must be unique`,
      );
    }
    connectionNames.add(connection.name);
  });

  const projectNames = new Set<string>();
  file.projects.forEach((project, projectIndex) => {
    const at = `projects[${projectIndex}]`;
    if (projectNames.has(project.name)) {
      problems.push(`${at}.name '${project.name}' in ${path} is declared twice; names must be unique`);
    }
    projectNames.add(project.name);

    const keyNames = new Set<string>();
    project.keys.forEach((key, keyIndex) => {
      if (keyNames.has(key.name)) {
        problems.push(
          `${at}.keys[${keyIndex}].name '${key.name}' in ${path} is declared twice in project '${project.name}'`,
        );
      }
      keyNames.add(key.name);
    });

    const deploymentNames = new Set<string>();
    project.deployments.forEach((deployment, deploymentIndex) => {
      const deploymentAt = `${at}.deployments[${deploymentIndex}]`;
      // Deployments resolve case-insensitively, so `Grok-3` and `grok-3` would shadow each other.
      const nameKey = deployment.name.toLowerCase();
      if (deploymentNames.has(nameKey)) {
        problems.push(
          `${deploymentAt}.name '${deployment.name}' in ${path} is declared twice in project '${project.name}' ` +
            '(deployment names ignore case)',
        );
      }
      deploymentNames.add(nameKey);
      deployment.backends.forEach((backend, backendIndex) => {
        if (!connectionNames.has(backend.connection)) {
          problems.push(
            `${deploymentAt}.backends[${backendIndex}].connection '${backend.connection}' in ${path} names no ` +
              `connection; declare it under connections (known: ${[...connectionNames].join(', ') || 'none'})`,
          );
        }
      });
    });
  });
}

function toSettings(file: ConfigFile): SettingsInput {
  return {
    server: {
      host: file.server?.host,
      port: file.server?.port,
      bodyLimitBytes: file.server?.body_limit_bytes,
      upstreamTimeoutMs: file.server?.upstream_timeout_ms,
      streamCoalesceMs: file.server?.stream_coalesce_ms,
      sessionTtlMs: file.server?.session_ttl,
      metrics: file.server?.metrics,
      shutdownGraceMs: file.server?.shutdown_grace,
    },
    metrics: { token: file.metrics?.token },
    telemetry: { traces: file.telemetry?.traces, otlpEndpoint: file.telemetry?.otlp_endpoint },
    logPrompts: file.log_prompts,
    dataDir: file.data_dir,
    database: { url: file.database?.url },
    redis: { url: file.redis?.url },
    logLevel: file.log_level,
    contentSafety: {
      streamWindowChars: file.content_safety?.stream_window_chars,
      streamMaxDelayMs: file.content_safety?.stream_max_delay_ms,
    },
    sla: {
      defaultTargetPercent: file.sla?.default_target,
      targetsByType: file.sla?.targets,
      downtimeErrorRatePercent: file.sla?.downtime_error_rate_percent,
      creditLadder: file.sla?.credits?.map((rung) => ({
        belowPercent: rung.below,
        creditPercent: rung.credit_percent,
      })),
    },
    engine: {
      threads: file.engine?.threads,
      gpu: file.engine?.gpu,
      memoryBudgetBytes: file.engine?.memory_budget,
      keepAliveMs: file.engine?.keep_alive,
      contextSize: file.engine?.context_size,
      parallel: file.engine?.parallel,
      maxQueue: file.engine?.max_queue,
    },
  };
}

function toDeclared(file: ConfigFile, folder: string): Declared {
  return {
    models: file.models.map((model) => ({
      name: model.name,
      ...(model.file === undefined ? {} : { file: resolve(folder, model.file) }),
      ...(model.source === undefined ? {} : { source: model.source }),
      ...(model.sha256 === undefined ? {} : { sha256: model.sha256.toLowerCase() }),
      ...(model.context_size === undefined ? {} : { contextSize: model.context_size }),
      ...(model.parallel === undefined ? {} : { parallel: model.parallel }),
      ...(model.max_queue === undefined ? {} : { maxQueue: model.max_queue }),
      ...(model.keep_alive === undefined ? {} : { keepAliveMs: model.keep_alive }),
    })),
    connections: file.connections.map((connection) => ({
      name: connection.name,
      provider: connection.provider,
      ...(connection.base_url === undefined ? {} : { baseUrl: connection.base_url }),
      ...(connection.api_key === undefined ? {} : { apiKey: connection.api_key }),
      ...(connection.api_version === undefined ? {} : { apiVersion: connection.api_version }),
      ...(connection.headers === undefined ? {} : { headers: connection.headers }),
      ...(connection.timeout_ms === undefined ? {} : { timeoutMs: connection.timeout_ms }),
      ...(connection.capacity_tpm === undefined ? {} : { capacityTpm: connection.capacity_tpm }),
    })),
    projects: file.projects.map((project) => ({
      name: project.name,
      keys: project.keys.map((key) => ({ name: key.name, value: key.value })),
      deployments: project.deployments.map((deployment) => ({
        name: deployment.name,
        model: deployment.model,
        backends: deployment.backends.map((backend) => ({
          connection: backend.connection,
          model: backend.model,
          ...(backend.priority === undefined ? {} : { priority: backend.priority }),
          ...(backend.weight === undefined ? {} : { weight: backend.weight }),
        })),
        ...(deployment.tpm === undefined ? {} : { tpm: deployment.tpm }),
        ...(deployment.rpm === undefined ? {} : { rpm: deployment.rpm }),
        ...(deployment.type === undefined ? {} : { type: deployment.type }),
        ...(deployment.content_filter === undefined ? {} : { contentFilter: deployment.content_filter }),
        ...(deployment.version_upgrade === undefined ? {} : { versionUpgrade: deployment.version_upgrade }),
        ...(deployment.routing === undefined ? {} : { routing: deployment.routing }),
      })),
      ...(project.content_filters === undefined
        ? {}
        : { contentFilters: toDeclaredContentFilters(project.content_filters) }),
      ...(project.blocklists === undefined
        ? {}
        : {
            blocklists: Object.entries(project.blocklists).map(([name, blocklist]) => ({
              name,
              ...(blocklist.description === undefined ? {} : { description: blocklist.description }),
              items: blocklist.items.map((item) => ({
                pattern: item.pattern,
                ...(item.regex === undefined ? {} : { regex: item.regex }),
              })),
            })),
          }),
    })),
    ...(file.content_filters === undefined ? {} : { contentFilters: toDeclaredContentFilters(file.content_filters) }),
  };
}

function toDeclaredContentFilters(policies: Record<string, Record<string, unknown>>): DeclaredContentFilter[] {
  return Object.entries(policies).map(([name, definition]) => ({ name, definition }));
}
