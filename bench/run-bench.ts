// `npm run bench`: Hangar side by side with the upstream itself, a bare Node pass-through and the Portkey
// gateway, all on loopback, each in its own process. See BENCHMARKS.md for the method and the figures.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchOptions, type BenchOptions } from './bench-options.js';
import { SequentialClients } from './measure/http-clients.js';
import { readRssMib, sampleMachineBusyShare } from './measure/process-stats.js';
import { measureSequentialLatency } from './measure/sequential-latency.js';
import { shuffled } from './measure/statistics.js';
import { measureThroughput, type ThroughputResult } from './measure/throughput.js';
import { measureTimeToFirstToken } from './measure/time-to-first-token.js';
import { callChild } from './processes/ipc.js';
import type { BenchChild, SpawnedProcess } from './processes/spawn-process.js';
import { firstTokenRounds, summarizeRounds, type BenchResults, type TargetResults } from './report/bench-results.js';
import { checkGoals } from './report/goals.js';
import { describeMachine, type MachineInfo } from './report/machine-info.js';
import { renderMarkdown } from './report/render-markdown.js';
import { summarizeProfile, type ProfileSummary } from './report/summarize-profile.js';
import { startTargets } from './start-targets.js';
import { median } from './measure/statistics.js';
import type { Target, TargetName } from './targets.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('./results/', import.meta.url));
/** Portkey's streamHandler.ts sleeps this long before the first streamed chunk, on purpose. */
const PORTKEY_STREAM_SLEEP_MS = 25;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** The load generator shares the emulator's core, away from the gateway under test. */
function pinSelf(options: BenchOptions): void {
  if (options.pinning === undefined) return;
  execFileSync('taskset', ['-a', '-cp', String(options.pinning.loadCore), String(process.pid)], { stdio: 'ignore' });
}

async function profileHangar(hangar: BenchChild, target: Target, options: BenchOptions): Promise<ProfileSummary> {
  // Kept outside the repository (it is several MB); open it in Chrome DevTools or VS Code for the flame chart.
  const path = join(mkdtempSync(join(tmpdir(), 'hangar-bench-profile-')), 'hangar.cpuprofile');
  await callChild(hangar.process, 'profile-start');
  await measureThroughput(target, {
    connections: options.throughput.connections,
    durationSeconds: options.profileSeconds,
    warmupSeconds: 0,
  });
  await callChild(hangar.process, 'profile-stop', path);
  log(`Hangar CPU profile written to ${path}`);
  return summarizeProfile(path);
}

function automaticNotes(targets: readonly TargetResults[], options: BenchOptions, machine: MachineInfo): string[] {
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
  const background = machine.backgroundCpuShare;
  if (background !== undefined && background > 0.1) {
    notes.push(
      `Other work kept ${(background * 100).toFixed(0)}% of the machine's CPU busy just before the run ` +
        `(load average ${machine.loadAverageAtStart.toFixed(2)}): wall-clock figures are inflated by contention; ` +
        'CPU µs/request is the least affected figure.',
    );
  }
  return notes;
}

async function main(): Promise<void> {
  const options = readBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const machine = describeMachine(await sampleMachineBusyShare(1000));
  pinSelf(options);
  log(`${options.mode} run; CPU pinning: ${options.pinningDescription}`);

  const started = await startTargets(options);
  for (const problem of started.problems) log(problem);
  const { targets } = started;
  const clients = new SequentialClients();
  try {
    const rssIdle = new Map(targets.map((target) => [target.name, readRssMib(target.pid)]));

    log(`sequential latency: ${options.latency.rounds} rounds × ${options.latency.requestsPerRound} per target`);
    const latencyRounds = await measureSequentialLatency(targets, clients, options.latency);
    log(`time to first token: ${options.stream.rounds} rounds × ${options.stream.requestsPerRound} streams per target`);
    const streamRounds = await measureTimeToFirstToken(targets, clients, options.stream);
    await clients.close();

    const throughput = new Map<TargetName, ThroughputResult>();
    for (const target of shuffled(targets)) {
      log(
        `throughput: ${target.name}, ${options.throughput.connections} connections, ${options.throughput.durationSeconds} s`,
      );
      throughput.set(target.name, await measureThroughput(target, options.throughput));
    }
    const rssAfterLoad = new Map(targets.map((target) => [target.name, readRssMib(target.pid)]));

    let profile: ProfileSummary | undefined;
    const hangarTarget = targets.find((target) => target.name === 'hangar');
    if (options.profileSeconds > 0 && started.hangar !== undefined && hangarTarget !== undefined) {
      log(`profiling Hangar under load for ${options.profileSeconds} s`);
      profile = await profileHangar(started.hangar, hangarTarget, options);
    }

    const directLatency = latencyRounds.get('direct')!;
    const directFirstToken = firstTokenRounds(streamRounds.get('direct')!);
    const results: TargetResults[] = targets.map((target) => ({
      name: target.name,
      latency: summarizeRounds(latencyRounds.get(target.name)!, directLatency),
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
      targets: results,
      goals: checkGoals(results),
      notes: [...started.problems, ...automaticNotes(results, options, machine)],
      ...(profile === undefined ? {} : { profile }),
    };
    const markdown = renderMarkdown(bench);
    mkdirSync(RESULTS_DIRECTORY, { recursive: true });
    writeFileSync(join(RESULTS_DIRECTORY, 'latest.md'), markdown);
    const raw = { latency: Object.fromEntries(latencyRounds), stream: Object.fromEntries(streamRounds) };
    writeFileSync(join(RESULTS_DIRECTORY, 'latest.json'), JSON.stringify({ ...bench, rounds: raw }, null, 2) + '\n');
    process.stdout.write(markdown);
    log('written to bench/results/latest.md and bench/results/latest.json');
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
