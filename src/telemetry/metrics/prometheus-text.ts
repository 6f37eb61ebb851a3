// The text exposition format 0.0.4: https://prometheus.io/docs/instrumenting/exposition_formats/

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}

/** HELP text escapes backslash and line feed. */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (character) => (character === '\n' ? '\\n' : '\\\\'));
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** `{a="x",b="y"}` from label names and values in the same order; empty when there are none. */
export function formatLabels(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  let text = '{';
  for (let index = 0; index < names.length; index += 1) {
    if (index > 0) text += ',';
    text += `${names[index]!}="${escapeLabelValue(values[index] ?? '')}"`;
  }
  return `${text}}`;
}

export function header(lines: string[], name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void {
  lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
}
