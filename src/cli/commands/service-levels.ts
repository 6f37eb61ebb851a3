import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { asObject, output, requireOption, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';
import type { JsonValue } from '../../spec/index.js';

const WINDOWS = ['1h', '24h', '30d'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Micro-dollars as dollars with cents and any further digits: 1234500 → "1.2345". */
function usd(microUsd: JsonValue | undefined): string {
  if (typeof microUsd !== 'number') return '-';
  const fraction = String(Math.abs(microUsd) % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${microUsd < 0 ? '-' : ''}${Math.floor(Math.abs(microUsd) / 1_000_000)}.${fraction}`;
}

function percent(value: JsonValue | undefined): string {
  return typeof value === 'number' ? `${value}%` : '-';
}

function milliseconds(value: JsonValue | undefined): string {
  return typeof value === 'number' ? `${value} ms` : '-';
}

export const slo: Command = {
  usage: 'slo --project PROJECT --name DEPLOYMENT [--window 1h|24h|30d]',
  summary:
    "A deployment's availability, latency and time-to-first-token percentiles and tokens/s (last hour unless told)",
  options: [...CLIENT_OPTIONS, 'project', 'name', 'window'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const deployment = requireOption(context.values, 'name');
    const project = requireOption(context.values, 'project');
    const window = context.values.window ?? '1h';
    if (!WINDOWS.includes(window)) throw usageError('--window must be 1h, 24h or 30d');
    const answer = await context
      .client()
      .send('GET', `/admin/projects/${segment(project)}/deployments/${segment(deployment)}/slo?window=${window}`);
    return output(context, answer, () => {
      const view = asObject(answer);
      const excluded = asObject(view.excluded_requests);
      const latency = asObject(view.latency_ms);
      const firstToken = asObject(view.time_to_first_token_ms);
      const rows = [
        ['availability', percent(view.availability_percent)],
        ['eligible requests', text(view, 'eligible_requests') ?? '0'],
        ['successful', text(view, 'successful_requests') ?? '0'],
        ['failed', text(view, 'failed_requests') ?? '0'],
        [
          'excluded',
          Object.entries(excluded)
            .map(([reason]) => `${reason} ${text(excluded, reason) ?? '0'}`)
            .join(', '),
        ],
        ...(['p50', 'p90', 'p95', 'p99'] as const).map((name) => [
          `latency ${name}`,
          `${milliseconds(latency[name])}  (first token ${milliseconds(firstToken[name])})`,
        ]),
        ['output tokens/s', text(view, 'output_tokens_per_second') ?? '-'],
      ];
      return `SLO of ${project}/${deployment} over ${window}\n${formatTable(['measure', 'value'], rows)}`;
    });
  },
};

export const sla: Command = {
  usage: 'sla --project PROJECT [--month YYYY-MM]',
  summary: "A month's SLA report (this month unless told): availability against target, downtime, service credits",
  options: [...CLIENT_OPTIONS, 'project', 'month'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(context.values, 'project');
    const month = context.values.month ?? new Date().toISOString().slice(0, 7);
    if (!MONTH.test(month)) throw usageError('--month must be a month written YYYY-MM');
    const answer = await context.client().send('GET', `/admin/projects/${segment(project)}/sla?month=${month}`);
    return output(context, answer, () => {
      const report = asObject(answer);
      const lines = Array.isArray(report.deployments) ? report.deployments.map(asObject) : [];
      const rows = lines.map((line) => [
        text(line, 'deployment') ?? `${text(line, 'deployment_id') ?? ''} (removed)`,
        text(line, 'deployment_type'),
        percent(line.target_percent),
        percent(line.availability_percent),
        text(line, 'downtime_minutes'),
        percent(line.credit_percent),
        usd(line.invoice_amount_micro_usd),
        usd(line.credit_micro_usd),
      ]);
      rows.push(['total', '', '', '', '', '', '', usd(report.total_credit_micro_usd)]);
      return (
        `SLA of project ${project} for ${month} (a minute is down above ${text(report, 'downtime_error_rate_percent') ?? '-'}% errors)\n` +
        formatTable(
          ['deployment', 'type', 'target', 'availability', 'downtime min', 'credit', 'invoiced usd', 'credit usd'],
          rows,
        )
      );
    });
  },
};
