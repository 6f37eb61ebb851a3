// Hangar started the way an operator starts it: a YAML file in a data dir, loadConfig, startServer.
// Keys are checked and usage is recorded on every request ("governance on").
import { serveParent } from './ipc.js';
import { profilerHandlers } from './profiler-handlers.js';
import { readSetup } from './read-setup.js';
import { startHangarFromYaml } from './start-hangar-from-yaml.js';

export interface HangarSetup {
  upstreamBaseUrl: string;
  upstreamApiKey: string;
  /** The key the load generator presents. */
  gatewayKey: string;
  /** Deployment name, also the upstream model. */
  model: string;
}

const setup = readSetup<HangarSetup>();
const { server, stop } = await startHangarFromYaml('hangar-bench-', {
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
});

serveParent(
  { url: server.url, details: {} },
  {
    ...profilerHandlers(),
    async stop() {
      await stop();
      setImmediate(() => process.exit(0));
      return undefined;
    },
  },
);
