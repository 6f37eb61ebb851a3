import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from './index.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-config-'));
let files = 0;
function writeConfig(yaml: string): string {
  const path = join(directory, `hangar-${++files}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

function configError(...patterns: RegExp[]) {
  return (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  };
}

const DECLARATIVE = `
server:
  port: 5000
  body_limit_bytes: 2048
data_dir: /srv/hangar
log_level: debug
connections:
  - name: xai
    provider: xai
    api_key: \${XAI_API_KEY}
    headers: { x-extra: value }
    timeout_ms: 30000
  - name: azure
    provider: azure-openai
    base_url: https://example.openai.azure.com/openai
    api_key: \${AZURE_KEY:-azure-default}
    api_version: 2024-10-21
  - name: vllm
    provider: vllm
    base_url: \${VLLM_URL:-}
projects:
  - name: demo
    keys:
      - name: ci
        value: \${DEMO_KEY}
    deployments:
      - name: grok-3
        model: grok-3
        backends:
          - connection: xai
            model: grok-3
          - connection: azure
            model: grok-3-deployment
`;

describe('loadConfig', () => {
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('uses the defaults when nothing is set, frozen', () => {
    const config = loadConfig({ env: {} });
    assert.deepEqual(config, {
      server: {
        host: '127.0.0.1',
        port: 4000,
        bodyLimitBytes: 10 * 1024 * 1024,
        upstreamTimeoutMs: 600_000,
        streamCoalesceMs: 10,
        sessionTtlMs: 43_200_000,
        metrics: true,
        shutdownGraceMs: 25_000,
      },
      dataDir: './data',
      database: {},
      redis: {},
      logLevel: 'info',
      logPrompts: false,
      metrics: {},
      telemetry: { traces: 'off' },
      ci: false,
      engine: { gpu: 'auto', keepAliveMs: 300_000, contextSize: 2048, parallel: 4, maxQueue: 64 },
      contentSafety: { streamWindowChars: 200, streamMaxDelayMs: 250 },
      sla: {
        defaultTargetPercent: 99.9,
        targetsByType: {},
        downtimeErrorRatePercent: 5,
        creditLadder: [
          { belowPercent: 99.9, creditPercent: 10 },
          { belowPercent: 99, creditPercent: 25 },
          { belowPercent: 95, creditPercent: 100 },
        ],
      },
      declared: { models: [], connections: [], projects: [] },
    });
    assert.ok(
      Object.isFrozen(config) && Object.isFrozen(config.server) && Object.isFrozen(config.declared.connections),
    );
    assert.throws(() => {
      (config.server as { port: number }).port = 1;
    }, TypeError);
  });

  it('reads the metrics, trace, shutdown and prompt-logging settings from the file and the environment', () => {
    const file = join(directory, 'telemetry.yaml');
    writeFileSync(
      file,
      'server:\n  metrics: "${METRICS:-false}"\n  shutdown_grace: 45s\nmetrics:\n  token: t0ken\n' +
        'telemetry:\n  traces: otlp\n  otlp_endpoint: http://collector:4318\nlog_prompts: true\n',
    );
    const fromFile = loadConfig({ configFile: file, env: {} });
    assert.equal(fromFile.server.metrics, false);
    assert.equal(fromFile.server.shutdownGraceMs, 45_000);
    assert.deepEqual(fromFile.metrics, { token: 't0ken' });
    assert.deepEqual(fromFile.telemetry, { traces: 'otlp', otlpEndpoint: 'http://collector:4318' });
    assert.equal(fromFile.logPrompts, true);
    const fromEnvironment = loadConfig({
      configFile: file,
      env: {
        HANGAR_METRICS: 'true',
        HANGAR_METRICS_TOKEN: 'other',
        HANGAR_SHUTDOWN_GRACE: '5s',
        HANGAR_TRACES: 'console',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
        HANGAR_LOG_PROMPTS: 'false',
      },
    });
    assert.equal(fromEnvironment.server.metrics, true);
    assert.equal(fromEnvironment.server.shutdownGraceMs, 5_000);
    assert.deepEqual(fromEnvironment.metrics, { token: 'other' });
    assert.deepEqual(fromEnvironment.telemetry, { traces: 'console', otlpEndpoint: 'http://otel:4318' });
    assert.equal(fromEnvironment.logPrompts, false);
    assert.throws(
      () => loadConfig({ env: { HANGAR_TRACES: 'jaeger', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' } }),
      (error: Error) =>
        error.message.includes("HANGAR_TRACES 'jaeger' must be off, otlp or console") &&
        error.message.includes('OTEL_EXPORTER_OTLP_ENDPOINT'),
    );
  });

  it('reads the engine and local models, with sizes and durations as operators write them', () => {
    const config = loadConfig({
      configFile: writeConfig(`
engine:
  threads: 3
  gpu: cpu
  memory_budget: 2GiB
  keep_alive: 10m
  context_size: 4096
models:
  - name: small
    file: models/small.gguf
    keep_alive: -1
    parallel: 2
  - name: pulled
    source: hf:owner/repo/file.gguf
    sha256: ${'AB'.repeat(32)}
`),
      env: { HANGAR_ENGINE_MAX_QUEUE: '5', HANGAR_ENGINE_KEEP_ALIVE: '90s', CI: 'true' },
    });
    assert.deepEqual(config.engine, {
      threads: 3,
      gpu: false,
      memoryBudgetBytes: 2 * 1024 ** 3,
      keepAliveMs: 90_000,
      contextSize: 4096,
      parallel: 4,
      maxQueue: 5,
    });
    assert.equal(config.ci, true);
    assert.deepEqual(config.declared.models, [
      { name: 'small', file: join(directory, 'models/small.gguf'), keepAliveMs: -1, parallel: 2 },
      { name: 'pulled', source: 'hf:owner/repo/file.gguf', sha256: 'ab'.repeat(32) },
    ]);
  });

  it('refuses a model with both or neither of file and source, and sizes that are not sizes', () => {
    assert.throws(
      () =>
        loadConfig({
          configFile: writeConfig(`
engine:
  memory_budget: lots
models:
  - name: both
    file: a.gguf
    source: hf:o/r/a.gguf
  - name: neither
`),
          env: {},
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /engine\.memory_budget 'lots'.*must be a size/.test(error.message) &&
        /models\[0\].*needs exactly one of file/.test(error.message) &&
        /models\[1\].*needs exactly one of file/.test(error.message),
    );
  });

  it('reads the YAML file with ${ENV} and ${ENV:-default} substitution', () => {
    const config = loadConfig({
      configFile: writeConfig(DECLARATIVE),
      env: { XAI_API_KEY: 'xai-secret', DEMO_KEY: 'demo-key-0123456789' },
    });
    assert.equal(config.server.port, 5000);
    assert.equal(config.server.bodyLimitBytes, 2048);
    assert.equal(config.server.host, '127.0.0.1', 'defaults fill what the file leaves out');
    assert.equal(config.dataDir, '/srv/hangar');
    assert.equal(config.logLevel, 'debug');
    assert.deepEqual(config.declared.connections, [
      { name: 'xai', provider: 'xai', apiKey: 'xai-secret', headers: { 'x-extra': 'value' }, timeoutMs: 30_000 },
      {
        name: 'azure',
        provider: 'azure-openai',
        baseUrl: 'https://example.openai.azure.com/openai',
        apiKey: 'azure-default',
        apiVersion: '2024-10-21',
      },
      { name: 'vllm', provider: 'vllm' },
    ]);
    assert.deepEqual(config.declared.projects, [
      {
        name: 'demo',
        keys: [{ name: 'ci', value: 'demo-key-0123456789' }],
        deployments: [
          {
            name: 'grok-3',
            model: 'grok-3',
            backends: [
              { connection: 'xai', model: 'grok-3' },
              { connection: 'azure', model: 'grok-3-deployment' },
            ],
          },
        ],
      },
    ]);
  });

  it('names every missing variable, where it is used, and the fix', () => {
    assert.throws(
      () => loadConfig({ configFile: writeConfig(DECLARATIVE), env: {} }),
      configError(
        /\$\{XAI_API_KEY\} in .*hangar-\d+\.yaml is not set in the environment \(used at connections\[0\]\.api_key\); set XAI_API_KEY/,
        /\$\{DEMO_KEY\} in .* is not set in the environment \(used at projects\[0\]\.keys\[0\]\.value\)/,
      ),
    );
  });

  it('keeps $${NAME} literal', () => {
    const config = loadConfig({
      configFile: writeConfig('connections:\n  - { name: a, provider: openai, api_key: "pa$${NOT_A_VARIABLE}ss" }\n'),
      env: {},
    });
    assert.equal(config.declared.connections[0]?.apiKey, 'pa${NOT_A_VARIABLE}ss');
  });

  it('lets the environment override the file, and flags override the environment', () => {
    const configFile = writeConfig('server: { port: 5000, host: 0.0.0.0 }\ndata_dir: ./from-file\nlog_level: warn\n');
    const env = {
      HANGAR_PORT: '6000',
      HANGAR_DATA_DIR: './from-env',
      HANGAR_LOG_LEVEL: 'error',
      HANGAR_BODY_LIMIT_BYTES: '1024',
      HANGAR_ADMIN_KEY: 'admin',
      HANGAR_SECRET_KEY: 'secret',
      DATABASE_URL: 'postgres://fallback/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
    };
    const fromEnvironment = loadConfig({ configFile, env });
    assert.equal(fromEnvironment.server.port, 6000);
    assert.equal(fromEnvironment.server.host, '0.0.0.0', 'the file still counts where env says nothing');
    assert.equal(fromEnvironment.server.bodyLimitBytes, 1024);
    assert.equal(fromEnvironment.dataDir, './from-env');
    assert.equal(fromEnvironment.logLevel, 'error');
    assert.equal(fromEnvironment.adminKey, 'admin');
    assert.equal(fromEnvironment.secretKey, 'secret');
    assert.equal(fromEnvironment.database.url, 'postgres://fallback/db');
    assert.equal(fromEnvironment.redis.url, 'redis://127.0.0.1:6379');

    const preferred = loadConfig({
      env: { ...env, HANGAR_DATABASE_URL: 'postgresql://preferred/db', HANGAR_REDIS_URL: 'redis://preferred' },
    });
    assert.equal(preferred.database.url, 'postgresql://preferred/db');
    assert.equal(preferred.redis.url, 'redis://preferred');

    const fromFlags = loadConfig({ configFile, env, flags: { port: 7000, host: '::1', dataDir: './from-flags' } });
    assert.equal(fromFlags.server.port, 7000);
    assert.equal(fromFlags.server.host, '::1');
    assert.equal(fromFlags.dataDir, './from-flags');
  });

  it('explains invalid environment values and flags', () => {
    assert.throws(
      () =>
        loadConfig({
          env: {
            HANGAR_PORT: 'eighty',
            HANGAR_LOG_LEVEL: 'loud',
            HANGAR_BODY_LIMIT_BYTES: '-1',
            DATABASE_URL: 'mysql://x',
          },
        }),
      configError(
        /HANGAR_PORT 'eighty' must be an integer 0-65535/,
        /HANGAR_LOG_LEVEL 'loud' must be one of fatal, error, warn, info, debug, trace, silent/,
        /HANGAR_BODY_LIMIT_BYTES '-1' must be a positive integer/,
        /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//,
      ),
    );
    assert.throws(
      () => loadConfig({ env: { HANGAR_PORT: '70000' } }),
      configError(/HANGAR_PORT '70000' must be an integer 0-65535/),
    );
    assert.throws(
      () => loadConfig({ env: {}, flags: { port: 1.5 } }),
      configError(/--port 1\.5 must be an integer 0-65535/),
    );
  });

  it('explains invalid file values with their path, value and allowed choices', () => {
    const configFile = writeConfig(`
server: { port: high, prot: 1 }
connections:
  - name: x
    provider: foo
  - name: y
    provider: openai
    base_url: not a url
projects:
  - name: demo
    keys: [{ name: ci, value: short }]
`);
    assert.throws(
      () => loadConfig({ configFile, env: {} }),
      configError(
        /server\.port 'high' in .*\.yaml must be an integer 0-65535/,
        /server in .*\.yaml has unknown key 'prot'/,
        /connections\[0\]\.provider 'foo' in .*\.yaml must be one of openai, azure-openai, xai/,
        /connections\[1\]\.base_url 'not a url' in .*\.yaml must be an http\(s\) URL/,
        /projects\[0\]\.keys\[0\]\.value in .*\.yaml must be at least 16 characters long/,
      ),
    );
  });

  it('refuses backends naming unknown connections and duplicate names', () => {
    const configFile = writeConfig(`
connections:
  - { name: xai, provider: xai }
  - { name: xai, provider: openai }
projects:
  - name: demo
    deployments:
      - { name: Grok-3, model: grok-3, backends: [{ connection: xai, model: grok-3 }] }
      - { name: grok-3, model: grok-3, backends: [{ connection: ghost, model: grok-3 }] }
`);
    assert.throws(
      () => loadConfig({ configFile, env: {} }),
      configError(
        /connections\[1\]\.name 'xai' in .* is declared twice/,
        /projects\[0\]\.deployments\[1\]\.name 'grok-3' .* declared twice .*ignore case/,
        /projects\[0\]\.deployments\[1\]\.backends\[0\]\.connection 'ghost' in .* names no connection; declare it under connections \(known: xai\)/,
      ),
    );
  });

  it('reports a missing file and broken YAML', () => {
    assert.throws(
      () => loadConfig({ configFile: join(directory, 'absent.yaml'), env: {} }),
      configError(/config file .*absent\.yaml does not exist; check the --config path/),
    );
    assert.throws(
      () => loadConfig({ configFile: writeConfig('server: [unclosed'), env: {} }),
      configError(/is not valid YAML/),
    );
  });
});
