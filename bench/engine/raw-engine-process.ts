// The baseline: node-llama-cpp on its own, in its own process, generating the way Hangar's engine does
// (src/engine/chat/run-llama-chat.ts): one LlamaChat per request on a context sequence cleared first, the
// model's own chat template, the same sampling. No HTTP, no event pipeline: what Hangar adds is what is left.
import type { ChatHistoryItem, ChatWrapper, Llama, LlamaContextSequence } from 'node-llama-cpp';
import { readRssMib } from '../measure/process-stats.js';
import { serveParent } from '../processes/ipc.js';
import { profilerHandlers } from '../processes/profiler-handlers.js';
import { readSetup } from '../processes/read-setup.js';
import { ENGINE_WORKLOAD, HANGAR_SAMPLING_DEFAULTS, runConcurrent, type GenerationSample } from './engine-workload.js';
import type { RawLoadTimes, RawModelLoadTimes, RunRequest } from './engine-ipc.js';
import { parseRunRequest } from './engine-ipc.js';

export interface RawEngineSetup {
  modelPath: string;
}

interface LoadedModel {
  chatWrapper: ChatWrapper;
  sequences: LlamaContextSequence[];
  contextSize: number;
  release(): Promise<void>;
}

const setup = readSetup<RawEngineSetup>();
const workload = ENGINE_WORKLOAD;
let runtime: { lib: typeof import('node-llama-cpp'); llama: Llama } | undefined;
let loaded: LoadedModel | undefined;

/** Model, context and chat wrapper on the running llama.cpp, each step timed. */
async function loadModel(): Promise<RawModelLoadTimes & { chatWrapperName: string }> {
  if (runtime === undefined) throw new Error('call load first');
  const { lib, llama } = runtime;
  const started = performance.now();
  const model = await llama.loadModel({ modelPath: setup.modelPath, gpuLayers: 0 });
  const modelLoaded = performance.now();
  const context = await model.createContext({
    contextSize: workload.contextSize,
    sequences: workload.sequences,
    threads: workload.threads,
  });
  const sequences = Array.from({ length: workload.sequences }, () => context.getSequence());
  const contextCreated = performance.now();
  // The options Hangar's chatWrapperFor (src/engine/chat/chat-wrapper-for.ts) resolves the template with.
  const chatWrapper = lib.resolveChatWrapper(model, { fallbackToOtherWrappersOnJinjaError: false, warningLogs: false });
  const wrapperResolved = performance.now();
  loaded = {
    chatWrapper,
    sequences,
    contextSize: context.contextSize,
    async release() {
      await context.dispose();
      await model.dispose();
    },
  };
  return {
    loadModelMs: modelLoaded - started,
    createContextMs: contextCreated - modelLoaded,
    chatWrapperMs: wrapperResolved - contextCreated,
    chatWrapperName: chatWrapper.wrapperName,
  };
}

/** The first load: node-llama-cpp itself, llama.cpp's binding, then the model. */
async function load(): Promise<RawLoadTimes> {
  const rssBeforeMib = readRssMib(process.pid);
  const started = performance.now();
  const lib = await import('node-llama-cpp');
  const imported = performance.now();
  const llama = await lib.getLlama({
    gpu: false,
    build: 'never',
    usePrebuiltBinaries: true,
    skipDownload: true,
    progressLogs: false,
    logLevel: lib.LlamaLogLevel.error,
    maxThreads: workload.threads,
  });
  const runtimeReady = performance.now();
  runtime = { lib, llama };
  const modelTimes = await loadModel();
  return {
    importMs: imported - started,
    getLlamaMs: runtimeReady - imported,
    ...modelTimes,
    contextSize: loaded?.contextSize ?? 0,
    rssBeforeMib,
  };
}

/** Unloads and loads the model again on the running llama.cpp, as Hangar does after a keep-alive expiry. */
async function reload(): Promise<RawModelLoadTimes> {
  await loaded?.release();
  loaded = undefined;
  const { loadModelMs, createContextMs, chatWrapperMs } = await loadModel();
  return { loadModelMs, createContextMs, chatWrapperMs };
}

function refuseContextShift(): never {
  throw new Error('the answer outgrew the context');
}

/** One request on one sequence, timed from the call like a client would time it. */
async function generate(sequenceIndex: number): Promise<GenerationSample> {
  if (loaded === undefined || runtime === undefined) throw new Error('call load first');
  const sequence = loaded.sequences[sequenceIndex];
  if (sequence === undefined) throw new Error(`no sequence ${sequenceIndex}`);
  const startedAt = performance.now();
  // As Hangar does before each request: usage then counts the whole prompt and nothing leaks between requests.
  await sequence.clearHistory();
  const before = sequence.tokenMeter.getState();
  const history: ChatHistoryItem[] = [
    { type: 'user', text: workload.prompt },
    { type: 'model', response: [] },
  ];
  const chat = new runtime.lib.LlamaChat({ contextSequence: sequence, chatWrapper: loaded.chatWrapper });
  const stop = new AbortController();
  let firstAt: number | undefined;
  let lastAt = startedAt;
  let chunks = 0;
  let textStart = '';
  let stopReason: string;
  try {
    const response = await chat.generateResponse(history, {
      signal: stop.signal,
      stopOnAbortSignal: true,
      maxTokens: workload.maxTokens,
      temperature: workload.temperature,
      topP: HANGAR_SAMPLING_DEFAULTS.topP,
      topK: HANGAR_SAMPLING_DEFAULTS.topK,
      minP: HANGAR_SAMPLING_DEFAULTS.minP,
      seed: workload.seed,
      repeatPenalty: false,
      contextShift: { strategy: refuseContextShift },
      onTextChunk(text) {
        if (text === '') return;
        const now = performance.now();
        firstAt ??= now;
        lastAt = now;
        chunks += 1;
        if (textStart.length < 60) textStart += text;
      },
    });
    stopReason = response.metadata.stopReason;
  } finally {
    chat.dispose({ disposeSequence: false });
  }
  const endedAt = performance.now();
  const after = sequence.tokenMeter.getState();
  return {
    firstTokenMs: (firstAt ?? endedAt) - startedAt,
    lastTokenMs: lastAt - startedAt,
    totalMs: endedAt - startedAt,
    outputTokens: after.usedOutputTokens - before.usedOutputTokens,
    chunks,
    stopReason,
    textStart: textStart.slice(0, 60),
  };
}

async function run(request: RunRequest): Promise<string> {
  if (request.concurrency > workload.sequences) throw new Error(`at most ${workload.sequences} streams`);
  const result = await runConcurrent(request.concurrency, request.requestsPerStream, generate);
  return JSON.stringify(result);
}

serveParent(
  { url: '', details: {} },
  {
    ...profilerHandlers(),
    async load() {
      return JSON.stringify(await load());
    },
    async reload() {
      return JSON.stringify(await reload());
    },
    async run(argument) {
      return run(parseRunRequest(argument));
    },
    async stop() {
      await loaded?.release();
      await runtime?.llama.dispose();
      setImmediate(() => process.exit(0));
      return undefined;
    },
  },
);
