// `node --import tsx bench/engine/run-engine-bench.ts [--quick] [--profile]`: a GGUF model served by Hangar's
// in-process engine through its OpenAI endpoint, against node-llama-cpp on its own on the same model, threads
// and sampling, each in its own process. See the report it writes (bench/results/engine-latest.md) for the method.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeParseJson } from '../../src/kit/index.js';
import { readRssMib, sampleMachineBusyShare, startForeignCpuWatch } from '../measure/process-stats.js';
import { callChild } from '../processes/ipc.js';
import { describeMachine } from '../report/machine-info.js';
import { summarizeProfile } from '../report/summarize-profile.js';
import { resolveBenchModel } from './bench-model.js';
import { readEngineBenchOptions, type EngineBenchOptions } from './engine-bench-options.js';
import type { EngineBenchResults, ProfiledSide, ReloadSample, SideConsistency } from './engine-results.js';
import { startHangarSide, startRawSide, type BenchSide } from './engine-sides.js';
import { ENGINE_WORKLOAD, type GenerationSample } from './engine-workload.js';
import { measureSideRun, type MeasuredRun } from './measure-side-run.js';
import { automaticNotes } from './engine-notes.js';
import { renderEngineReport } from './render-engine-report.js';
import {
  compareRounds,
  HEADLINE_METRICS,
  LAYER_METRICS,
  summarizeHangarLayers,
  summarizeSideRound,
  type HangarExtraRuns,
  type RoundRecord,
  type SideName,
  type SideRoundRuns,
} from './summarize-engine-rounds.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));

function log(message: string): void {
  process.stderr.write(`engine-bench: ${message}\n`);
}

