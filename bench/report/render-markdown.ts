import { TARGET_LABELS } from '../targets.js';
import type { BenchResults, TargetResults } from './bench-results.js';
import { markdownTable } from './markdown-table.js';
import { renderProfiles } from './render-profile.js';

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
const signed = (value: number, digits: number): string => (value >= 0 ? '+' : '') + value.toFixed(digits);

function added(target: TargetResults, value: number): string {
  return target.name === 'direct' ? '—' : signed(value, 3);
}

/** The results as Markdown: three tables of figures, the goals, the machine and the settings. */
export function renderMarkdown(results: BenchResults): string {
  const { targets, machine, settings } = results;
  const acrossCores = targets.some((target) => target.latencyAcrossCores !== undefined);
  const latency = markdownTable(
    [
      'target',
      'p50 ms',
      'p99 ms',
      'added p50 ms',
      'added p99 ms',
      ...(acrossCores ? ['added p50 ms, gateway on its own core', 'added p99 ms, gateway on its own core'] : []),
    ],
    targets.map((target) => [
      TARGET_LABELS[target.name],
      fixed(target.latency.p50, 3),
      fixed(target.latency.p99, 3),
      added(target, target.latency.addedP50),
      added(target, target.latency.addedP99),
      ...(target.latencyAcrossCores === undefined
        ? []
        : [added(target, target.latencyAcrossCores.addedP50), added(target, target.latencyAcrossCores.addedP99)]),
    ]),
  );
  const streaming = markdownTable(
    ['target', 'TTFT p50 ms', 'TTFT p99 ms', 'added TTFT p50 ms', 'added TTFT p99 ms', 'whole stream p50 ms'],
    targets.map((target) => [
      TARGET_LABELS[target.name],
      fixed(target.firstToken.p50, 3),
      fixed(target.firstToken.p99, 3),
      added(target, target.firstToken.addedP50),
      added(target, target.firstToken.addedP99),
      fixed(target.streamTotalP50, 3),
    ]),
  );
  const load = markdownTable(
    [
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'failures',
      'CPU (share of a core)',
      'CPU µs/request',
      'RSS idle MiB',
      'RSS after load MiB',
      'other work on the machine (runs)',
    ],
    targets.map((target) => [
      TARGET_LABELS[target.name],
      fixed(target.throughput.requestsPerSecond, 0),
      fixed(target.throughput.latencyP50Ms, 1),
      fixed(target.throughput.latencyP99Ms, 1),
      String(target.throughput.failures),
      fixed(target.throughput.cpuShareOfCore, 2),
      fixed(target.throughput.cpuMicrosecondsPerRequest, 0),
      fixed(target.rssIdleMib, 1),
      fixed(target.rssAfterLoadMib, 1),
      `${target.throughput.foreignCpuShare === undefined ? 'n/a' : `${(target.throughput.foreignCpuShare * 100).toFixed(0)}%`} (${target.throughput.attempts})`,
    ]),
  );
  const goals = markdownTable(
    ['goal', 'Hangar', 'result'],
    results.goals.map((goal) => [goal.goal, goal.measured, `${goal.met ? '**met**' : '**missed**'} — ${goal.margin}`]),
  );
  const sections = [
    `# Hangar side-by-side benchmark (${settings.mode} run, ${results.startedAt})`,
    `Node ${machine.node} · ${machine.cpuModel} · ${machine.cores} cores · ${machine.memoryGib} GiB · ${machine.system} · ` +
      `background CPU ${machine.backgroundCpuShare === undefined ? 'n/a' : `${(machine.backgroundCpuShare * 100).toFixed(0)}%`} at start · Hangar ${machine.hangarCommit} · Portkey ${machine.portkeyVersion} · ` +
      `CPU pinning: ${settings.pinning} · ` +
      `other work on the machine during the run: ${results.foreignCpuShare === undefined ? 'n/a' : `${(results.foreignCpuShare * 100).toFixed(0)}% of its CPU`} · ` +
      `run took ${results.durationSeconds.toFixed(0)} s`,
    `## Sequential non-streamed latency (keep-alive, ${settings.latencyRounds} interleaved rounds × ${settings.latencyRequestsPerRound} requests; medians of round percentiles)`,
    latency,
    `## Streaming time to first token (${settings.streamRounds} rounds × ${settings.streamRequestsPerRound} streams, ` +
      `${settings.streamChunks} content chunks, ` +
      `${settings.chunkDelayMs === 0 ? 'the emulator writes every frame at once' : `${settings.chunkDelayMs} ms apart`}; medians of round percentiles)`,
    streaming,
    `## Throughput at ${settings.connections} connections (non-streamed, ${settings.throughputSeconds} s per target) and memory`,
    load,
    '## Goals',
    goals,
  ];
  sections.push(...renderProfiles(results.profiles));
  if (results.notes.length > 0) sections.push('## Notes', results.notes.map((note) => `- ${note}`).join('\n'));
  return sections.join('\n\n') + '\n';
}
