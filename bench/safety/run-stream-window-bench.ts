// `node --import tsx bench/safety/run-stream-window-bench.ts [--quick] [--wait-for-quiet]`: the delay the streaming
// content filter adds. (1) `filterChatStream` under the default policy with the built-in analyzer, fed by a paced
// upstream of 4-character tokens at 20, 50, 100 and 400 tokens/s, for several window settings, beside the same stream
// read without the filter; every setting of one pace runs at the same time. (2) The CPU cost of grading a window.
// (3) The same streamed request through a running Hangar to a filtered deployment and to one whose completion side
// cannot act (streamed through without windows), side by side. Writes bench/results/safety-stream-latest.md.
import { waitForQuiet } from '../measure/wait-for-quiet.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuiltinAnalyzer } from '../../src/safety/analyzers/builtin/builtin-analyzer.js';
import { builtInDefaultPolicy } from '../../src/safety/policy/default-policy.js';
import type { ResolvedPolicy } from '../../src/safety/policy/resolved-policy.js';
import { NO_BLOCKLISTS } from '../../src/safety/testing/resolved-test-policy.js';
import { sampleMachineBusyShare, startForeignCpuWatch } from '../measure/process-stats.js';
import { median, percentile } from '../measure/statistics.js';
import { describeMachine } from '../report/machine-info.js';
import { markdownTable } from '../report/markdown-table.js';
import { measureHangarStreams, type ClientStream } from './measure-hangar-stream.js';
import {
  gradingMicrosecondsPerWindow,
  measureWindowDelay,
  type WindowDelayRun,
  type WindowSetting,
} from './measure-window-delay.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const USAGE = `node --import tsx bench/safety/run-stream-window-bench.ts [--quick] [--wait-for-quiet]
  --quick           shorter streams and one round, to check the harness; writes bench/results/safety-stream-latest-quick.md
  --wait-for-quiet  on a shared machine, start only once other work leaves the CPU idle (waits up to 15 min)`;
const CHARS_PER_TOKEN = 4;
// 400 tokens/s (a fast hosted model) fills a small window before max_delay_ms passes: the other side of the bound.
const TOKENS_PER_SECOND = [20, 50, 100, 400] as const;
/** Hangar's defaults (`content_safety.stream_window_chars: 200`, `stream_max_delay_ms: 250`) and the variations. */
const SETTINGS: readonly WindowSetting[] = [100, 200, 1000].flatMap((windowChars) =>
  [250, 50].map((maxDelayMs) => ({ windowChars, maxDelayMs })),
);
const GRADED_WINDOW_CHARS = [20, 50, 100, 200, 1000] as const;
/** The pace of the Hangar run: 20 ms between frames, about 50 tokens/s. */
const HANGAR_CHUNK_DELAY_MS = 20;

function log(message: string): void {
  process.stderr.write(`stream window bench: ${message}\n`);
}

/**
 * Engineering prose, tables and code from Hangar's own docs, chosen so that the built-in analyzer lets every cut of
 * them through: a window may end inside a word, and some word starts read as a harmful term on their own.
 */
function readCorpus(): string {
  const root = new URL('../../', import.meta.url);
  return ['README.md', 'CONTRIBUTING.md', 'docs/catalog.md']
    .map((path) => readFileSync(new URL(path, root), 'utf8'))
    .join('\n\n');
}

/** `count` tokens of four characters, cut from the corpus at `offset` (wrapping), so each stream is new text. */
function tokensAt(corpus: string, offset: number, count: number): string[] {
  const length = count * CHARS_PER_TOKEN;
  const start = offset % (corpus.length - length);
  const text = corpus.slice(start, start + length);
  return Array.from({ length: count }, (_, index) =>
    text.slice(index * CHARS_PER_TOKEN, (index + 1) * CHARS_PER_TOKEN),
  );
}

function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

function settingLabel(setting: WindowSetting | undefined): string {
  if (setting === undefined) return 'no filter (pass-through)';
  const isDefault = setting.windowChars === 200 && setting.maxDelayMs === 250;
  return `${setting.windowChars} chars / ${setting.maxDelayMs} ms${isDefault ? ' (default)' : ''}`;
}

/** The delay bound the filter promises: at most max_delay_ms, or the time one window takes to generate. */
function boundMs(setting: WindowSetting, tokensPerSecond: number): number {
  const windowGenerationMs = (setting.windowChars / (CHARS_PER_TOKEN * tokensPerSecond)) * 1000;
  return Math.min(setting.maxDelayMs, windowGenerationMs);
}

function delayRow(pace: number, setting: WindowSetting | undefined, run: WindowDelayRun): string[] {
  const delays = run.delaysMs;
  const windows =
    setting === undefined ? '—' : `${run.windows} (${(run.gradedChars / Math.max(1, run.windows)).toFixed(0)} chars)`;
  return [
    `${pace} tokens/s`,
    settingLabel(setting),
    ms(percentile(delays, 50)),
    ms(percentile(delays, 95)),
    ms(Math.max(...delays)),
    ms(delays[0] ?? Number.NaN),
    ms(delays.at(-1) ?? Number.NaN),
    setting === undefined ? '—' : ms(boundMs(setting, pace)),
    windows,
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((argument) => argument !== '--quick' && argument !== '--wait-for-quiet')) throw new Error(USAGE);
  const quick = argv.includes('--quick');
  if (argv.includes('--wait-for-quiet')) await waitForQuiet(log);
  const tokens = quick ? 60 : 200;
  const hangarTokens = quick ? 60 : 150;
  const hangarRounds = quick ? 1 : 5;
  const machine = describeMachine(await sampleMachineBusyShare(1000));
  const foreignShare = startForeignCpuWatch(() => [process.pid]);
  const startedAt = performance.now();
  const corpus = readCorpus();
  const resolved: ResolvedPolicy = {
    policy: builtInDefaultPolicy(),
    analyzer: createBuiltinAnalyzer(),
    promptBlocklists: NO_BLOCKLISTS,
    completionBlocklists: NO_BLOCKLISTS,
    fallback: false,
  };

  // (2) first: it also warms the analyzer before any delay is timed.
  log('grading cost per window');
  await gradingMicrosecondsPerWindow(resolved, corpus, 200, 3);
  const gradingRows: string[][] = [];
  for (const chars of GRADED_WINDOW_CHARS) {
    const microseconds = await gradingMicrosecondsPerWindow(resolved, corpus, chars, quick ? 3 : 9);
    gradingRows.push([`${chars} chars (+ 64 of context)`, `${microseconds.toFixed(1)} µs`]);
  }

  // (1) The settings of one pace, and the unfiltered baseline, read streams generated at the same moments.
  const delayRows: string[][] = [];
  let streamIndex = 0;
  for (const pace of TOKENS_PER_SECOND) {
    log(`${tokens} tokens at ${pace} tokens/s, ${SETTINGS.length + 1} streams at once`);
    const startAt = performance.now() + 20;
    const cases: (WindowSetting | undefined)[] = [undefined, ...SETTINGS];
    const runs = await Promise.all(
      cases.map((setting) =>
        measureWindowDelay(tokensAt(corpus, (streamIndex += 1) * 977, tokens), startAt, 1000 / pace, resolved, setting),
      ),
    );
    cases.forEach((setting, index) => delayRows.push(delayRow(pace, setting, runs[index]!)));
  }

  // (3) Through a running Hangar.
  log(`through Hangar: ${hangarTokens} tokens at ${HANGAR_CHUNK_DELAY_MS} ms per frame, ${hangarRounds} rounds`);
  const hangar = await measureHangarStreams({
    text: corpus.slice(3000),
    tokens: hangarTokens,
    chunkDelayMs: HANGAR_CHUNK_DELAY_MS,
    rounds: hangarRounds,
  });
  const firstToken = (streams: readonly ClientStream[]) => median(streams.map((stream) => stream.firstTokenMs));
  const total = (streams: readonly ClientStream[]) => median(streams.map((stream) => stream.totalMs));
  const windows = (streams: readonly ClientStream[]) => median(streams.map((stream) => stream.windows)).toFixed(0);
  const ratio = (filtered: number, passThrough: number) => `${(filtered / passThrough).toFixed(2)}×`;
  const hangarRows = [
    [
      'pass-through (completion side cannot act)',
      ms(firstToken(hangar.passThrough)),
      ms(total(hangar.passThrough)),
      windows(hangar.passThrough),
    ],
    [
      'default policy (200 chars / 250 ms)',
      ms(firstToken(hangar.filtered)),
      ms(total(hangar.filtered)),
      windows(hangar.filtered),
    ],
    [
      'filtered ÷ pass-through',
      ratio(firstToken(hangar.filtered), firstToken(hangar.passThrough)),
      ratio(total(hangar.filtered), total(hangar.passThrough)),
      '',
    ],
  ];
  // The comparison means something only if Hangar really streamed the pass-through deployment without windows.
  const passThroughWindowed = hangar.passThrough.some((stream) => stream.windows > 0);
  if (passThroughWindowed) log("the pass-through deployment was windowed: its policy's completion side can act");
  const tokenDelays = hangar.tokenDelaysMs;
  const otherWork = foreignShare();
  const elapsedSeconds = (performance.now() - startedAt) / 1000;

  const report = [
    `Streaming content filter delay (${new Date().toISOString().slice(0, 10)}; ${quick ? 'quick run' : 'full run'}; ` +
      `${elapsedSeconds.toFixed(0)} s).`,
    `Node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores; other work used ` +
      `${otherWork === undefined ? 'an unknown share' : `${(otherWork * 100).toFixed(0)} %`} of the CPU during the run.`,
    '',
    `**Added delay per token** (received − generated; ${tokens} tokens of ${CHARS_PER_TOKEN} characters per stream, ` +
      'default policy, built-in analyzer; the settings of one pace run at the same time on the same schedule):',
    '',
    markdownTable(
      [
        'pace',
        'window / max delay',
        'p50',
        'p95',
        'max',
        'first token (TTFT added)',
        'last token',
        'bound: min(max delay, one window)',
        'windows graded (mean size)',
      ],
      delayRows,
    ),
    '',
    '**CPU time of grading one window** (`inspectCompletion` under the default policy, median of rounds over 200 ' +
      'different texts):',
    '',
    markdownTable(['window text', 'CPU per window'], gradingRows),
    '',
    `**Through Hangar** (OpenAI-style emulator, ${hangarTokens} deltas of about ${CHARS_PER_TOKEN} characters, ` +
      `${HANGAR_CHUNK_DELAY_MS} ms between frames; both deployments requested at the same moment, ` +
      `median of ${hangar.filtered.length} rounds after one warm-up):`,
    '',
    markdownTable(['deployment', 'time to first content token', 'total stream time', 'windows annotated'], hangarRows),
    '',
    ...(passThroughWindowed
      ? [
          "**Warning:** the pass-through deployment was windowed too (Hangar found that its policy's completion " +
            'side can act), so this is not the cost of the filter against its absence.',
          '',
        ]
      : []),
    `Per upstream token, arrival on the filtered deployment − arrival on the pass-through one: p50 ` +
      `${ms(percentile(tokenDelays, 50))}, p95 ${ms(percentile(tokenDelays, 95))}, max ` +
      `${ms(Math.max(...tokenDelays))} (${tokenDelays.length} tokens).`,
    '',
  ].join('\n');
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const fileName = quick ? 'safety-stream-latest-quick.md' : 'safety-stream-latest.md';
  writeFileSync(join(RESULTS_DIRECTORY, fileName), report);
  process.stdout.write(report);
  log(`written to bench/results/${fileName}`);
}

await main();
