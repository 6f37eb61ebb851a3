import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import type { UsageEvent } from '../../src/metering/index.js';
import { startServer, type ServerOverrides } from '../../src/http/server.js';

export interface HangarUnderTest {
  url: string;
  adminKey: string;
  /** The fresh data dir (models, SQLite, key files); removed on close. */
  dataDir: string;
  /** Every usage event the meter received, in order. */
  usage: UsageEvent[];
  close(): Promise<void>;
}

export interface StartHangarOptions {
  /** The YAML configuration file's text, as an operator would write it. */
  yaml: string;
  /** Environment the config file's ${NAME} references read. */
  env?: Record<string, string>;
  /** What the server is started with besides the file (a fixed pricer, shorter webhook retries). */
  overrides?: Omit<ServerOverrides, 'usage'>;
  /** An existing data dir, to start again on what an earlier run left (kept on close); absent: a fresh one. */
  dataDir?: string;
}

/**
 * Starts a real Hangar on a loopback port from a YAML file in a fresh data dir (SQLite), exactly as
 * `hangar serve --config FILE` would, and collects what it meters.
 */
export async function startHangar(options: StartHangarOptions): Promise<HangarUnderTest> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'hangar-test-')));
  const configFile = join(dataDir, 'hangar.yaml');
  await writeFile(configFile, options.yaml);
  const config = loadConfig({
    configFile,
    flags: { port: 0, host: '127.0.0.1', dataDir },
    env: { HANGAR_LOG_LEVEL: 'warn', ...options.env },
  });
  const usage: UsageEvent[] = [];
  const server = await startServer(config, {
    ...options.overrides,
    usage: { record: (event) => usage.push(event) },
  });
  return {
    url: server.url,
    adminKey: server.adminKey,
    dataDir,
    usage,
    async close() {
      await server.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
