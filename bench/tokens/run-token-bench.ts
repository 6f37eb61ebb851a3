// `node --import tsx bench/tokens/run-token-bench.ts [--quick] [--wait-for-quiet]`: what admission's token
// estimate costs per chat request with the model's tokenizer (o200k_base) against the characters ÷ 4 it replaced,
// for 1 KiB, 8 KiB and 64 KiB prompts, and how far each lands from the exact count. Prints a Markdown table.
import { waitForQuiet } from '../measure/wait-for-quiet.js';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { estimateChatTokens } from '../../src/http/inference/estimate-request-tokens.js';
import type { ChatRequest } from '../../src/spec/index.js';
import { createTokenizer, type Tokenizer } from '../../src/tokens/create-tokenizer.js';
import { EXACT_COUNT_CHARACTERS } from '../../src/tokens/index.js';
import { sampleMachineBusyShare, startForeignCpuWatch } from '../measure/process-stats.js';
import { describeMachine } from '../report/machine-info.js';
import { markdownTable } from '../report/markdown-table.js';
import { estimateChatTokensByCharacters } from './character-estimate.js';

const USAGE = `node --import tsx bench/tokens/run-token-bench.ts [--quick] [--wait-for-quiet]
  --quick           fewer prompts and rounds, to check the harness
  --wait-for-quiet  on a shared machine, start only once other work leaves the CPU idle (waits up to 15 min)`;
const SYSTEM_PROMPT = 'You are a helpful assistant. Answer briefly and cite the documentation section you used.';
/** Per-message overhead and reply priming of OpenAI's accounting, for the exact count. */
const MESSAGE_OVERHEAD_TOKENS = 3 + 1;
const REPLY_PRIMING_TOKENS = 3;

interface Workload {
  label: string;
  prompts: ChatRequest[];
}

interface Row {
  label: string;
  characterMicroseconds: number;
  tokenizerMicroseconds: number;
  coldMicroseconds: number;
  exactTokens: number;
  characterTokens: number;
  tokenizerTokens: number;
}

function log(message: string): void {
  process.stderr.write(`token bench: ${message}\n`);
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

/** `count` different prompts of `bytes` characters: the corpus from spread-out offsets, each one new text. */
function workload(corpus: string, bytes: number, count: number, label: string): Workload {
  const stride = Math.floor((corpus.length - bytes) / count);
  const prompts = Array.from({ length: count }, (_, index): ChatRequest => {
    const text = corpus.slice(index * stride, index * stride + bytes);
    return {
      model: 'bench',
      stream: false,
      includeUsage: false,
      extra: {},
      // Only the prompt is compared; the output term is the same in both estimates.
      maxOutputTokens: 0,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: text },
      ],
    };
  });
  return { label, prompts };
}

/** On a shared machine, starts when the rest of it has been quiet for a moment (up to 15 minutes). */

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

let sink = 0;

/** Median over rounds of the mean µs per request, each round estimating every prompt once. */
function microsecondsPerRequest(
  prompts: readonly ChatRequest[],
  estimate: (request: ChatRequest) => number,
  rounds: number,
): number {
  const perRound: number[] = [];
  for (let round = 0; round < rounds + 2; round++) {
    const startedAt = process.hrtime.bigint();
    for (const prompt of prompts) sink += estimate(prompt);
    const elapsedNs = Number(process.hrtime.bigint() - startedAt);
    // The first two rounds warm the JIT and the tokenizer's memory of pieces.
    if (round >= 2) perRound.push(elapsedNs / 1000 / prompts.length);
  }
  return median(perRound);
}

function exactPromptTokens(request: ChatRequest, tokenizer: Tokenizer): number {
  let tokens = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    tokens += MESSAGE_OVERHEAD_TOKENS;
    if (typeof message.content === 'string') tokens += tokenizer.countTokens(message.content);
  }
  return tokens;
}

function freshTokenizer(): Tokenizer {
  return createTokenizer('o200k_base', new Tiktoken(o200kBase), o200kBase.pat_str);
}

