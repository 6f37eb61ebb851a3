import { randomBytes } from 'node:crypto';
import type { BenchOptions } from './bench-options.js';
import type { HangarSetup } from './processes/hangar.js';
import type { EmulatorSetup } from './processes/emulator.js';
import type { PassThroughSetup } from './processes/pass-through.js';
import { startBenchChild, type BenchChild, type SpawnedProcess } from './processes/spawn-process.js';
import { startPortkey } from './processes/start-portkey.js';
import { BENCH_MODEL, type Target } from './targets.js';

export interface StartedTargets {
  targets: Target[];
  /** Everything started, for stopping at the end. */
  processes: SpawnedProcess[];
  hangar: BenchChild | undefined;
  passThrough: BenchChild | undefined;
  /** Why a target is missing. */
  problems: string[];
}

const CHAT_PATH = '/chat/completions';

/**
 * Starts the emulator, then the three gateways in parallel, each in its own process. A gateway that cannot
 * start is reported and left out, so the others are still measured.
 */
export async function startTargets(options: BenchOptions): Promise<StartedTargets> {
  const gatewayCore = options.pinning?.gatewayCore;
  const emulator = await startBenchChild(
    'emulator',
    './emulator.ts',
    { streamChunks: options.stream.chunks, chunkDelayMs: options.stream.chunkDelayMs } satisfies EmulatorSetup,
    { core: options.pinning?.loadCore },
  );
  const upstreamBaseUrl = emulator.ready.details.baseUrl!;
  const upstreamApiKey = emulator.ready.details.apiKey!;
  const upstreamAuthorization = { authorization: `Bearer ${upstreamApiKey}`, 'content-type': 'application/json' };
  const gatewayKey = `hk-bench-${randomBytes(16).toString('hex')}`;

  const [passThrough, hangar, portkey] = await Promise.allSettled([
    startBenchChild('pass-through', './pass-through.ts', { upstreamBaseUrl } satisfies PassThroughSetup, {
      core: gatewayCore,
    }),
    startBenchChild(
      'hangar',
      './hangar.ts',
      { upstreamBaseUrl, upstreamApiKey, gatewayKey, model: BENCH_MODEL } satisfies HangarSetup,
      { core: gatewayCore, env: { HANGAR_LOG_LEVEL: 'warn' } },
    ),
    startPortkey(gatewayCore),
  ]);

  const processes: SpawnedProcess[] = [emulator];
  const problems: string[] = [];
  const targets: Target[] = [
    { name: 'direct', url: upstreamBaseUrl + CHAT_PATH, headers: upstreamAuthorization, pid: emulator.pid },
  ];
  if (passThrough.status === 'fulfilled') {
    processes.push(passThrough.value);
    targets.push({
      name: 'pass-through',
      url: `${passThrough.value.ready.url}/v1${CHAT_PATH}`,
      headers: upstreamAuthorization,
      pid: passThrough.value.pid,
    });
  } else problems.push(`pass-through did not start: ${String(passThrough.reason)}`);
  if (hangar.status === 'fulfilled') {
    processes.push(hangar.value);
    targets.push({
      name: 'hangar',
      url: `${hangar.value.ready.url}/v1${CHAT_PATH}`,
      headers: { authorization: `Bearer ${gatewayKey}`, 'content-type': 'application/json' },
      pid: hangar.value.pid,
    });
  } else problems.push(`Hangar did not start: ${String(hangar.reason)}`);
  if (portkey.status === 'fulfilled' && portkey.value !== undefined) {
    processes.push(portkey.value);
    targets.push({
      name: 'portkey',
      url: `${portkey.value.url}/v1${CHAT_PATH}`,
      headers: {
        ...upstreamAuthorization,
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': upstreamBaseUrl,
      },
      pid: portkey.value.pid,
    });
  } else if (portkey.status === 'fulfilled') {
    problems.push('Portkey is not installed (node_modules/@portkey-ai/gateway is missing); its column is left out');
  } else problems.push(`Portkey did not start: ${String(portkey.reason)}`);

  return {
    targets,
    processes,
    hangar: hangar.status === 'fulfilled' ? hangar.value : undefined,
    passThrough: passThrough.status === 'fulfilled' ? passThrough.value : undefined,
    problems,
  };
}
