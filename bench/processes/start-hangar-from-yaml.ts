import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type RunningServer, type ServerOverrides } from '../../src/http/server.js';

export interface HangarUnderBench {
  server: RunningServer;
  /** Closes Hangar and removes its data dir. */
  stop: () => Promise<void>;
}

/**
 * Starts Hangar the way an operator does: a YAML file in a fresh data dir, loadConfig, startServer, listening
 * on a free loopback port. `document` gets the data dir and returns the rest of the file.
 */
export async function startHangarFromYaml(
  prefix: string,
  document: Record<string, unknown>,
  overrides: ServerOverrides = {},
): Promise<HangarUnderBench> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const configFile = join(dataDir, 'hangar.yaml');
  writeFileSync(configFile, stringify({ server: { host: '127.0.0.1', port: 0 }, data_dir: dataDir, ...document }));
  const server = await startServer(loadConfig({ configFile }), overrides);
  return {
    server,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