function measure(workloadToRun: Workload, tokenizer: Tokenizer, rounds: number): Row {
  const { prompts } = workloadToRun;
  // Cold: a tokenizer that has seen no piece yet, one pass over prompts it has never seen.
  const cold = freshTokenizer();
  const coldStartedAt = process.hrtime.bigint();
  for (const prompt of prompts) sink += estimateChatTokens(prompt, cold, undefined);
  const coldMicroseconds = Number(process.hrtime.bigint() - coldStartedAt) / 1000 / prompts.length;

  const characterMicroseconds = microsecondsPerRequest(
    prompts,
    (prompt) => estimateChatTokensByCharacters(prompt, undefined),
    rounds,
  );
  const tokenizerMicroseconds = microsecondsPerRequest(
    prompts,
    (prompt) => estimateChatTokens(prompt, tokenizer, undefined),
    rounds,
  );
  const sum = (count: (prompt: ChatRequest) => number) => prompts.reduce((total, prompt) => total + count(prompt), 0);
  return {
    label: workloadToRun.label,
    characterMicroseconds,
    tokenizerMicroseconds,
    coldMicroseconds,
    exactTokens: sum((prompt) => exactPromptTokens(prompt, tokenizer)),
    characterTokens: sum((prompt) => estimateChatTokensByCharacters(prompt, undefined)),
    tokenizerTokens: sum((prompt) => estimateChatTokens(prompt, tokenizer, undefined)),
  };
}

function formatMicroseconds(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} µs` : value >= 10 ? `${value.toFixed(1)} µs` : `${value.toFixed(2)} µs`;
}

function formatError(estimate: number, exact: number): string {
  const percent = ((estimate - exact) / exact) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((argument) => argument !== '--quick' && argument !== '--wait-for-quiet')) throw new Error(USAGE);
  const quick = argv.includes('--quick');
  if (argv.includes('--wait-for-quiet')) await waitForQuiet(log);
  const rounds = quick ? 3 : 9;
  const busyShare = await sampleMachineBusyShare(1000);
  const machine = describeMachine(busyShare);
  const foreignShare = startForeignCpuWatch(() => [process.pid]);
  const corpus = readCorpus();
  log(`corpus: ${corpus.length} characters of docs/*.md, README.md, CONTRIBUTING.md`);
  const workloads = [
    workload(corpus, 1024, quick ? 50 : 200, '1 KiB'),
    workload(corpus, 8 * 1024, quick ? 20 : 100, '8 KiB'),
    workload(corpus, 64 * 1024, quick ? 5 : 30, '64 KiB'),
  ];
  // The code is compiled before anything is timed, on text no prompt contains (the corpus backwards), by a
  // tokenizer that then serves the warm measurements.
  const tokenizer = freshTokenizer();
  tokenizer.countTokens([...corpus.slice(0, 64 * 1024)].reverse().join(''));
  for (let round = 0; round < 50; round++) {
    for (const each of workloads)
      for (const prompt of each.prompts) sink += estimateChatTokensByCharacters(prompt, undefined);
  }
  const rows: Row[] = [];
  for (const each of workloads) {
    log(`measuring ${each.label} prompts (${each.prompts.length} different ones)`);
    rows.push(measure(each, tokenizer, rounds));
  }
  const otherWork = foreignShare();
  const table = markdownTable(
    [
      'prompt (+ 88-character system message)',
      'characters ÷ 4',
      'tokenizer, warm',
      'tokenizer ÷ characters',
      'tokenizer, cold',
      'error of characters ÷ 4',
      'error of tokenizer',
    ],
    rows.map((row) => [
      row.label,
      formatMicroseconds(row.characterMicroseconds),
      formatMicroseconds(row.tokenizerMicroseconds),
      `${(row.tokenizerMicroseconds / row.characterMicroseconds).toFixed(0)}×`,
      formatMicroseconds(row.coldMicroseconds),
      formatError(row.characterTokens, row.exactTokens),
      formatError(row.tokenizerTokens, row.exactTokens),
    ]),
  );
  process.stdout.write(
    [
      `Token estimate per chat request, o200k_base, up to ${EXACT_COUNT_CHARACTERS / 1024} KiB of text counted exactly, ` +
        'longer text sampled ' +
        `(median of ${rounds} rounds; ${new Date().toISOString().slice(0, 10)}).`,
      `Node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores; other work used ` +
        `${otherWork === undefined ? 'an unknown share' : `${(otherWork * 100).toFixed(0)} %`} of the CPU during the run.`,
      '',
      table,
      '',
      'warm: the tokenizer has seen these prompts (steady state: it remembers up to 65,536 pieces); cold: a new ' +
        'tokenizer, one pass over prompts it has never seen, whose first prompts pay for every word they use first. Error: prompt tokens estimated against the exact count ' +
        '(with OpenAI message overhead), summed over the prompts.',
      '',
    ].join('\n'),
  );
  if (sink === -1) log('unreachable');
}

await main();
