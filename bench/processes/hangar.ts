// Hangar started the way an operator starts it: a YAML file in a data dir, loadConfig, startServer.
// Keys are checked and usage is recorded on every request ("governance on").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/index.js';
import { startServer } from '../../src/http/server.js';
import { serveParent } from './ipc.js';
import { profilerHandlers } from './profiler-handlers.js';
import { readSetup } from './read-setup.js';

export interface HangarSetup {
  upstreamBaseUrl: string;
  upstreamApiKey: string;
  /** The key the load generator presents. */
  gatewayKey: string;
  /** Deployment name, also the upstream model. */
  model: string;
}

const setup = readSetup<HangarSetup>();
const dataDir = mkdtempSync(join(tmpdir(), 'hangar-bench-'));
const configFile = join(dataDir, 'hangar.yaml');
writeFileSync(
  configFile,
  stringify({
    server: { host: '127.0.0.1', port: 0 },
    data_dir: dataDir,
    connections: [
      { name: 'emulator', provider: 'openai', base_url: setup.upstreamBaseUrl, api_key: setup.upstreamApiKey },
    ],
    projects: [
      {
        name: 'bench',
        keys: [{ name: 'load', value: setup.gatewayKey }],
        deployments: [
          { name: setup.model, model: setup.model, backends: [{ connection: 'emulator', model: setup.model }] },
        ],
      },
    ],
  }),
);

const server = await startServer(loadConfig({ configFile }));

serveParent(
  { url: server.url, details: {} },
  {
    ...profilerHandlers(),
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      setImmediate(() => process.exit(0));
      return undefined;
    },
  },
);
