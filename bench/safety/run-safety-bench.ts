// `node --import tsx bench/safety/run-safety-bench.ts [--quick] [--wait-for-quiet]`: what the built-in content
// filter costs per prompt — severity grading, the prompt shield, PII detection of every kind and a 50-term
// blocklist — for 1 KiB, 8 KiB and 64 KiB prompts cut from Hangar's own docs. Target: at most 0.2 ms per KiB.
// Prints a Markdown table and writes bench/results/safety-latest.md.
import { waitForQuiet } from '../measure/wait-for-quiet.js';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuiltinAnalyzer } from '../../src/safety/analyzers/builtin/builtin-analyzer.js';
import { compileBlocklists } from '../../src/safety/blocklists/compile-blocklists.js';
import { findPii } from '../../src/safety/pii/find-pii.js';
import { PII_KINDS } from '../../src/spec/index.js';
import { sampleMachineBusyShare, startForeignCpuWatch } from '../measure/process-stats.js';
import { describeMachine } from '../report/machine-info.js';
import { markdownTable } from '../report/markdown-table.js';
import { BENCH_BLOCKLIST } from './bench-blocklist.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const USAGE = `node --import tsx bench/safety/run-safety-bench.ts [--quick] [--wait-for-quiet]
  --quick           fewer prompts and rounds, to check the harness; writes bench/results/safety-latest-quick.md
  --wait-for-quiet  on a shared machine, start only once other work leaves the CPU idle (waits up to 15 min)`;
const TARGET_MICROSECONDS_PER_KIB = 200;

interface Workload {
  label: string;
  kib: number;
  prompts: string[];
}

type Step = 'grade' | 'shield' | 'pii' | 'blocklist' | 'together' | 'documentShield';
const STEPS: readonly Step[] = ['grade', 'shield', 'pii', 'blocklist', 'together', 'documentShield'];

function log(message: string): void {
  process.stderr.write(`safety bench: ${message}\n`);
}

/** Real English with Markdown, tables, YAML and code: Hangar's own documentation, read at every run. */
function readCorpus(): string {
  const root = new URL('../../', import.meta.url);
  const docs = new URL('docs/', root);
  const files = [
    ...readdirSync(fileURLToPath(docs))
      .filter((name) => name.endsWith('.md'))
      .map((name) => new URL(name, docs)),
    new URL('README.md', root),
    new URL('CONTRIBUTING.md', root),
  ];
  return files.map((file) => readFileSync(file, 'utf8')).join('\n\n');
}

/** `count` different prompts of `kib` KiB: the corpus from spread-out offsets. */
function workload(corpus: string, kib: number, count: number): Workload {
  const characters = kib * 1024;
  const stride = Math.floor((corpus.length - characters) / count);
  const prompts = Array.from({ length: count }, (_, index) =>
    corpus.slice(index * stride, index * stride + characters),
  );
  return { label: `${kib} KiB`, kib, prompts };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

let sink = 0;

function stepRunner(step: Step): (prompt: string) => number {
  const analyzer = createBuiltinAnalyzer();
  const allKinds = new Set(PII_KINDS);
  const blocklist = compileBlocklists([BENCH_BLOCKLIST]);
  switch (step) {
    case 'grade':
      return (prompt) => (analyzer.gradeText(prompt).violence === 'high' ? 1 : 0);
    case 'shield':
      return (prompt) => (analyzer.shieldText({ userPrompt: prompt, documents: [] }).jailbreak ? 1 : 0);
    case 'pii':
      return (prompt) => findPii(prompt, allKinds).length;
    case 'blocklist':
      return (prompt) => blocklist.match(prompt).length;
    case 'together':
      // As the request path runs them: one prompt through all four, which share its normalised words.
      return (prompt) =>
        (analyzer.gradeText(prompt).violence === 'high' ? 1 : 0) +
        (analyzer.shieldText({ userPrompt: prompt, documents: [] }).jailbreak ? 1 : 0) +
        findPii(prompt, allKinds).length +
        blocklist.match(prompt).length;
    case 'documentShield':
      return (prompt) => analyzer.shieldText({ userPrompt: '', documents: [prompt] }).indirectAttacks.length;
  }
}

/** Median over rounds of the mean µs per prompt, each round running every prompt once. */
function microsecondsPerPrompt(prompts: readonly string[], run: (prompt: string) => number, rounds: number): number {
  const perRound: number[] = [];
  for (let round = 0; round < rounds + 2; round++) {
    const startedAt = process.hrtime.bigint();
    for (const prompt of prompts) sink += run(prompt);
    const elapsedNs = Number(process.hrtime.bigint() - startedAt);
    // The first two rounds warm the JIT.
    if (round >= 2) perRound.push(elapsedNs / 1000 / prompts.length);
  }
  return median(perRound);
}

function formatMicroseconds(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} µs` : value >= 10 ? `${value.toFixed(1)} µs` : `${value.toFixed(2)} µs`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((argument) => argument !== '--quick' && argument !== '--wait-for-quiet')) throw new Error(USAGE);
  const quick = argv.includes('--quick');
  if (argv.includes('--wait-for-quiet')) await waitForQuiet(log);
  const rounds = quick ? 3 : 9;
  const machine = describeMachine(await sampleMachineBusyShare(1000));
  const foreignShare = startForeignCpuWatch(() => [process.pid]);
  const corpus = readCorpus();
  log(`corpus: ${corpus.length} characters of docs/*.md, README.md, CONTRIBUTING.md`);
  const workloads = [
    workload(corpus, 1, quick ? 50 : 200),
    workload(corpus, 8, quick ? 20 : 100),
    workload(corpus, 64, quick ? 5 : 30),
  ];
  const runners = new Map(STEPS.map((step) => [step, stepRunner(step)]));
  // Compiled and warmed on text no prompt contains (the corpus backwards, in pieces of every size) before anything
  // is timed.
  const backwards = [...corpus.slice(0, 128 * 1024)].reverse().join('');
  const warmup = [1, 8, 64].flatMap((kib) => workload(backwards, kib, 128 / kib).prompts);
  for (let round = 0; round < 5; round++) {
    for (const run of runners.values()) for (const text of warmup) sink += run(text);
  }

  const rows: string[][] = [];
  let worstPerKib = 0;
  for (const each of workloads) {
    log(`measuring ${each.label} prompts (${each.prompts.length} different ones)`);
    const times = new Map(STEPS.map((step) => [step, microsecondsPerPrompt(each.prompts, runners.get(step)!, rounds)]));
    const total = times.get('together')!;
    worstPerKib = Math.max(worstPerKib, total / each.kib);
    rows.push([
      each.label,
      ...STEPS.slice(0, 4).map((step) => formatMicroseconds(times.get(step)!)),
      formatMicroseconds(total),
      `**${formatMicroseconds(total / each.kib)}**`,
      formatMicroseconds(times.get('documentShield')!),
    ]);
  }
  const otherWork = foreignShare();
  const report = [
    `Built-in content filter per prompt (median of ${rounds} rounds; ${new Date().toISOString().slice(0, 10)}; ` +
      `${quick ? 'quick run' : 'full run'}).`,
    `Node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores; other work used ` +
      `${otherWork === undefined ? 'an unknown share' : `${(otherWork * 100).toFixed(0)} %`} of the CPU during the run.`,
    '',
    markdownTable(
      [
        'prompt',
        'grade',
        'shield (user prompt)',
        'PII, all kinds',
        `blocklist (${BENCH_BLOCKLIST.items.length} terms)`,
        'all four together',
        'together, per KiB',
        'shield (as a document)',
      ],
      rows,
    ),
    '',
    `Target: at most ${TARGET_MICROSECONDS_PER_KIB} µs per KiB for grade + shield + PII + blocklist; worst here ` +
      `${formatMicroseconds(worstPerKib)} (${worstPerKib <= TARGET_MICROSECONDS_PER_KIB ? 'met' : 'missed'}). ` +
      'Each step alone splits the text into normalised words itself; together, grade, shield and blocklist share ' +
      'one split (the last few texts are remembered). The document shield (indirect attacks, as for a tool ' +
      'result) is measured on the same text, apart.',
    '',
  ].join('\n');
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const fileName = quick ? 'safety-latest-quick.md' : 'safety-latest.md';
  writeFileSync(join(RESULTS_DIRECTORY, fileName), report);
  process.stdout.write(report);
  log(`written to bench/results/${fileName}`);
  if (sink === -1) log('unreachable');
}

await main();
