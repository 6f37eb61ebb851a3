import type { EvalReport, MetricResult } from './evaluate-analyzer.js';

/** Where each metric's items come from, so a reader of the table knows what the counts are counts of. */
const METRIC_SCOPE: Record<MetricResult['name'], string> = {
  hate: 'all items',
  sexual: 'all items',
  violence: 'all items',
  self_harm: 'all items',
  jailbreak: 'user items',
  indirect_attack: 'tool items',
};

/**
 * The report as a markdown table and two lines under it. Fixed decimals and no timings, so the same analyzer
 * on the same set renders the same bytes (docs/content-safety.md holds the built-in analyzer's report), and
 * columns padded as prettier pads them, so the docs stay formatted.
 */
export function renderEvalReportMarkdown(report: EvalReport): string {
  const benignCount = report.benign.items;
  const header = ['Category', 'Judged on', 'TP', 'FP', 'FN', 'TN', 'Precision', 'Recall', 'FPR'];
  const rows = report.metrics.map((metric) => [
    metric.name,
    METRIC_SCOPE[metric.name],
    String(metric.truePositives),
    String(metric.falsePositives),
    String(metric.falseNegatives),
    String(metric.trueNegatives),
    formatRatio(metric.precision),
    formatRatio(metric.recall),
    formatRatio(metric.falsePositiveRate),
  ]);
  const flagged = report.benign.falsePositiveIds.map((id) => `\`${id}\``).join(', ');
  const lines = [
    `Analyzer \`${report.analyzer}\`, threshold \`${report.threshold}\`: ${report.items} items judged, ${benignCount} of them benign.`,
    '',
    formatMarkdownTable(header, rows, ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']),
    '',
    `Benign false-positive rate: ${formatPercent(report.benign.falsePositiveRate)} ` +
      `(${report.benign.falsePositives} of ${benignCount})${flagged === '' ? '.' : `: ${flagged}.`}`,
  ];
  if (report.errors.length > 0) {
    lines.push(
      '',
      `Left out because the analyzer failed on them: ${report.errors.map((error) => `\`${error.id}\``).join(', ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The report as JSON: every count, rate and the ids behind each false positive and false negative. */
export function renderEvalReportJson(report: EvalReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function formatRatio(value: number | null): string {
  return value === null ? '-' : value.toFixed(3);
}

function formatPercent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(2)} %`;
}

type Alignment = 'left' | 'right';

/** A table laid out the way prettier lays one out: every cell padded to its column's width. */
function formatMarkdownTable(header: string[], rows: string[][], alignments: Alignment[]): string {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return alignments[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(' | ')} |`;
  const rule = widths.map((width, column) =>
    alignments[column] === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
  );
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
