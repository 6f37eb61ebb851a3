import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { readRssMib } from '../measure/process-stats.js';
import { callChild } from '../processes/ipc.js';
import { startBenchChild, type BenchChild } from '../processes/spawn-process.js';
import type { LoadFigures, ReloadSample } from './engine-results.js';
import {
  parseConcurrentRun,
  parseRawLoadTimes,
  parseRawModelLoadTimes,
  parseServerTimings,
  type ServerTiming,
} from './engine-ipc.js';
import { ENGINE_WORKLOAD, runConcurrent, type ConcurrentRun, type GenerationSample } from './engine-workload.js';
import { HangarChatClient } from './hangar-chat-client.js';
import type { SideName } from './summarize-engine-rounds.js';

/** One side of the comparison, in its own process, able to run N concurrent streams of requests. */
export interface BenchSide {
  name: SideName;
  child: BenchChild;
  run(concurrency: number, requestsPerStream: number): Promise<ConcurrentRun>;
  /** Hangar only: the same runs with `stream: false`, to tell the cost of SSE from the rest of Hangar. */
  runUnstreamed?: (concurrency: number, requestsPerStream: number) => Promise<ConcurrentRun>;
  /** Unloads the model and loads it again on the running llama.cpp; the first request after it included. */
  reload: () => Promise<ReloadSample>;
  /** Hangar only: its own timings of the requests since the last call. */
  takeServerTimings?: () => Promise<ServerTiming[]>;
  stop(): Promise<void>;
}

function onlySample(run: ConcurrentRun): GenerationSample {
  const [sample] = run.samples;
  if (sample === undefined) throw new Error('a run of one request returned no sample');
  return sample;
}

/** The raw side: starts its process, loads the model (timed inside it) and runs a cold and a warm request. */
export async function startRawSide(
  modelPath: string,
): Promise<{ side: BenchSide; load: LoadFigures['raw']; startedRssMib: number | undefined }> {
  const child = await startBenchChild('raw', '../engine/raw-engine-process.ts', { modelPath }, { core: undefined });
  const startedRssMib = readRssMib(child.pid);
  const side: BenchSide = {
    name: 'raw',
    child,
    async run(concurrency, requestsPerStream) {
      return parseConcurrentRun(
        await callChild(child.process, 'run', JSON.stringify({ concurrency, requestsPerStream })),
      );
    },
    async reload() {
      const times = parseRawModelLoadTimes(await callChild(child.process, 'reload'));
      return {
        loadMs: times.loadModelMs + times.createContextMs + times.chatWrapperMs,
        chatWrapperMs: times.chatWrapperMs,
      };
    },
    async stop() {
      await callChild(child.process, 'stop').catch(() => undefined);
      await child.stop();
    },
  };
  const times = parseRawLoadTimes(await callChild(child.process, 'load'));
  const coldRequest = onlySample(await side.run(1, 1));
  const warmRequest = onlySample(await side.run(1, 1));
  return { side, load: { ...times, coldRequest, warmRequest }, startedRssMib };
}

interface LoadedModelView {
  name?: unknown;
  load_duration_ms?: unknown;
  memory_bytes?: unknown;
}

async function readLoadedModel(url: string, adminKey: string, name: string): Promise<LoadedModelView | undefined> {
  const response = await request(new URL('/admin/engine/loaded', url), {
    headers: { authorization: `Bearer ${adminKey}` },
  });
  const body = (await response.body.json()) as { data?: LoadedModelView[] };
  return body.data?.find((model) => model.name === name);
}

/** DELETE then POST /admin/engine/loaded/:name, as an operator unloads and preloads a model. */
async function reloadThroughAdmin(
  url: string,
  adminKey: string,
  name: string,
): Promise<{ requestMs: number; loadDurationMs: number }> {
  const path = `/admin/engine/loaded/${encodeURIComponent(name)}`;
  const headers = { authorization: `Bearer ${adminKey}` };
  const unloaded = await request(new URL(path, url), { method: 'DELETE', headers });
  const unloadBody = (await unloaded.body.json()) as { unloaded?: unknown };
  if (unloaded.statusCode !== 200 || unloadBody.unloaded !== true) {
    throw new Error(`Hangar did not unload ${name}: ${unloaded.statusCode} ${JSON.stringify(unloadBody)}`);
  }
  const started = performance.now();
  const loaded = await request(new URL(path, url), { method: 'POST', headers });
  const body = (await loaded.body.json()) as LoadedModelView;
  const requestMs = performance.now() - started;
  if (loaded.statusCode !== 200 || typeof body.load_duration_ms !== 'number') {
    throw new Error(`Hangar did not load ${name}: ${loaded.statusCode} ${JSON.stringify(body)}`);
  }
  return { requestMs, loadDurationMs: body.load_duration_ms };
}

/**
 * The Hangar side: starts Hangar with the model declared and threads set through the environment, then
 * sends the first request (which loads the model) and a warm one, and reads the load time Hangar reports.
 */
export async function startHangarSide(
  modelPath: string,
): Promise<{ side: BenchSide; load: LoadFigures['hangar']; startedRssMib: number | undefined }> {
  const deployment = 'bench-local';
  const gatewayKey = `bench-${randomBytes(16).toString('hex')}`;
  const child = await startBenchChild(
    'hangar',
    '../engine/hangar-engine-process.ts',
    { modelPath, gatewayKey, deployment },
    {
      core: undefined,
      env: {
        HANGAR_ENGINE_THREADS: String(ENGINE_WORKLOAD.threads),
        HANGAR_ENGINE_GPU: 'false',
      },
    },
  );
  const startedRssMib = readRssMib(child.pid);
  const adminKey = child.ready.details['adminKey'] ?? '';
  const client = new HangarChatClient(child.ready.url, gatewayKey, deployment, ENGINE_WORKLOAD.sequences);
  const side: BenchSide = {
    name: 'hangar',
    child,
    run: (concurrency, requestsPerStream) => runConcurrent(concurrency, requestsPerStream, () => client.generate()),
    runUnstreamed: (concurrency, requestsPerStream) =>
      runConcurrent(concurrency, requestsPerStream, () => client.complete()),
    async reload() {
      const { requestMs, loadDurationMs } = await reloadThroughAdmin(child.ready.url, adminKey, deployment);
      // Whatever the load leaves for later (say, a chat template resolved lazily) shows in the first request.
      const first = await client.generate();
      const warm = await client.generate();
      return { loadMs: loadDurationMs, requestMs, firstRequestExtraMs: first.totalMs - warm.totalMs };
    },
    takeServerTimings: async () => parseServerTimings(await callChild(child.process, 'take-timings')),
    async stop() {
      await client.close();
      await callChild(child.process, 'stop').catch(() => undefined);
      await child.stop();
    },
  };
  const coldRequest = await client.generate();
  const warmRequest = await client.generate();
  const loaded = await readLoadedModel(child.ready.url, adminKey, deployment);
  return {
    side,
    load: {
      coldRequest,
      warmRequest,
      loadDurationMs: typeof loaded?.load_duration_ms === 'number' ? loaded.load_duration_ms : undefined,
      memoryBytes: typeof loaded?.memory_bytes === 'number' ? loaded.memory_bytes : undefined,
    },
    startedRssMib,
  };
}
