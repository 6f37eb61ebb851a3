// Hangar hosting the bench model in-process, started the way an operator starts it: a YAML file in a data dir
// (a `local` connection, the model declared under `models:`), loadConfig, startServer. Threads and GPU come
// from HANGAR_ENGINE_THREADS / HANGAR_ENGINE_GPU, which the parent sets. Keys are checked and usage is
// recorded on every request, as in production. The model loads on the first request, like in production.
// The usage recorder keeps each request's engine timings (usage.raw.timings) in memory instead of writing a
// debug log line: the same cost on the request path, and the parent can split Hangar's time by layer.
import type { UsageEvent } from '../../src/metering/index.js';
import { serveParent } from '../processes/ipc.js';
import { profilerHandlers } from '../processes/profiler-handlers.js';
import { readSetup } from '../processes/read-setup.js';
import { startHangarFromYaml } from '../processes/start-hangar-from-yaml.js';
import type { ServerTiming } from './engine-ipc.js';
import { ENGINE_WORKLOAD } from './engine-workload.js';

export interface HangarEngineSetup {
  modelPath: string;
  /** The key the client presents. */
  gatewayKey: string;
  /** The deployment (and local model) name. */
  deployment: string;
}

const setup = readSetup<HangarEngineSetup>();
const document = {
  models: [
    {
      name: setup.deployment,
      file: setup.modelPath,
      context_size: ENGINE_WORKLOAD.contextSize,
      parallel: ENGINE_WORKLOAD.sequences,
      max_queue: 64,
      // Never unloaded during the run: every round measures the same loaded model.
      keep_alive: -1,
    },
  ],
  connections: [{ name: 'engine', provider: 'local' }],
  projects: [
    {
      name: 'bench',
      keys: [{ name: 'load', value: setup.gatewayKey }],
      deployments: [
        {
          name: setup.deployment,
          model: setup.deployment,
          backends: [{ connection: 'engine', model: setup.deployment }],
        },
      ],
    },
  ],
};

function numberAt(value: unknown, key: string): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field: unknown = (value as Record<string, unknown>)[key];
  return typeof field === 'number' ? field : undefined;
}

let timings: ServerTiming[] = [];
function record(event: UsageEvent): void {
  const engine = event.usage.raw?.['timings'];
  timings.push({
    streamed: event.streamed,
    latencyMs: event.latencyMs,
    gatewayFirstTokenMs: event.timeToFirstTokenMs,
    engineFirstTokenMs: numberAt(engine, 'time_to_first_token_ms'),
    enginePredictedMs: numberAt(engine, 'predicted_ms'),
    enginePredictedTokens: numberAt(engine, 'predicted_n'),
    queueMs: numberAt(engine, 'queue_ms'),
  });
}

const { server, stop } = await startHangarFromYaml('hangar-engine-bench-', document, { usage: { record } });

serveParent(
  { url: server.url, details: { adminKey: server.adminKey } },
  {
    ...profilerHandlers(),
    'take-timings'() {
      const taken = timings;
      timings = [];
      return JSON.stringify(taken);
    },
    async stop() {
      await stop();
      setImmediate(() => process.exit(0));
      return undefined;
    },
  },
);
