// `npm run bench`: Hangar side by side with the upstream itself, a bare Node pass-through and the Portkey
// gateway, all on loopback, each in its own process. See BENCHMARKS.md for the method and the figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchOptions, type BenchOptions } from './bench-options.js';
import { SequentialClients } from './measure/http-clients.js';
import { readRssMib, sampleMachineBusyShare, startForeignCpuWatch } from './measure/process-stats.js';
import { measureSequentialLatency, type RoundPercentiles } from './measure/sequential-latency.js';
import { shuffled } from './measure/statistics.js';
import { measureThroughputPatiently, type ThroughputResult } from './measure/throughput.js';
import { measureTimeToFirstToken } from './measure/time-to-first-token.js';
import { profileTarget, type ProfiledRun } from './measure/profile-target.js';
import { applyCoreLayout } from './processes/core-layout.js';
import { callChild } from './processes/ipc.js';
import type { SpawnedProcess } from './processes/spawn-process.js';
import { firstTokenRounds, summarizeRounds, type BenchResults, type TargetResults } from './report/bench-results.js';
import { checkGoals } from './report/goals.js';
import { describeMachine, type MachineInfo } from './report/machine-info.js';
import { renderMarkdown } from './report/render-markdown.js';
import { startTargets } from './start-targets.js';
import { median } from './measure/statistics.js';
import type { TargetName } from './targets.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('./results/', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Start-up errors quote stack traces; the report keeps repository-relative paths only. */
function withoutMachinePaths(text: string): string {
  return text.replaceAll(`file://${REPOSITORY_ROOT}`, '').replaceAll(REPOSITORY_ROOT, '');
}
/** Portkey's streamHandler.ts sleeps this long before the first streamed chunk, on purpose. */
const PORTKEY_STREAM_SLEEP_MS = 25;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function automaticNotes(
  targets: readonly TargetResults[],
  options: BenchOptions,
  machine: MachineInfo,
  foreignShare: number | undefined,
): string[] {
  const notes: string[] = [];
  const direct = targets.find((target) => target.name === 'direct');
  const portkey = targets.find((target) => target.name === 'portkey');
  if (portkey !== undefined) {
    notes.push(
      `Portkey's TTFT includes the ${PORTKEY_STREAM_SLEEP_MS} ms it sleeps on purpose before the first streamed chunk ` +
        `(src/handlers/streamHandler.ts); without it its added TTFT p50 would be about ` +
        `${(portkey.firstToken.addedP50 - PORTKEY_STREAM_SLEEP_MS).toFixed(2)} ms.`,
    );
  }
  if (options.pinning !== undefined) {
    for (const target of targets) {
      const share = target.throughput.cpuShareOfCore;
      if (target.name !== 'direct' && share !== undefined && share < 0.85) {
        notes.push(
          `${target.name} used ${(share * 100).toFixed(0)}% of its core during the throughput run, so something else ` +
            '(the load generator and emulator on the other core, or other work on the machine) limited its req/s; ' +
            'compare CPU µs/request as well.',
        );
      }
    }
  }
  if (direct !== undefined) {
    notes.push(
      'Direct throughput runs the load generator and the emulator on the same core, so it is a reference, not a ceiling.',
    );
  }
  const background = machine.backgroundCpuShare ?? 0;
  if (background > 0.1 || (foreignShare ?? 0) > 0.05) {
    notes.push(
      `Other work on the machine used ${((foreignShare ?? 0) * 100).toFixed(0)}% of its CPU during the run ` +
        `(${(background * 100).toFixed(0)}% just before it): wall-clock figures include that contention; ` +
        'CPU µs/request is the least affected figure.',
    );
  }
  return notes;
}

/** On a shared machine, starts when the rest of it has been quiet for a moment (up to 15 minutes). */
async function waitForQuiet(): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const busy = await sampleMachineBusyShare(3000);
    if (busy === undefined || busy < 0.1) return;
    if (Date.now() > deadline) {
      log('the machine did not quiet down within 15 minutes; running anyway');
      return;
    }
    log(`waiting for the machine to quiet down (${(busy * 100).toFixed(0)}% busy)`);
  }
}

