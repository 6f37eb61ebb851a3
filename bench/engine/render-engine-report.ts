import { median } from '../measure/statistics.js';
import { markdownTable } from '../report/markdown-table.js';
import type { EngineBenchResults, ProfiledSide, ReloadSample } from './engine-results.js';
import { TARGET_RATIO } from './engine-notes.js';
import type { MetricComparison } from './summarize-engine-rounds.js';

const COMMAND = 'node --import tsx bench/engine/run-engine-bench.ts';

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function valueText(comparison: MetricComparison, value: number): string {
  return comparison.metric.unit === 'ms' ? `${fixed(value, 2)} ms` : `${fixed(value, 0)} ${comparison.metric.unit}`;
}

function comparedText(comparison: MetricComparison, value: number): string {
  if (comparison.metric.comparison === 'ratio') return `${fixed(value, 3)}×`;
  return `${value >= 0 ? '+' : ''}${fixed(value, 2)} ms`;
}

function targetText(comparison: MetricComparison): string {
  const { metric } = comparison;
  if (metric.comparison !== 'ratio' || metric.better !== 'higher') return '';
  return comparison.median >= TARGET_RATIO ? `≥ ${TARGET_RATIO}× met` : `**below ${TARGET_RATIO}×**`;
}

function comparisonTable(comparisons: readonly MetricComparison[], hangarHeader: string): string {
  return markdownTable(
    ['Metric', 'raw node-llama-cpp', hangarHeader, 'Hangar vs raw (median of rounds)', 'range over rounds', 'target'],
    comparisons.map((comparison) => [
      comparison.metric.label,
      valueText(comparison, comparison.rawMedian),
      valueText(comparison, comparison.hangarMedian),
      comparedText(comparison, comparison.median),
      `${comparedText(comparison, comparison.min)} … ${comparedText(comparison, comparison.max)}`,
      targetText(comparison),
    ]),
  );
}

function findComparison(comparisons: readonly MetricComparison[], label: string): MetricComparison | undefined {
  return comparisons.find((comparison) => comparison.metric.label.startsWith(label));
}

/**
 * What Hangar costs per token, and what that cost would mean for slower (larger) models: a fixed cost per
 * token weighs heavily on a 260K-parameter model that decodes in well under a millisecond.
 */
function perTokenSection(results: EngineBenchResults): string[] {
  const decode = findComparison(results.comparisons, 'Decode speed, 1 stream');
  const cpu = findComparison(results.comparisons, 'Server-process CPU');
  if (decode === undefined || !(decode.rawMedian > 0) || !(decode.hangarMedian > 0)) return [];
  const addedMicroseconds = 1e6 / decode.hangarMedian - 1e6 / decode.rawMedian;
  const projected = (tokensPerSecond: number): string => {
    const rawMicroseconds = 1e6 / tokensPerSecond;
    return `${fixed(rawMicroseconds / (rawMicroseconds + Math.max(0, addedMicroseconds)), 3)}× at ${tokensPerSecond} tok/s`;
  };
  const lines = [
    `Per token, Hangar's stream takes ${fixed(addedMicroseconds, 0)} µs longer than raw node-llama-cpp ` +
      `(1/${fixed(decode.hangarMedian, 0)} − 1/${fixed(decode.rawMedian, 0)} s on the medians)`,
  ];
  if (cpu !== undefined) {
    const clientMicroseconds = median(results.rounds.map((round) => round.hangar.clientCpuMsPer1000Tokens));
    lines.push(
      `, and its server process uses ${fixed(cpu.hangarMedian - cpu.rawMedian, 0)} µs more CPU per token ` +
        `(${fixed(cpu.hangarMedian, 0)} vs ${fixed(cpu.rawMedian, 0)} µs); the client reading the stream, on the ` +
        `same ${results.machine.cores}-core machine, used another ${fixed(clientMicroseconds, 0)} µs per token`,
    );
  }
  lines.push(
    `. That cost is per token, not per unit of model work: the same ${fixed(addedMicroseconds, 0)} µs on a model ` +
      `that decodes more slowly would give ${[200, 50, 20].map(projected).join(', ')}.`,
  );
  return [lines.join(''), ''];
}

