import type { MachineInfo } from '../report/machine-info.js';
import { markdownTable } from '../report/markdown-table.js';
import type { ExactnessFigures } from './measure-quota-exactness.js';
import type { LatencyFigures, ThroughputFigures } from './measure-quota-cost.js';

export interface QuotaBenchSide {
  name: string;
  detail: string;
  latency: LatencyFigures;
  throughput: ThroughputFigures;
  exactness: ExactnessFigures;
}

export interface QuotaBenchReport {
  startedAt: string;
  durationSeconds: number;
  mode: 'full' | 'quick';
  machine: MachineInfo;
  /** Share of the machine's CPU that other work used during the run. */
  foreignCpuShare: number | undefined;
  sides: readonly QuotaBenchSide[];
  /** Why the Redis rows are missing, when they are. */
  redisNote: string | undefined;
}

const microseconds = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

export function renderQuotaReport(report: QuotaBenchReport): string {
  const { machine, sides } = report;
  const first = sides[0];
  const lines: string[] = [
    '# Quota check: in process and on Redis',
    '',
    `Run ${report.startedAt} (${report.mode} mode, ${report.durationSeconds} s), Hangar ${machine.hangarCommit}, ` +
      `Node ${machine.node}.`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGib} GiB, ${machine.system}; load ` +
      `average ${machine.loadAverageAtStart.toFixed(2)} at start` +
      (report.foreignCpuShare === undefined
        ? ''
        : `; other work used ${(report.foreignCpuShare * 100).toFixed(0)} % of the CPU during the run`) +
      ' (a shared machine: figures move from run to run).',
    '',
    'One request = `reserve` of a 600-token estimate (admitted) + `settle` to 250 actual tokens, on one of 100 ' +
      'deployment keys whose limits no request reaches, so every request takes the same path.',
    '',
  ];
  for (const side of sides) lines.push(`- **${side.name}**: ${side.detail}`);
  if (report.redisNote !== undefined) lines.push(`- **Redis**: not measured — ${report.redisNote}`);
  lines.push('', '## Sequential latency (µs)', '');
  if (first !== undefined) {
    lines.push(
      `${first.latency.rounds} rounds per implementation after a warm-up; p50 and p99 per round, then the median ` +
        `over rounds (${sides.map((side) => `${whole(side.latency.requestsPerRound)} requests a round ${side.name}`).join(', ')}).`,
      '',
    );
  }
  lines.push(
    markdownTable(
      [
        'implementation',
        'reserve p50',
        'reserve p99',
        'settle p50',
        'settle p99',
        'reserve + settle p50',
        'reserve + settle p99',
      ],
      sides.map((side) => [
        side.name,
        microseconds(side.latency.reserveP50Us),
        microseconds(side.latency.reserveP99Us),
        microseconds(side.latency.settleP50Us),
        microseconds(side.latency.settleP99Us),
        `**${microseconds(side.latency.pairP50Us)}**`,
        microseconds(side.latency.pairP99Us),
      ]),
    ),
    '',
    '## Throughput, 50 requests in flight',
    '',
  );
  if (first !== undefined) {
    lines.push(
      `${first.throughput.runs} runs of ${first.throughput.secondsPerRun} s after a warm-up, median over runs. CPU ` +
        'per request: this process from `process.cpuUsage()`, the Redis server from `INFO cpu` (any other ' +
        'client of that server counts too).',
      '',
    );
  }
  lines.push(
    markdownTable(
      [
        'implementation',
        'reserve + settle per second',
        'gateway-process CPU per request',
        'Redis server CPU per request',
      ],
      sides.map((side) => [
        side.name,
        `**${whole(side.throughput.pairsPerSecond)}**`,
        `${microseconds(side.throughput.clientCpuUsPerPair)} µs`,
        side.throughput.serverCpuUsPerPair === undefined
          ? '—'
          : `${microseconds(side.throughput.serverCpuUsPerPair)} µs`,
      ]),
    ),
    '',
    '## Exactness',
    '',
  );
  if (first !== undefined) {
    lines.push(
      `${first.exactness.clients} clients at once against one window of a ${whole(first.exactness.tpm)} TPM key, ` +
        'each asking for 1–100 tokens (uniform) until refused once; on Redis the clients are spread over 4 ' +
        'connections, as over 4 replicas. Tokens admitted per trial:',
      '',
    );
  }
  lines.push(
    markdownTable(
      ['implementation', 'trials', 'fewest admitted', 'most admitted', 'share of the limit'],
      sides.map((side) => [
        side.name,
        String(side.exactness.trials),
        whole(side.exactness.minimumAdmitted),
        whole(side.exactness.maximumAdmitted),
        `${((side.exactness.minimumAdmitted / side.exactness.tpm) * 100).toFixed(2)} % – ` +
          `${((side.exactness.maximumAdmitted / side.exactness.tpm) * 100).toFixed(2)} %`,
      ]),
    ),
    '',
  );
  return `${lines.join('\n')}\n`;
}