function nodeLlamaCppVersion(): string {
  try {
    const url = new URL('../../node_modules/node-llama-cpp/package.json', import.meta.url);
    const parsed = safeParseJson(readFileSync(url, 'utf8'));
    const version = parsed.ok ? (parsed.value as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'not installed';
  }
}

async function warmUp(side: BenchSide, options: EngineBenchOptions): Promise<void> {
  await side.run(1, options.warmupRequests);
  await side.run(4, 1);
  await side.run(8, 1);
}

async function runSideRound(side: BenchSide, options: EngineBenchOptions): Promise<SideRoundRuns> {
  const measure = (concurrency: number, requests: number): Promise<MeasuredRun> =>
    measureSideRun(side.child.pid, () => side.run(concurrency, requests));
  return {
    sequential: await measure(1, options.sequentialRequests),
    four: await measure(4, options.requestsPerStream),
    eight: await measure(8, options.requestsPerStream),
  };
}

/** Hangar's streamed runs with its own timings of the one-stream run, then the same without SSE. */
async function runHangarRound(
  side: BenchSide,
  options: EngineBenchOptions,
): Promise<{ runs: SideRoundRuns; extra: HangarExtraRuns }> {
  const { takeServerTimings, runUnstreamed } = side;
  if (takeServerTimings === undefined || runUnstreamed === undefined) throw new Error('not the Hangar side');
  await takeServerTimings();
  const sequential = await measureSideRun(side.child.pid, () => side.run(1, options.sequentialRequests));
  const sequentialTimings = await takeServerTimings();
  const four = await measureSideRun(side.child.pid, () => side.run(4, options.requestsPerStream));
  const eight = await measureSideRun(side.child.pid, () => side.run(8, options.requestsPerStream));
  const unstreamedSequential = await runUnstreamed(1, options.sequentialRequests);
  const unstreamedEight = await runUnstreamed(8, options.requestsPerStream);
  return {
    runs: { sequential, four, eight },
    extra: { sequentialTimings, unstreamedSequential, unstreamedEight },
  };
}

function consistencyOf(runs: readonly SideRoundRuns[]): SideConsistency {
  const samples: GenerationSample[] = runs.flatMap((round) => [
    ...round.sequential.run.samples,
    ...round.four.run.samples,
    ...round.eight.run.samples,
  ]);
  const tokens = samples.map((sample) => sample.outputTokens);
  const totalTokens = tokens.reduce((sum, value) => sum + value, 0);
  const totalChunks = samples.reduce((sum, sample) => sum + sample.chunks, 0);
  return {
    outputTokens: { min: Math.min(...tokens), max: Math.max(...tokens) },
    stopReasons: [...new Set(samples.map((sample) => sample.stopReason))],
    chunksPerToken: totalTokens > 0 ? totalChunks / totalTokens : Number.NaN,
    textStart: runs[0]?.sequential.run.samples[0]?.textStart ?? '',
  };
}

async function profileSide(side: BenchSide, options: EngineBenchOptions): Promise<ProfiledSide> {
  const path = join(mkdtempSync(join(tmpdir(), `engine-bench-profile-${side.name}-`)), `${side.name}.cpuprofile`);
  await callChild(side.child.process, 'profile-start');
  await side.run(8, options.requestsPerStream * 2);
  await callChild(side.child.process, 'profile-stop', path);
  return { side: side.name, summary: summarizeProfile(path), path };
}

async function main(): Promise<void> {
  const options = readEngineBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const machine = describeMachine(await sampleMachineBusyShare(1000));
  const model = await resolveBenchModel();
  log(`${options.mode} run on ${model.description} (${model.bytes} bytes)`);
  const sides: BenchSide[] = [];
  try {
    // One at a time, so neither load competes with the other process.
    log('raw node-llama-cpp: loading');
    const raw = await startRawSide(model.path);
    sides.push(raw.side);
    log('Hangar: starting, first request loads the model');
    const hangar = await startHangarSide(model.path);
    sides.push(hangar.side);
    const [rawSide, hangarSide] = [raw.side, hangar.side];
    const foreignCpuShare = startForeignCpuWatch(() => [process.pid, rawSide.child.pid, hangarSide.child.pid]);

    const reloads: Record<SideName, ReloadSample[]> = { raw: [], hangar: [] };
    for (let cycle = 0; cycle < options.reloads; cycle += 1) {
      for (const side of sides) reloads[side.name].push(await side.reload());
    }
    for (const side of sides) await warmUp(side, options);
    const idleLoaded: Record<SideName, number | undefined> = {
      raw: readRssMib(rawSide.child.pid),
      hangar: readRssMib(hangarSide.child.pid),
    };

    const roundRuns: Record<SideName, SideRoundRuns[]> = { raw: [], hangar: [] };
    const rounds: RoundRecord[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      // ABBA: which side goes first alternates, so a drift in machine load does not favour one side.
      const order: BenchSide[] = round % 2 === 0 ? [rawSide, hangarSide] : [hangarSide, rawSide];
      let extra: HangarExtraRuns | undefined;
      for (const side of order) {
        if (side === hangarSide) {
          const hangarRound = await runHangarRound(side, options);
          roundRuns.hangar.push(hangarRound.runs);
          extra = hangarRound.extra;
        } else {
          roundRuns.raw.push(await runSideRound(side, options));
        }
      }
      rounds.push({
        order: order.map((side) => side.name),
        raw: summarizeSideRound(roundRuns.raw.at(-1)!),
        hangar: summarizeSideRound(roundRuns.hangar.at(-1)!),
        hangarLayers: summarizeHangarLayers(extra!),
      });
      const last = rounds.at(-1)!;
      log(
        `round ${round + 1}/${options.rounds}: decode ${last.raw.decodeTokensPerSecond.toFixed(0)} → ` +
          `${last.hangar.decodeTokensPerSecond.toFixed(0)} tok/s, 8 streams ${last.raw.aggregate8TokensPerSecond.toFixed(0)} → ` +
          `${last.hangar.aggregate8TokensPerSecond.toFixed(0)} tok/s, TTFT ${last.raw.ttftMs.toFixed(1)} → ${last.hangar.ttftMs.toFixed(1)} ms`,
      );
    }
    const foreign = foreignCpuShare();

    const profiles: ProfiledSide[] = [];
    if (options.profile) {
      for (const side of sides) {
        log(`profiling ${side.name} under 8 streams`);
        profiles.push(await profileSide(side, options));
      }
    }

    const peakAt8 = (name: SideName): number | undefined => {
      const peaks = roundRuns[name].flatMap((runs) =>
        runs.eight.peakRssMib === undefined ? [] : [runs.eight.peakRssMib],
      );
      return peaks.length === 0 ? undefined : Math.max(...peaks);
    };
    const results: EngineBenchResults = {
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      options,
      machine,
      nodeLlamaCppVersion: nodeLlamaCppVersion(),
      foreignCpuShare: foreign,
      model: { description: model.description, origin: model.origin, bytes: model.bytes },
      workload: ENGINE_WORKLOAD,
      load: { raw: raw.load, hangar: hangar.load },
      reloads,
      rss: {
        raw: { startedMib: raw.startedRssMib, idleLoadedMib: idleLoaded.raw, peakAt8StreamsMib: peakAt8('raw') },
        hangar: {
          startedMib: hangar.startedRssMib,
          idleLoadedMib: idleLoaded.hangar,
          peakAt8StreamsMib: peakAt8('hangar'),
        },
      },
      rounds,
      comparisons: compareRounds(HEADLINE_METRICS, rounds),
      layerComparisons: compareRounds(LAYER_METRICS, rounds),
      consistency: { raw: consistencyOf(roundRuns.raw), hangar: consistencyOf(roundRuns.hangar) },
      profiles,
      notes: [],
    };
    results.notes = automaticNotes(results);

    const markdown = renderEngineReport(results);
    mkdirSync(RESULTS_DIRECTORY, { recursive: true });
    const base = options.mode === 'quick' ? 'engine-latest-quick' : 'engine-latest';
    writeFileSync(join(RESULTS_DIRECTORY, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(RESULTS_DIRECTORY, `${base}.md`), markdown);
    process.stdout.write(markdown);
    log(`wrote bench/results/${base}.md and .json in ${results.durationSeconds.toFixed(0)} s`);
  } finally {
    for (const side of sides) await side.stop();
    model.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `engine-bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