function loadTable(results: EngineBenchResults): string {
  const { raw, hangar } = results.load;
  const hangarFirstExtraMs = hangar.coldRequest.totalMs - hangar.warmRequest.totalMs;
  const rawFirstExtraMs = raw.coldRequest.totalMs - raw.warmRequest.totalMs;
  const rawModelMs = raw.loadModelMs + raw.createContextMs + raw.chatWrapperMs;
  return markdownTable(
    ['First start (process running, no model yet)', 'raw node-llama-cpp', 'Hangar'],
    [
      ['`import("node-llama-cpp")`', `${fixed(raw.importMs, 0)} ms`, 'in the first request'],
      ['`getLlama` (native binding, CPU backend)', `${fixed(raw.getLlamaMs, 0)} ms`, 'in the first request'],
      [
        '`loadModel` + `createContext` (8 sequences) + `resolveChatWrapper`',
        `${fixed(rawModelMs, 0)} ms (${fixed(raw.loadModelMs, 0)} + ${fixed(raw.createContextMs, 0)} + ` +
          `${fixed(raw.chatWrapperMs, 0)}, ${raw.chatWrapperName})`,
        `${fixed(hangar.loadDurationMs, 0)} ms (\`load_duration_ms\`, GET /admin/engine/loaded)`,
      ],
      [
        'First request − warm request (total time)',
        `${fixed(rawFirstExtraMs, 1)} ms (everything above done before it)`,
        `${fixed(hangarFirstExtraMs, 0)} ms (${fixed(hangar.coldRequest.totalMs, 0)} − ${fixed(hangar.warmRequest.totalMs, 0)}): all of the above`,
      ],
      [
        'From nothing to ready (import + getLlama + model)',
        `${fixed(raw.importMs + raw.getLlamaMs + rawModelMs, 0)} ms`,
        `${fixed(hangarFirstExtraMs, 0)} ms`,
      ],
    ],
  );
}

function reloadTable(results: EngineBenchResults): string {
  const { raw, hangar } = results.reloads;
  const medianMs = (samples: readonly ReloadSample[], pick: (sample: ReloadSample) => number | undefined): string =>
    `${fixed(median(samples.flatMap((sample) => pick(sample) ?? [])), 1)} ms`;
  return markdownTable(
    [`Unload, then load again (llama.cpp running; median of ${raw.length})`, 'raw node-llama-cpp', 'Hangar'],
    [
      [
        '`loadModel` + `createContext` + `resolveChatWrapper`',
        `${medianMs(raw, (sample) => sample.loadMs)} (of which chat template ${medianMs(raw, (sample) => sample.chatWrapperMs)})`,
        `${medianMs(hangar, (sample) => sample.loadMs)} (\`load_duration_ms\`)`,
      ],
      ['POST /admin/engine/loaded/:name, wall time', '–', medianMs(hangar, (sample) => sample.requestMs)],
      ['First chat request after the load − a warm one', '–', medianMs(hangar, (sample) => sample.firstRequestExtraMs)],
    ],
  );
}

function rssTable(results: EngineBenchResults): string {
  const row = (label: string, pick: (side: 'raw' | 'hangar') => number | undefined): string[] => [
    label,
    `${fixed(pick('raw'), 1)} MiB`,
    `${fixed(pick('hangar'), 1)} MiB`,
  ];
  const { raw, hangar } = results.rss;
  return markdownTable(
    ['Resident set (VmRSS)', 'raw node-llama-cpp', 'Hangar'],
    [
      row('Started, no model', (side) => results.rss[side].startedMib),
      row('Model loaded, idle', (side) => results.rss[side].idleLoadedMib),
      row('Peak during the 8-stream runs', (side) => results.rss[side].peakAt8StreamsMib),
      [
        'Loaded − started',
        `${fixed((raw.idleLoadedMib ?? Number.NaN) - (raw.startedMib ?? Number.NaN), 1)} MiB`,
        `${fixed((hangar.idleLoadedMib ?? Number.NaN) - (hangar.startedMib ?? Number.NaN), 1)} MiB`,
      ],
    ],
  );
}