async function main(): Promise<void> {
  const options = readBenchOptions(process.argv.slice(2));
  if (options.waitForQuiet) await waitForQuiet();
  const startedAt = new Date();
  const machine = describeMachine(await sampleMachineBusyShare(1000));
  log(`${options.mode} run; CPU pinning: ${options.pinningDescription}`);

  const started = await startTargets(options);
  for (const problem of started.problems) log(problem);
  const { targets } = started;
  const ownPids = () => [process.pid, ...targets.map((target) => target.pid)];
  const foreignCpuShare = startForeignCpuWatch(ownPids);
  const clients = new SequentialClients();
  try {
    const rssIdle = new Map(targets.map((target) => [target.name, readRssMib(target.pid)]));

    applyCoreLayout('one-core', targets, options);
    log(`sequential latency: ${options.latency.rounds} rounds × ${options.latency.requestsPerRound} per target`);
    const latencyRounds = await measureSequentialLatency(targets, clients, options.latency);
    log(`time to first token: ${options.stream.rounds} rounds × ${options.stream.requestsPerRound} streams per target`);
    const streamRounds = await measureTimeToFirstToken(targets, clients, options.stream);

    applyCoreLayout('split', targets, options);
    let splitLatencyRounds: Map<TargetName, RoundPercentiles[]> | undefined;
    if (options.pinning !== undefined) {
      log('sequential latency again with each gateway on its own core');
      splitLatencyRounds = await measureSequentialLatency(targets, clients, options.splitLatency);
    }
    await clients.close();

    const throughput = new Map<TargetName, ThroughputResult>();
    for (const target of shuffled(targets)) {
      log(
        `throughput: ${target.name}, ${options.throughput.connections} connections, ${options.throughput.durationSeconds} s`,
      );
      throughput.set(target.name, await measureThroughputPatiently(target, { ...options.throughput, ownPids }, 2));
    }
    const rssAfterLoad = new Map(targets.map((target) => [target.name, readRssMib(target.pid)]));

    const profiles: ProfiledRun[] = [];
    if (options.profileSeconds > 0) {
      const load = { connections: options.throughput.connections, durationSeconds: options.profileSeconds, ownPids };
      for (const [child, name] of [
        [started.hangar, 'hangar'],
        [started.passThrough, 'pass-through'],
      ] as const) {
        const target = targets.find((candidate) => candidate.name === name);
        if (child === undefined || target === undefined) continue;
        log(`profiling ${name} under load for ${options.profileSeconds} s`);
        const run = await profileTarget(child, target, load, throughput.get(name)?.cpuMicrosecondsPerRequest);
        log(`${name} CPU profile written to ${run.path}`);
        profiles.push(run);
      }
    }

    const foreignShare = foreignCpuShare();
    const directLatency = latencyRounds.get('direct')!;
    const directFirstToken = firstTokenRounds(streamRounds.get('direct')!);
    const results: TargetResults[] = targets.map((target) => ({
      name: target.name,
      latency: summarizeRounds(latencyRounds.get(target.name)!, directLatency),
      latencyAcrossCores:
        splitLatencyRounds === undefined
          ? undefined
          : summarizeRounds(splitLatencyRounds.get(target.name)!, splitLatencyRounds.get('direct')!),
      firstToken: summarizeRounds(firstTokenRounds(streamRounds.get(target.name)!), directFirstToken),
      streamTotalP50: median(streamRounds.get(target.name)!.map((round) => round.total.p50)),
      throughput: throughput.get(target.name)!,
      rssIdleMib: rssIdle.get(target.name),
      rssAfterLoadMib: rssAfterLoad.get(target.name),
    }));
    const bench: BenchResults = {
      startedAt: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: {
        mode: options.mode,
        pinning: options.pinningDescription,
        latencyRounds: options.latency.rounds,
        latencyRequestsPerRound: options.latency.requestsPerRound,
        streamRounds: options.stream.rounds,
        streamRequestsPerRound: options.stream.requestsPerRound,
        streamChunks: options.stream.chunks,
        chunkDelayMs: options.stream.chunkDelayMs,
        connections: options.throughput.connections,
        throughputSeconds: options.throughput.durationSeconds,
      },
      foreignCpuShare: foreignShare,
      targets: results,
      goals: checkGoals(results),
      notes: [...started.problems.map(withoutMachinePaths), ...automaticNotes(results, options, machine, foreignShare)],
      profiles,
    };
    const markdown = renderMarkdown(bench);
    mkdirSync(RESULTS_DIRECTORY, { recursive: true });
    // A quick run checks the harness; it does not replace the figures of the last full run.
    const baseName = options.mode === 'full' ? 'latest' : 'latest-quick';
    writeFileSync(join(RESULTS_DIRECTORY, `${baseName}.md`), markdown);
    const raw = {
      latency: Object.fromEntries(latencyRounds),
      latencyAcrossCores: splitLatencyRounds === undefined ? undefined : Object.fromEntries(splitLatencyRounds),
      stream: Object.fromEntries(streamRounds),
    };
    // The raw profiles stay in the temp dir: their paths are this machine's, not the repository's.
    const profilesWithoutPaths = profiles.map(({ path: _path, ...run }) => run);
    writeFileSync(
      join(RESULTS_DIRECTORY, `${baseName}.json`),
      JSON.stringify({ ...bench, profiles: profilesWithoutPaths, rounds: raw }, null, 2) + '\n',
    );
    process.stdout.write(markdown);
    log(`written to bench/results/${baseName}.md and bench/results/${baseName}.json`);
    if (started.problems.length > 0) process.exitCode = 1;
  } finally {
    await clients.close();
    // Gateways first, so none of them logs a refused upstream while it drains; the emulator last.
    const stop = (spawned: SpawnedProcess) =>
      'ready' in spawned ? callChild(spawned.process, 'stop').catch(() => spawned.stop()) : spawned.stop();
    const [emulator, ...gateways] = started.processes;
    await Promise.all(gateways.map(stop));
    if (emulator !== undefined) await stop(emulator);
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
