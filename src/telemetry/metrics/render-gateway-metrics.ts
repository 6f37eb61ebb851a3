import type { GatewayMetrics } from './gateway-metrics.js';
import { isLabelName, type GaugeSample } from './gauge-registry.js';
import type { Histogram } from './histogram.js';
import { ADMISSION_REJECTIONS, OPERATIONS, REQUEST_OUTCOMES, STATUS_CLASSES, TOKEN_KINDS } from './metric-labels.js';
import { formatLabels, formatValue, header } from './prometheus-text.js';

const DEPLOYMENT_LABELS = ['project', 'deployment'];

/** Renders every series, zero-valued cells of a seen label set left out to keep the page short. */
export function renderGatewayMetrics(metrics: GatewayMetrics): string {
  const lines: string[] = [];
  const deployments = [...metrics.deployments.values()];

  header(lines, 'hangar_requests_total', 'counter', 'Inference requests that reached a handler, by how they ended.');
  const requestLabels = [...DEPLOYMENT_LABELS, 'dialect', 'operation', 'outcome', 'status_class'];
  for (const series of deployments) {
    for (const [dialect, cells] of series.requests) {
      cells.forEach((count, cell) => {
        if (count === 0) return;
        const statusClass = cell % STATUS_CLASSES.length;
        const outcome = Math.floor(cell / STATUS_CLASSES.length) % REQUEST_OUTCOMES.length;
        const operation = Math.floor(cell / (STATUS_CLASSES.length * REQUEST_OUTCOMES.length));
        const values = [
          series.project,
          series.deployment,
          dialect,
          OPERATIONS[operation]!,
          REQUEST_OUTCOMES[outcome]!,
          STATUS_CLASSES[statusClass]!,
        ];
        lines.push(`hangar_requests_total${formatLabels(requestLabels, values)} ${formatValue(count)}`);
      });
    }
  }

  header(
    lines,
    'gen_ai_server_request_duration_seconds',
    'histogram',
    'Time from the start of an inference request to its end (for a stream, its last frame), in seconds.',
  );
  for (const series of deployments) {
    series.duration.forEach((histogram, operation) =>
      renderHistogram(
        lines,
        'gen_ai_server_request_duration_seconds',
        [...DEPLOYMENT_LABELS, 'operation'],
        [series.project, series.deployment, OPERATIONS[operation]!],
        histogram,
      ),
    );
  }

  header(
    lines,
    'gen_ai_server_time_to_first_token_seconds',
    'histogram',
    'Streamed chat: time from the start of the request to the first generated token, in seconds.',
  );
  for (const series of deployments) {
    renderHistogram(
      lines,
      'gen_ai_server_time_to_first_token_seconds',
      DEPLOYMENT_LABELS,
      deploymentValues(series),
      series.timeToFirstToken,
    );
  }

  header(
    lines,
    'gen_ai_server_time_per_output_token_seconds',
    'histogram',
    'Streamed chat: mean time between generated tokens after the first (inter-token latency), in seconds.',
  );
  for (const series of deployments) {
    renderHistogram(
      lines,
      'gen_ai_server_time_per_output_token_seconds',
      DEPLOYMENT_LABELS,
      deploymentValues(series),
      series.timePerOutputToken,
    );
  }

  header(lines, 'hangar_tokens_total', 'counter', 'Tokens metered, by usage bucket (kind).');
  for (const series of deployments) {
    series.tokens.forEach((count, kind) => {
      lines.push(
        `hangar_tokens_total${formatLabels([...DEPLOYMENT_LABELS, 'kind'], [...deploymentValues(series), TOKEN_KINDS[kind]!])} ${formatValue(count)}`,
      );
    });
  }

  header(lines, 'gen_ai_client_token_usage', 'histogram', 'Tokens per request: prompt (input) and generated (output).');
  for (const series of deployments) {
    series.tokenUsage.forEach((histograms, operation) => {
      histograms.forEach((histogram, type) => {
        if (histogram.count === 0) return;
        renderHistogram(
          lines,
          'gen_ai_client_token_usage',
          [...DEPLOYMENT_LABELS, 'operation', 'token_type'],
          [...deploymentValues(series), OPERATIONS[operation]!, type === 0 ? 'input' : 'output'],
          histogram,
        );
      });
    });
  }

  header(
    lines,
    'hangar_admission_rejections_total',
    'counter',
    "Requests refused before any backend: a deployment's TPM/RPM (quota) or a spent budget (budget).",
  );
  for (const series of deployments) {
    series.rejections.forEach((count, reason) => {
      lines.push(
        `hangar_admission_rejections_total${formatLabels([...DEPLOYMENT_LABELS, 'reason'], [...deploymentValues(series), ADMISSION_REJECTIONS[reason]!])} ${formatValue(count)}`,
      );
    });
  }

  header(
    lines,
    'gen_ai_client_operation_duration_seconds',
    'histogram',
    'Calls from Hangar to a backend, each attempt on its own: time until the answer (for a stream, its headers), in seconds.',
  );
  for (const [provider, series] of metrics.providers) {
    series.attemptDuration.forEach((histogram, operation) => {
      if (histogram.count === 0) return;
      renderHistogram(
        lines,
        'gen_ai_client_operation_duration_seconds',
        ['provider', 'operation'],
        [provider, OPERATIONS[operation]!],
        histogram,
      );
    });
  }

  header(
    lines,
    'hangar_upstream_errors_total',
    'counter',
    'Failed calls to a backend, by provider and Hangar error code.',
  );
  for (const [provider, series] of metrics.providers) {
    for (const [code, count] of series.errors) {
      lines.push(
        `hangar_upstream_errors_total${formatLabels(['provider', 'code'], [provider, code])} ${formatValue(count)}`,
      );
    }
  }

  for (const gauge of metrics.gauges) {
    let samples: GaugeSample[];
    try {
      samples = [...gauge.collect()];
    } catch {
      // One module's failing callback must not hide every other metric from the scrape.
      continue;
    }
    header(lines, gauge.name, 'gauge', gauge.help);
    for (const sample of samples) {
      const names = Object.keys(sample.labels).filter(isLabelName);
      lines.push(
        `${gauge.name}${formatLabels(
          names,
          names.map((name) => sample.labels[name]!),
        )} ${formatValue(sample.value)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function deploymentValues(series: { project: string; deployment: string }): string[] {
  return [series.project, series.deployment];
}

function renderHistogram(
  lines: string[],
  name: string,
  labelNames: string[],
  labelValues: string[],
  histogram: Histogram,
): void {
  const names = [...labelNames, 'le'];
  let cumulative = 0;
  histogram.upperBounds.forEach((bound, index) => {
    cumulative += histogram.counts[index]!;
    lines.push(`${name}_bucket${formatLabels(names, [...labelValues, formatValue(bound)])} ${formatValue(cumulative)}`);
  });
  lines.push(`${name}_bucket${formatLabels(names, [...labelValues, '+Inf'])} ${formatValue(histogram.count)}`);
  const labels = formatLabels(labelNames, labelValues);
  lines.push(
    `${name}_sum${labels} ${formatValue(histogram.sum)}`,
    `${name}_count${labels} ${formatValue(histogram.count)}`,
  );
}