function roundsTable(results: EngineBenchResults): string {
  return markdownTable(
    ['Round', 'order', 'decode tok/s raw → Hangar', '8-stream tok/s raw → Hangar', 'TTFT ms raw → Hangar'],
    results.rounds.map((round, index) => [
      String(index + 1),
      round.order.join(', '),
      `${fixed(round.raw.decodeTokensPerSecond, 0)} → ${fixed(round.hangar.decodeTokensPerSecond, 0)}`,
      `${fixed(round.raw.aggregate8TokensPerSecond, 0)} → ${fixed(round.hangar.aggregate8TokensPerSecond, 0)}`,
      `${fixed(round.raw.ttftMs, 2)} → ${fixed(round.hangar.ttftMs, 2)}`,
    ]),
  );
}

function profileSection(profiles: readonly ProfiledSide[]): string[] {
  if (profiles.length === 0) return [];
  const lines = [
    '## Where the JavaScript time goes (V8 profiler, 8 streams)',
    '',
    'Sampled on the main thread of each server process (llama.cpp computes on worker threads, which are not ' +
      'sampled), wall time, so time spent waiting for a CPU counts where it happened. `X ← f` is native code ' +
      '(the llama.cpp binding, a syscall) called from the JavaScript function `f`; V8 names such frames ' +
      'unreliably (`AddonSampler`, `init`), the caller is what to read.',
    '',
  ];
  for (const profiled of profiles) {
    const { summary } = profiled;
    lines.push(`### ${profiled.side} (${fixed(summary.sampledMs, 0)} ms sampled, busy time only)`, '');
    lines.push(
      markdownTable(
        ['Area', 'share of busy time'],
        summary.byArea.slice(0, 12).map((entry) => [entry.name, `${fixed(entry.share * 100, 1)}%`]),
      ),
      '',
      markdownTable(
        ['Function (self time)', 'share'],
        summary.byFunction.slice(0, 15).map((entry) => [`\`${entry.name}\``, `${fixed(entry.share * 100, 1)}%`]),
      ),
      '',
    );
  }
  return lines;
}

export function renderEngineReport(results: EngineBenchResults): string {
  const { machine, workload, options, consistency } = results;
  const quick = options.mode === 'quick' ? ' --quick' : '';
  const lines: string[] = [
    '# Local engine: Hangar vs raw node-llama-cpp',
    '',
    `Run ${results.startedAt} (${options.mode} mode, ${fixed(results.durationSeconds, 0)} s), Hangar ${machine.hangarCommit}, ` +
      `node-llama-cpp ${results.nodeLlamaCppVersion}, Node ${machine.node}.`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGib} GiB, ${machine.system}; load average ` +
      `${fixed(machine.loadAverageAtStart, 2)} at start; other work used ${fixed((results.foreignCpuShare ?? Number.NaN) * 100, 0)}% ` +
      'of the CPU during the run (a shared machine: figures are wall-clock and move from run to run).',
    `Model: ${results.model.description}, ${results.model.bytes.toLocaleString('en-US')} bytes.`,
    '',
    '## Results',
    '',
    `${options.rounds} rounds per side. Ratios are Hangar ÷ raw and differences Hangar − raw, computed within each ` +
      'round, then the median over rounds; the raw and Hangar columns are the medians of the per-round figures.',
    '',
    comparisonTable(results.comparisons, 'Hangar (HTTP client)'),
    '',
    ...perTokenSection(results),
    '### Where the difference comes from',
    '',
    'The same raw figures against what Hangar measured itself (its usage timings: inside the engine, from the ' +
      'cleared sequence; at its HTTP layer, from the call after auth) and against the same requests sent with ' +
      '`stream: false` (engine, routing and metering unchanged, no per-token SSE frame):',
    '',
    comparisonTable(results.layerComparisons, 'Hangar layer'),
    '',
    '## Model load',
    '',
    loadTable(results),
    '',
    reloadTable(results),
    '',
    '## Memory',
    '',
    rssTable(results),
    '',
    `Hangar's own estimate of what the model holds (\`memory_bytes\`): ${fixed((results.load.hangar.memoryBytes ?? Number.NaN) / 2 ** 20, 1)} MiB.`,
    '',
    '## Same work on both sides',
    '',
    markdownTable(
      ['', 'raw node-llama-cpp', 'Hangar'],
      [
        [
          'Tokens per request',
          `${consistency.raw.outputTokens.min}–${consistency.raw.outputTokens.max}`,
          `${consistency.hangar.outputTokens.min}–${consistency.hangar.outputTokens.max}`,
        ],
        ['Stop reasons', consistency.raw.stopReasons.join(', '), consistency.hangar.stopReasons.join(', ')],
        [
          'Text pieces per token (callbacks / SSE content frames)',
          fixed(consistency.raw.chunksPerToken, 3),
          fixed(consistency.hangar.chunksPerToken, 3),
        ],
        [
          'Answer starts',
          `\`${JSON.stringify(consistency.raw.textStart)}\``,
          `\`${JSON.stringify(consistency.hangar.textStart)}\``,
        ],
      ],
    ),
    '',
    '## Per round',
    '',
    roundsTable(results),
    '',
    ...profileSection(results.profiles),
    '## Method',
    '',
    `- Both sides run in their own child process with llama.cpp on the CPU (gpu off) and **${workload.threads} thread**: ` +
      `\`getLlama({maxThreads: ${workload.threads}})\` and \`createContext({threads: ${workload.threads}})\` on the raw side, ` +
      `\`HANGAR_ENGINE_THREADS=${workload.threads}\` and \`HANGAR_ENGINE_GPU=false\` for Hangar. One context of ` +
      `${workload.sequences} sequences of ${workload.contextSize} tokens on both (Hangar: \`parallel: ${workload.sequences}\`, ` +
      `\`context_size: ${workload.contextSize}\`), so the 1-, 4- and 8-stream runs need no reload.`,
    "- The raw side does what Hangar's engine does per request (src/engine/chat/run-llama-chat.ts): " +
      "`sequence.clearHistory()`, a new `LlamaChat` on the sequence with the model's own chat template " +
      '(`resolveChatWrapper`), `generateResponse` with no repeat penalty, a context-shift strategy that refuses, ' +
      'and an abort signal. Times start before `clearHistory`; TTFT is the first non-empty `onTextChunk`, tokens ' +
      "come from the sequence's `tokenMeter`.",
    `- Hangar is started from a YAML file (a \`provider: local\` connection, the model under \`models:\` with \`file:\`), ` +
      'with API keys checked and usage metered as in production. The client is undici (keep-alive, one connection per ' +
      "stream) with Hangar's own SSE decoder, sending `stream: true` and `stream_options.include_usage`; TTFT is " +
      'the first frame with content, tokens are `usage.completion_tokens`.',
    `- Same request on both sides: one user message ${JSON.stringify(workload.prompt)}, \`max_tokens\` ${workload.maxTokens}, ` +
      `temperature ${workload.temperature} (greedy), seed ${workload.seed}, Hangar's default top-p/top-k/min-p passed explicitly on the raw side.`,
    '- Decode speed of one request: (tokens − 1) ÷ (time of the last text piece − time of the first): the first ' +
      'token belongs to TTFT. Aggregate throughput: N streams each sending ' +
      `${options.requestsPerStream} request(s) in turn (1 stream: ${options.sequentialRequests} requests), all tokens ÷ wall time.`,
    `- ${options.warmupRequests} warm-up requests plus one 4- and one 8-stream run per side first; then rounds in ABBA ` +
      "order (raw first in odd rounds, Hangar first in even ones). CPU time is the server process's user + system time " +
      "from /proc (Hangar's figure leaves out the client, which runs in the bench's own process).",
    '- Model load: the raw side times each step; Hangar loads on its first request, so its load is the first request ' +
      'minus a warm one, beside the `load_duration_ms` Hangar reports. Then, with llama.cpp running, ' +
      `${options.reloads} unload-and-load cycle(s) per side: the raw child disposes and reloads its model, Hangar gets ` +
      'DELETE and POST /admin/engine/loaded/:name followed by a first and a warm chat request. RSS is VmRSS from ' +
      '/proc/<pid>/status, sampled every 10 ms during the 8-stream runs.',
    '',
  ];
  if (results.notes.length > 0) {
    lines.push('## Notes', '', ...results.notes.map((note) => `- ${note}`), '');
  }
  lines.push(
    '## Reproduce',
    '',
    '```',
    `${COMMAND}${quick}${options.profile ? ' --profile' : ''}`,
    '```',
    '',
    `\`--quick\` checks the harness in well under a minute; \`--profile\` adds a V8 profile of each side under 8 streams. ` +
      'Figures depend on the machine and on what else runs on it: compare the ratios, not the absolute tok/s.',
    '',
  );
  return lines.join('\n');
}
